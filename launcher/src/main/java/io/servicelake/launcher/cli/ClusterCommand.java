package io.servicelake.launcher.cli;

import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.cluster.ClusterNode;
import io.servicelake.launcher.cluster.LocalCluster;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.Ports;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code servicelake cluster up|down|status|chaos}: the multi-process cluster on localhost. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "A multi-process cluster on 127.0.0.1, each part its own OS process:",
      "PostgreSQL + Iceberg REST catalog, 3 Kafka KRaft brokers, a Flink session",
      "cluster (JobManager + 2 TaskManagers), Spark standalone (master + worker)",
      "and Trino (coordinator + worker). State, pids and logs: <data-dir>/cluster.",
      "'up' writes <data-dir>/cluster/cluster.properties; the unchanged pipeline",
      "runs on it with: ./servicelake quickstart --config <that file>"
    },
    subcommands = {
      ClusterCommand.Up.class,
      ClusterCommand.Down.class,
      ClusterCommand.Status.class,
      ClusterChaosCommand.class
    })
public final class ClusterCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: up, down, status or chaos.");
  }

  /** Where a cluster of this configuration keeps its state (checked before creating anything). */
  static java.nio.file.Path root(ServiceLakeConfig config) {
    return config.dataDir().resolve("cluster");
  }

  static LocalCluster cluster(ServiceLakeConfig config) {
    return new LocalCluster(
        config.dataDir(),
        Artifacts.fromSystemProperty(),
        config.eventsTopic(),
        config.trinoJavaHome());
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start every cluster process that is not running (idempotent: it also",
        "restarts dead ones), wait until each tier serves, create the events topic",
        "(RF 3, min.insync.replicas 2), write the cluster's configuration file."
      })
  static final class Up implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
      LocalCluster cluster = cluster(configOptions.load());
      Progress progress = new Progress(System.out);
      progress.line("ServiceLake cluster on 127.0.0.1 — state in " + cluster.root());
      cluster.up(progress);
      progress.line("");
      progress.line("Cluster is up. Total " + progress.elapsed().toSeconds() + " s.");
      progress.line("  Configuration: " + cluster.configFile());
      progress.line("  Pipeline:      ./servicelake quickstart --config " + cluster.configFile());
      progress.line("  Query:         ./servicelake sql --config " + cluster.configFile());
      progress.line(
          "  Processes:     ./servicelake cluster status     stop: ./servicelake cluster down");
      return 0;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stop every cluster process (Trino first, PostgreSQL last). Data is kept.")
  static final class Down implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      java.io.PrintWriter out = spec.commandLine().getOut();
      ServiceLakeConfig config = configOptions.load();
      List<String> stopped = Files.isDirectory(root(config)) ? cluster(config).down() : List.of();
      out.println(
          stopped.isEmpty()
              ? "No cluster process was running (" + root(config) + ")."
              : "Stopped " + stopped.size() + " processes: " + String.join(", ", stopped));
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Each cluster process: up or down, pid, port, heap; then what the cluster",
        "reports (Kafka brokers, Flink TaskManagers, Spark workers, Trino).",
        "Exit 0 when all is up, else 1."
      })
  static final class Status implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      java.io.PrintWriter out = spec.commandLine().getOut();
      ServiceLakeConfig config = configOptions.load();
      if (!Files.isDirectory(root(config))) {
        out.println("No cluster in " + root(config) + ". Start one with ./servicelake cluster up");
        out.flush();
        return 1;
      }
      LocalCluster cluster = cluster(config);
      boolean allUp = true;
      out.printf(
          Locale.ROOT,
          "%-22s %-5s %-8s %-6s %-5s %s%n",
          "PROCESS",
          "STATE",
          "PID",
          "PORT",
          "HEAP",
          "ROLE");
      for (ClusterNode node : cluster.nodes()) {
        Optional<Long> pid = cluster.runningPid(node.name());
        boolean up = pid.isPresent() && (node.port() == 0 || Ports.isOpen(node.port()));
        allUp &= up;
        out.printf(
            Locale.ROOT,
            "%-22s %-5s %-8s %-6s %-5s %s%n",
            node.name(),
            up ? "up" : "down",
            pid.map(String::valueOf).orElse("-"),
            node.port() == 0 ? "-" : Integer.toString(node.port()),
            node.heap().startsWith("shared") ? "-" : node.heap(),
            node.role());
      }
      int brokers = cluster.kafkaBrokers();
      int taskManagers = cluster.flinkTaskManagers();
      int workers = cluster.sparkAliveWorkers();
      boolean trino = cluster.trinoAnswers();
      out.println();
      out.println("Kafka brokers alive:      " + Math.max(brokers, 0) + " / 3");
      out.println("Flink TaskManagers:       " + Math.max(taskManagers, 0) + " / 2");
      out.println("Spark workers alive:      " + Math.max(workers, 0) + " / 1");
      out.println("Trino answers SELECT 1:   " + (trino ? "yes" : "no"));
      out.println("Configuration:            " + cluster.configFile());
      allUp &= brokers == 3 && taskManagers == 2 && workers == 1 && trino;
      out.flush();
      return allUp ? 0 : 1;
    }
  }
}
