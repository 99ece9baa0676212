package io.servicelake.launcher.cli;

import io.servicelake.ingestion.EventProducer;
import io.servicelake.ingestion.KafkaTopics;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.transforms.sim.GroundTruth;
import io.servicelake.transforms.sim.JsonLinesWriter;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: runs the after-sales simulator and writes its records plus {@code
 * ground-truth.json} to a directory. Progress (simulated days) goes to stderr, a one-line summary
 * to stdout.
 *
 * <p>Where the records go is pluggable: the default {@link SinkFactory} writes JSON Lines files;
 * {@code --to-kafka} (or {@code --sink kafka}) produces them to the stack's events topic with the
 * idempotent {@link EventProducer} instead. The ground truth is always written to {@code --out}.
 * {@code --rate} caps the records per second for either sink, e.g. to watch a running quickstart
 * ingest a live stream.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Generate a deterministic after-sales event history with its ground truth.")
public final class SimulateCommand implements Callable<Integer> {

  /** File name of the ground truth inside {@code --out}. */
  public static final String GROUND_TRUTH = "ground-truth.json";

  /** Where records go. Closed after the run, before the ground truth is written. */
  public interface Sink extends Consumer<SimulatedEvent>, Closeable {
    /** For the summary line, e.g. the directory or topic written to. */
    String describe();
  }

  /** Opens the record sink for one run; the hook for Kafka output. */
  @FunctionalInterface
  public interface SinkFactory {
    Sink open(Path outDir, boolean perType) throws IOException;
  }

  /** The default: JSON Lines files in {@code outDir}, one mixed file or one per type. */
  public static final SinkFactory FILES =
      (outDir, perType) -> {
        JsonLinesWriter writer = new JsonLinesWriter(outDir, perType);
        return new Sink() {
          @Override
          public void accept(SimulatedEvent event) {
            writer.accept(event);
          }

          @Override
          public void close() throws IOException {
            writer.close();
          }

          @Override
          public String describe() {
            return outDir
                + (perType ? " (one .jsonl per event type)" : "/" + JsonLinesWriter.MIXED_FILE);
          }
        };
      };

  /** Where {@code --sink} sends the records. */
  public enum SinkKind {
    files,
    kafka
  }

  @Spec private CommandSpec spec;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--sink",
      paramLabel = "files|kafka",
      description =
          "Where records go: JSON Lines files in --out, or the Kafka topic kafka.topic of the"
              + " configured stack (default: ${DEFAULT-VALUE}).")
  SinkKind sink = SinkKind.files;

  @Option(names = "--to-kafka", description = "Same as --sink kafka.")
  boolean toKafka;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "At most N records per second; 0 = as fast as possible (default).")
  double rate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--units",
      defaultValue = "10000",
      description =
          "Installed-base size, units shipped (default: ${DEFAULT-VALUE}); ~9 records per unit.")
  int units;

  @Option(names = "--out", required = true, description = "Output directory (created if missing).")
  Path out;

  @Option(
      names = "--per-type",
      description = "Write one <event_type>.jsonl per type instead of events.jsonl.")
  boolean perType;

  @Option(
      names = "--bad-share",
      defaultValue = "0.01",
      description =
          "Extra deliberately bad records per good event, 0..1 (default: ${DEFAULT-VALUE}).")
  double badShare;

  private final SinkFactory sinkFactory;

  public SimulateCommand() {
    this(FILES);
  }

  public SimulateCommand(SinkFactory sinkFactory) {
    this.sinkFactory = sinkFactory;
  }

  @Override
  public Integer call() throws IOException {
    validate();
    SimulatorConfig config = SimulatorConfig.defaults(seed, units, badShare);
    Files.createDirectories(out);
    long startDay = config.shipStart().getEpochSecond() / 86_400;
    long days = config.end().getEpochSecond() / 86_400 - startDay;
    long started = System.nanoTime();
    GroundTruth truth;
    SinkFactory factory = kafka() ? kafkaFactory(configOptions.load()) : sinkFactory;
    Throttle throttle = new Throttle(rate);
    try (Sink sink = factory.open(out, perType);
        ProgressBar progress =
            new ProgressBarBuilder()
                .setTaskName("simulate")
                .setInitialMax(days)
                .setUnit(" days", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500)
                .build()) {
      long[] records = {0};
      truth =
          new Simulator(config)
              .run(
                  event -> {
                    throttle.acquire();
                    sink.accept(event);
                    // updating the bar is cheap but not free: every 4096 records is plenty
                    if ((++records[0] & 4095) == 0) {
                      progress.stepTo(
                          Math.min(days, event.occurredAt().getEpochSecond() / 86_400 - startDay));
                      progress.setExtraMessage(records[0] + " records");
                    }
                  });
      progress.stepTo(days);
      progress.setExtraMessage(records[0] + " records");
      sink.close();
      truth.writeJson(out.resolve(GROUND_TRUTH));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      PrintWriter stdout = spec.commandLine().getOut();
      long bad = truth.defects().values().stream().mapToLong(Long::longValue).sum();
      stdout.printf(
          Locale.ROOT,
          "simulated %d records (%d flagged bad) from %d units, seed %d, in %.1f s (%.0f records/s) -> %s%n",
          truth.records(),
          bad,
          units,
          seed,
          took.toMillis() / 1000.0,
          truth.records() / Math.max(1e-9, took.toNanos() / 1e9),
          sink.describe());
      stdout.flush();
    }
    return 0;
  }

  private boolean kafka() {
    return toKafka || sink == SinkKind.kafka;
  }

  /** Produces to the configured stack's events topic (created if missing). */
  static SinkFactory kafkaFactory(ServiceLakeConfig config) {
    return (outDir, perType) -> {
      String bootstrap = StackEndpoints.kafka(config);
      String topic = config.eventsTopic();
      try {
        KafkaTopics.ensure(bootstrap, topic, KafkaTopics.DEFAULT_PARTITIONS, (short) 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while creating topic " + topic, e);
      }
      EventProducer producer = new EventProducer(bootstrap, topic);
      return new Sink() {
        private boolean closed;

        @Override
        public void accept(SimulatedEvent event) {
          producer.send(event);
        }

        @Override
        public void close() {
          if (closed) {
            return;
          }
          closed = true;
          try {
            producer.flush();
          } finally {
            producer.close();
          }
        }

        @Override
        public String describe() {
          return "Kafka topic " + topic + " at " + bootstrap;
        }
      };
    };
  }

  private void validate() {
    CommandLine cli = spec.commandLine();
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new ParameterException(
          cli, "--rate must be a number of records per second >= 0 (0 = unlimited), got " + rate);
    }
    if (kafka() && perType) {
      throw new ParameterException(
          cli, "--per-type splits files by event type; it does not apply to --sink kafka");
    }
    if (units < 1) {
      throw new ParameterException(cli, "--units must be at least 1, got " + units);
    }
    if (!(badShare >= 0 && badShare <= 1)) {
      throw new ParameterException(cli, "--bad-share must be between 0 and 1, got " + badShare);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(cli, "--out " + out + " exists and is not a directory");
    }
  }

  /** Standalone entry point; the launcher normally mounts this as a subcommand. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }
}
