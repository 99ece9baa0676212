package io.servicelake.launcher.cli;

import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.bench.IngestBenchmark;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code servicelake bench ingest}: Kafka → Flink → Iceberg throughput and freshness. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Start a throw-away embedded stack (temp data dir, free ports), stream --events simulated"
            + " events through Kafka → Flink → Iceberg while producing, then measure freshness"
            + " (produce → visible in Trino) and a plain Kafka consumer's rate on the same topic."
            + " Prints the figures and writes them as JSON.")
public final class BenchIngestCommand implements Callable<Integer> {

  @Option(names = "--events", description = "Events to stream. Default: ${DEFAULT-VALUE}.")
  int events = 1_000_000;

  @Option(
      names = "--samples",
      description = "Freshness probes (one at a time). Default: ${DEFAULT-VALUE}.")
  int samples = 30;

  @Option(
      names = "--checkpoint-interval",
      description = "Flink checkpoint (= commit) interval. Default: ${DEFAULT-VALUE}.")
  String checkpointInterval = "5s";

  @Option(names = "--out", description = "JSON file for the figures. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("target/bench/ingest.json");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || samples < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events must be >= 1 and --samples >= 0");
    }
    Path dataDir = Files.createTempDirectory("servicelake-bench-");
    Map<String, String> settings = new HashMap<>();
    settings.put("data-dir", dataDir.toString());
    settings.put("kafka.port", Integer.toString(Ports.freePair()));
    settings.put("catalog.port", Integer.toString(Ports.free()));
    settings.put("trino.port", Integer.toString(Ports.free()));
    settings.put("flink.checkpoint-interval", checkpointInterval);
    ServiceLakeConfig config = ServiceLakeConfig.load(Optional.empty(), Map.of(), settings);
    Progress progress = new Progress(System.out);
    IngestBenchmark.Result result;
    try (Stack stack = Stack.start(config, Artifacts.fromSystemProperty(), progress)) {
      result = new IngestBenchmark(stack, config.parallelism(), progress).run(events, samples);
    }
    String json = IngestBenchmark.toJson(result);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json);
    System.out.print(json);
    System.out.println("Written to " + out.toAbsolutePath() + " (engine state in " + dataDir + ")");
    return 0;
  }
}
