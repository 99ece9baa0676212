package io.servicelake.launcher.cli;

import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.launcher.bench.MartsBenchmark;
import io.servicelake.launcher.bench.ModeComparison;
import io.servicelake.launcher.bench.ModeComparison.Figure;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.CatalogServer;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake bench marts}: time to build every SQL model from N simulated events. */
@Command(
    name = "marts",
    mixinStandardHelpOptions = true,
    description = {
      "Generate --events simulated events (seeded, streamed), append them to the raw"
          + " tables directly with Spark (RawEventLoader: bypasses Kafka and Flink, which 'bench"
          + " ingest' measures), then build every SQL model as 'build marts' does, timing each.",
      "Prints a table (rows and seconds per model, total, peak memory, slowest models) and writes"
          + " it as JSON and CSV.",
      "Runs on a throw-away lake (an embedded Iceberg REST catalog in a temporary directory, on a"
          + " free port, deleted afterwards), never on your data; Spark settings (spark.master)"
          + " come from the configuration.",
      "With --cluster the same build is repeated on a throw-away localhost cluster ('cluster up'"
          + " in a temporary directory: Spark standalone master + worker, catalog on PostgreSQL),"
          + " and the JSON holds both runs, their ratios and why they differ; the CSV lists each"
          + " model's rows and seconds in both modes."
    })
public final class BenchMartsCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "About how many events to simulate (~8.9 per unit). Default: ${DEFAULT-VALUE}.")
  long events = 1_000_000;

  @Option(names = "--seed", description = "Simulator seed. Default: ${DEFAULT-VALUE}.")
  long seed = 7;

  @Option(
      names = "--keep",
      description = "Keep the temporary lake (its path is printed) instead of deleting it.")
  boolean keep;

  @Option(
      names = "--cluster",
      description =
          "Also run on a localhost cluster (Spark standalone master + worker, executors in their"
              + " own process; Iceberg REST catalog on PostgreSQL) and write both runs side by"
              + " side.")
  boolean cluster;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "JSON file for the figures; the CSV goes next to it. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("target/bench/marts.json");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || events > 2_000_000_000L) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events must be between 1 and 2000000000, got " + events);
    }
    if (Files.isDirectory(out) || !out.toString().endsWith(".json")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--out " + out + " must name a .json file, e.g. target/bench/x.json");
    }
    Progress progress = new Progress(System.out);
    MartsBenchmark.Result result = runEmbedded(progress);
    System.out.print(MartsBenchmark.toTable(result));
    Path json = out.toAbsolutePath();
    Path csv = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", ".csv"));
    Files.createDirectories(json.getParent());
    if (!cluster) {
      Files.writeString(json, MartsBenchmark.toJson(result) + "\n");
      Files.writeString(csv, MartsBenchmark.toCsv(result));
    } else {
      MartsBenchmark.Result onCluster = runOnCluster(progress);
      System.out.print(MartsBenchmark.toTable(onCluster));
      Map<String, String> differences = MartsBenchmark.rowDifferences(result, onCluster);
      String embeddedJson = MartsBenchmark.toJson(result);
      String clusterJson = MartsBenchmark.toJson(onCluster);
      Files.writeString(
          json,
          ModeComparison.toJson(
              "marts",
              embeddedJson,
              clusterJson,
              Map.of(
                  "embedded",
                  "Spark " + result.sparkMaster() + " in the launcher JVM, catalog on SQLite",
                  "cluster",
                  "Spark standalone "
                      + onCluster.sparkMaster()
                      + ": the launcher is the client-mode driver, the executor (1 GB heap) runs"
                      + " under the worker; catalog on PostgreSQL"),
              explanation(embeddedJson, clusterJson, differences)));
      Files.writeString(csv, MartsBenchmark.toCsv(result, onCluster));
      System.out.println(
          differences.isEmpty()
              ? "Every model has the same rows in both modes."
              : "Rows differ between the modes: " + differences);
    }
    System.out.println("Figures written to " + json + " and " + csv);
    return 0;
  }

  private MartsBenchmark.Result runEmbedded(Progress progress) throws Exception {
    Path dataDir = Files.createTempDirectory("servicelake-bench-marts-");
    ServiceLakeConfig config = throwawayLake(dataDir);
    progress.line("bench marts, embedded (lake in " + dataDir + ")");
    try {
      String warehouse = StackEndpoints.warehouse(config);
      try (ManagedProcess catalog =
          CatalogServer.start(
              Artifacts.fromSystemProperty(), dataDir, warehouse, config.catalogPort())) {
        // Ctrl-C or a kill during a long run still stops the catalog process
        Thread stopCatalog = new Thread(catalog::close, "bench-marts-stop-catalog");
        Runtime.getRuntime().addShutdownHook(stopCatalog);
        try {
          return new MartsBenchmark(Stack.running(config), progress).run(events, seed);
        } finally {
          Runtime.getRuntime().removeShutdownHook(stopCatalog);
        }
      }
    } finally {
      if (keep) {
        System.out.println("Lake kept in " + dataDir);
      } else {
        BenchCommand.Simulate.deleteTree(dataDir);
      }
    }
  }

  /** The same build on a throw-away localhost cluster; --keep does not apply to it. */
  private MartsBenchmark.Result runOnCluster(Progress progress) throws Exception {
    ServiceLakeConfig user = configOptions.load();
    try (BenchCluster local = BenchCluster.up(user.eventsTopic(), user.trinoJavaHome(), progress)) {
      return new MartsBenchmark(Stack.running(local.config(Map.of())), progress).run(events, seed);
    }
  }

  /** Why the cluster's build differs from the embedded one, ending with what was measured. */
  static List<String> explanation(
      String embedded, String cluster, Map<String, String> rowDifferences) {
    return List.of(
        "Same code, same seed, same SQL models; only the configuration differs ("
            + (rowDifferences.isEmpty()
                ? "and every model has the same number of rows in both modes)."
                : "yet these models' rows differ: " + rowDifferences + ")."),
        "Spark: in local mode the tasks run as threads of the launcher JVM and shuffle blocks"
            + " stay in its memory; on the cluster the launcher is only the driver, tasks and"
            + " their results are serialized to an executor process the worker starts (1 GB"
            + " heap instead of a share of the launcher's 3 GB), and shuffles go through its"
            + " block manager over loopback.",
        "The executor is started once per run (a JVM start and class loading of the job's jars),"
            + " then reused by all models.",
        "Iceberg: every model's commit goes through the REST catalog, which writes to PostgreSQL"
            + " instead of SQLite.",
        "CPU: the other cluster processes (3 Kafka brokers, the Flink session cluster, Trino)"
            + " are up but idle during the build; they still use some CPU and memory on the same"
            + " 2 cores. CPU seconds and peak memory count the launcher and every child"
            + " process, so the executor's work is included, and on the cluster so is what the"
            + " idle processes spend.",
        ModeComparison.measured(
            embedded,
            cluster,
            new Figure("build", "build_seconds", "%.1f", 1, "s", true),
            new Figure("CPU", "build_cpu_seconds", "%.1f", 1, "s", false),
            new Figure("generate + load", "generate_and_load_seconds", "%.1f", 1, "s", false),
            new Figure("peak resident memory", "peak_rss_bytes", "%.1f", 1e9, "GB", false)));
  }

  /**
   * The user's configuration (Spark settings) with the lake redirected to a temporary directory and
   * an embedded catalog on a free port: a benchmark must never write into a real lake.
   */
  private ServiceLakeConfig throwawayLake(Path dataDir) {
    ServiceLakeConfig user = configOptions.load();
    Map<String, String> overrides = new HashMap<>(configOptions.overrides);
    overrides.put("data-dir", dataDir.toString());
    overrides.put("catalog.uri", "");
    overrides.put("warehouse.uri", "");
    overrides.put("catalog.port", Integer.toString(Ports.free()));
    overrides.put("spark.master", user.sparkMaster());
    return ServiceLakeConfig.load(
        Optional.ofNullable(configOptions.configFile), System.getenv(), overrides);
  }
}
