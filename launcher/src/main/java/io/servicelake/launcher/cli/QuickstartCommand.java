package io.servicelake.launcher.cli;

import io.servicelake.launcher.Pipeline;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.TrinoServer;
import io.servicelake.launcher.security.AccessRules;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake quickstart}: the whole pipeline on the embedded stack, left queryable. */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Start Kafka, the Iceberg REST catalog and Trino (embedded unless configured otherwise),",
      "produce simulated service events, ingest them with Flink into Iceberg, build the Spark",
      "marts, print how to query, and stay up until Ctrl-C (or return at once with --detach).",
      "A second run reuses the data directory: nothing is loaded twice."
    })
public final class QuickstartCommand implements Callable<Integer> {

  static final String LAUNCHER_PID = "launcher.pid";
  static final String READY_FILE = "ready";
  static final String READY_BANNER = "ServiceLake is up.";

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--units",
      paramLabel = "N",
      description =
          "Installed units to simulate (about 8 events each over their service life)."
              + " Default: ${DEFAULT-VALUE}.")
  int units = 1500;

  @Option(names = "--seed", description = "Simulator seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--detach",
      description = "Return once everything is up; stop later with ./servicelake stop.")
  boolean detach;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServiceLakeConfig config = configOptions.load();
    if (units < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--units must be at least 1, got " + units);
    }
    Path run = config.dataDir().resolve("run");
    ManagedProcess.readPid(run.resolve(LAUNCHER_PID))
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .ifPresent(
            pid -> {
              throw new IllegalStateException(
                  "ServiceLake already runs from "
                      + config.dataDir()
                      + " (pid "
                      + pid.pid()
                      + "). Query it with ./servicelake sql, or stop it with ./servicelake stop.");
            });
    Files.createDirectories(run);
    Files.deleteIfExists(run.resolve(READY_FILE));
    return detach ? startDetached(config) : runForeground(config);
  }

  private int runForeground(ServiceLakeConfig config) throws Exception {
    Path run = config.dataDir().resolve("run");
    Files.writeString(run.resolve(LAUNCHER_PID), Long.toString(ProcessHandle.current().pid()));
    Progress progress = new Progress(System.out);
    progress.line("ServiceLake quickstart — data directory " + config.dataDir());
    Stack stack = Stack.start(config, Artifacts.fromSystemProperty(), progress);
    Pipeline pipeline = new Pipeline(stack.lake(), config.parallelism(), stack.flink(), progress);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown =
        new Thread(
            () -> {
              progress.line("Stopping ServiceLake …");
              closeQuietly(pipeline);
              stack.close();
              try {
                Files.deleteIfExists(run.resolve(READY_FILE));
                Files.deleteIfExists(run.resolve(LAUNCHER_PID));
              } catch (IOException e) {
                // the next start overwrites them
              }
              stopped.countDown();
            },
            "servicelake-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      long records = pipeline.produceDemoEvents(SimulatorConfig.defaults(seed, units, 0.01));
      pipeline.startIngestion();
      pipeline.awaitIngested(records, Duration.ofMinutes(10));
      pipeline.buildMarts();
    } catch (Exception | Error e) {
      // The shutdown hook stops everything started so far; the message says what failed.
      throw e;
    }
    printBanner(progress, stack.trino(), config);
    Files.writeString(run.resolve(READY_FILE), stack.trinoUrl());
    progress.line("Ingestion keeps running. Press Ctrl-C to stop (or ./servicelake stop).");
    stopped.await();
    return 0;
  }

  static void printBanner(Progress progress, TrinoClient trino, ServiceLakeConfig config) {
    progress.line("");
    progress.line(READY_BANNER + " Total " + progress.elapsed().toSeconds() + " s.");
    progress.line("  Trino:        " + trino.url() + "   (catalog 'lake', HTTPS + password)");
    progress.line("  JDBC:         " + trino.jdbcUrl());
    if (config.trinoUrl().isEmpty()) {
      progress.line(
          "  Users:        "
              + String.join(", ", AccessRules.load().userNames())
              + "   (who sees what: README, 'Secure Trino')");
      progress.line(
          "  Passwords:    "
              + TrinoServer.passwordsFile(config.dataDir())
              + "   (generated on first start, owner-only)");
      progress.line("  Certificate:  " + TrinoServer.certificate(config.dataDir()));
      progress.line("  Connection:   " + TrinoServer.connectionFile(config.dataDir()));
    }
    progress.line("  SQL prompt:   ./servicelake sql [--user analyst]");
    progress.line("  Try:");
    for (String query : ExampleQueries.ALL) {
      progress.line("    ./servicelake sql \"" + query + "\"");
    }
    progress.line("");
  }

  /** Re-runs this command in a background JVM and returns once it reports ready. */
  private int startDetached(ServiceLakeConfig config) throws Exception {
    Path logs = config.dataDir().resolve("logs");
    Files.createDirectories(logs);
    Path log = logs.resolve("quickstart.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServiceLakeCli.class.getName());
    for (String arg : spec.commandLine().getParseResult().originalArgs()) {
      if (!arg.equals("--detach")) {
        command.add(arg);
      }
    }
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    Path ready = config.dataDir().resolve("run").resolve(READY_FILE);
    try (BufferedReader reader = Files.newBufferedReader(log)) {
      while (true) {
        String line = reader.readLine();
        if (line != null) {
          System.out.println(line);
          continue;
        }
        if (Files.exists(ready)) {
          System.out.println("Running in the background (pid " + child.pid() + "), log " + log);
          System.out.println("Stop it with: ./servicelake stop");
          return 0;
        }
        if (!child.isAlive()) {
          System.err.println("Quickstart failed (exit " + child.exitValue() + "); see " + log);
          return 1;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("While stopping: " + e.getMessage());
    }
  }
}
