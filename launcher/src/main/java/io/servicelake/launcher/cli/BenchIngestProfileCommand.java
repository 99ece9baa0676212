package io.servicelake.launcher.cli;

import io.servicelake.ingestion.IngestProfile;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code servicelake bench ingest-profile}: CPU cost per event of each step of the Flink job. */
@Command(
    name = "ingest-profile",
    mixinStandardHelpOptions = true,
    description =
        "Measure the CPU time per event of each step of the ingestion job's own code (validate,"
            + " shuffle serialization, table row, Parquet encoding) on one thread, outside Flink,"
            + " with --events simulated events. Thread CPU time, so other load on the machine does"
            + " not inflate it. Prints the figures and the events/s they allow on N cores, and"
            + " writes them as JSON. No stack is started.")
public final class BenchIngestProfileCommand implements Callable<Integer> {

  /** Simulated records per installed unit, to size the simulation for a target event count. */
  private static final double EVENTS_PER_UNIT = 8.9;

  @Option(names = "--events", description = "Events to profile. Default: ${DEFAULT-VALUE}.")
  int events = 200_000;

  @Option(
      names = "--cores",
      description = "Cores to extrapolate the events/s to. Default: ${DEFAULT-VALUE}.")
  int cores = 2;

  @Option(names = "--out", description = "JSON file for the figures. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("target/bench/ingest-profile.json");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (events < 1000 || cores < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events must be >= 1000 and --cores >= 1");
    }
    List<byte[]> values = new ArrayList<>();
    new Simulator(SimulatorConfig.defaults(7L, (int) Math.ceil(events / EVENTS_PER_UNIT), 0.0))
        .run(event -> values.add(event.value()));
    List<byte[]> sample = values.subList(0, Math.min(events, values.size()));
    Path work = Files.createTempDirectory("servicelake-ingest-profile");
    // first pass warms the JIT; the second is measured
    IngestProfile.run(sample.subList(0, Math.min(sample.size(), 50_000)), work);
    IngestProfile.Result result = IngestProfile.run(sample, work);
    Files.deleteIfExists(work);

    StringBuilder json = new StringBuilder();
    json.append(
        String.format(
            Locale.ROOT,
            "{\n  \"benchmark\": \"ingest-profile\",\n  \"events\": %d,\n  \"steps\": [\n",
            result.events()));
    System.out.printf(Locale.ROOT, "%-36s %14s  %s%n", "step", "CPU µs/event", "what");
    for (int i = 0; i < result.steps().size(); i++) {
      IngestProfile.Step step = result.steps().get(i);
      System.out.printf(
          Locale.ROOT, "%-36s %14.2f  %s%n", step.name(), step.cpuMicrosPerEvent(), step.detail());
      json.append(
          String.format(
              Locale.ROOT,
              "    {\"step\": \"%s\", \"cpu_us_per_event\": %.3f}%s\n",
              step.name(),
              step.cpuMicrosPerEvent(),
              i + 1 < result.steps().size() ? "," : ""));
    }
    double total = result.totalCpuMicrosPerEvent();
    double perSecond = result.eventsPerSecondOn(cores);
    System.out.printf(Locale.ROOT, "%-36s %14.2f%n", "total", total);
    System.out.printf(
        Locale.ROOT,
        "The job's own per-event work allows at most %.0f events/s on %d fully used cores,"
            + " before Kafka (broker and consumer), checkpoints and Iceberg commits.%n",
        perSecond,
        cores);
    json.append(
        String.format(
            Locale.ROOT,
            "  ],\n  \"total_cpu_us_per_event\": %.3f,\n  \"cores\": %d,\n"
                + "  \"max_events_per_s_on_cores\": %.1f\n}\n",
            total,
            cores,
            perSecond));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json);
    System.out.println("Written to " + out.toAbsolutePath());
    return 0;
  }
}
