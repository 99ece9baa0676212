package io.servicelake.launcher.cli;

import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.launcher.bench.MartsBenchmark;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.CatalogServer;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.transforms.config.LakeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
          + " come from the configuration."
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
    Path dataDir = Files.createTempDirectory("servicelake-bench-marts-");
    ServiceLakeConfig config = throwawayLake(dataDir);
    Progress progress = new Progress(System.out);
    MartsBenchmark.Result result;
    try {
      String warehouse = StackEndpoints.warehouse(config);
      try (ManagedProcess catalog =
          CatalogServer.start(
              Artifacts.fromSystemProperty(), dataDir, warehouse, config.catalogPort())) {
        // Ctrl-C or a kill during a long run still stops the catalog process
        Thread stopCatalog = new Thread(catalog::close, "bench-marts-stop-catalog");
        Runtime.getRuntime().addShutdownHook(stopCatalog);
        LakeSettings lake =
            new LakeSettings(
                "unused:9092",
                config.eventsTopic(),
                Stack.CATALOG_NAME,
                "http://127.0.0.1:" + config.catalogPort(),
                warehouse,
                config.sparkMaster(),
                dataDir.resolve("checkpoints").toUri().toString(),
                config.checkpointInterval());
        try {
          result = new MartsBenchmark(lake, progress).run(events, seed);
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
    System.out.print(MartsBenchmark.toTable(result));
    Path json = out.toAbsolutePath();
    Files.createDirectories(json.getParent());
    Files.writeString(json, MartsBenchmark.toJson(result) + "\n");
    Path csv = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", ".csv"));
    Files.writeString(csv, MartsBenchmark.toCsv(result));
    System.out.println("Figures written to " + json + " and " + csv);
    return 0;
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
