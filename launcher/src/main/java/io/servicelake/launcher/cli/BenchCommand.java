package io.servicelake.launcher.cli;

import io.servicelake.ingestion.EventProducer;
import io.servicelake.ingestion.KafkaTopics;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.embedded.EmbeddedKafka;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.transforms.format.JsonWriter;
import io.servicelake.transforms.sim.JsonLinesWriter;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake bench}: measurements printed and written as JSON, never timed tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: run one and print its figures (also written as JSON).",
    subcommands = {
      BenchCommand.Simulate.class,
      BenchIngestCommand.class,
      BenchIngestProfileCommand.class,
      BenchForecastCommand.class,
      BenchMartsCommand.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing benchmark: try 'bench simulate'.");
  }

  /**
   * {@code bench simulate}: events per second the simulator generates alone, into a JSON Lines
   * file, and into Kafka (the configured cluster on a throw-away topic, else an embedded broker in
   * a temporary directory on free ports). One run each, same seed; the generator runs once before
   * the measurements to warm the JIT.
   */
  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = {
        "Measure simulator throughput: generate only, to a JSON Lines file, and to Kafka.",
        "Kafka: kafka.bootstrap-servers if set (a throw-away topic, deleted after), else an",
        "embedded broker in a temporary directory on free ports."
      })
  public static final class Simulate implements Callable<Integer> {

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Option(
        names = "--units",
        paramLabel = "N",
        description = "Installed-base size (~9 records per unit). Default: ${DEFAULT-VALUE}.")
    int units = 5000;

    @Option(names = "--seed", description = "Simulator seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where the figures go as JSON. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("target/bench/simulate.json");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** One measured run. */
    record Figure(long records, double seconds) {
      double perSecond() {
        return records / Math.max(seconds, 1e-9);
      }
    }

    @Override
    public Integer call() throws Exception {
      if (units < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--units must be at least 1, got " + units);
      }
      if (Files.isDirectory(out)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--out " + out + " is a directory; name a .json file");
      }
      ServiceLakeConfig config = configOptions.load();
      SimulatorConfig simulation = SimulatorConfig.defaults(seed, units, 0.01);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(Locale.ROOT, "bench simulate: %d units, seed %d%n", units, seed);
      stdout.flush();

      measure(simulation, event -> {}); // warm-up
      Figure generate = measure(simulation, event -> {});
      print(stdout, "generate only", generate, "");

      Path tmp = Files.createTempDirectory("servicelake-bench-");
      Figure file;
      long bytes;
      try {
        JsonLinesWriter writer = new JsonLinesWriter(tmp.resolve("files"), false);
        long start = System.nanoTime();
        new Simulator(simulation).run(writer);
        writer.close();
        file = new Figure(writer.records(), (System.nanoTime() - start) / 1e9);
        bytes = writer.bytes();
        print(stdout, "to JSON Lines file", file, String.format(Locale.ROOT, "%,d bytes", bytes));

        KafkaFigure kafka = kafka(config, simulation, tmp.resolve("kafka"));
        print(stdout, "to Kafka", kafka.figure(), kafka.where());

        String json =
            new JsonWriter()
                .beginObject()
                .field("benchmark", "simulate")
                .field("units", units)
                .field("seed", seed)
                .field("records", generate.records())
                .field("cores", Runtime.getRuntime().availableProcessors())
                .field("java", System.getProperty("java.version"))
                .beginObject("generate")
                .field("seconds", round(generate.seconds()))
                .field("events_per_s", Math.round(generate.perSecond()))
                .endObject()
                .beginObject("file")
                .field("seconds", round(file.seconds()))
                .field("events_per_s", Math.round(file.perSecond()))
                .field("bytes", bytes)
                .endObject()
                .beginObject("kafka")
                .field("seconds", round(kafka.figure().seconds()))
                .field("events_per_s", Math.round(kafka.figure().perSecond()))
                .field("broker", kafka.where())
                .endObject()
                .endObject()
                .toString();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(out, json + "\n");
        stdout.println("Figures written to " + out);
        stdout.flush();
      } finally {
        deleteTree(tmp);
      }
      return 0;
    }

    private record KafkaFigure(Figure figure, String where) {}

    /** Produces every record and waits for all acknowledgements (flush) inside the timing. */
    private static KafkaFigure kafka(ServiceLakeConfig config, SimulatorConfig simulation, Path dir)
        throws Exception {
      String topic = "servicelake-bench-" + System.currentTimeMillis();
      if (config.kafkaBootstrapServers().isPresent()) {
        String bootstrap = config.kafkaBootstrapServers().get();
        try {
          return new KafkaFigure(produce(bootstrap, topic, simulation), bootstrap);
        } finally {
          Properties props = new Properties();
          props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
          try (Admin admin = Admin.create(props)) {
            admin.deleteTopics(List.of(topic)).all().get();
          }
        }
      }
      try (EmbeddedKafka broker = EmbeddedKafka.start(dir, Ports.free(), Ports.free())) {
        return new KafkaFigure(
            produce(broker.bootstrapServers(), topic, simulation),
            "embedded " + broker.bootstrapServers());
      }
    }

    private static Figure produce(String bootstrap, String topic, SimulatorConfig simulation)
        throws InterruptedException {
      KafkaTopics.ensure(bootstrap, topic, KafkaTopics.DEFAULT_PARTITIONS, (short) 1);
      try (EventProducer producer = new EventProducer(bootstrap, topic)) {
        long start = System.nanoTime();
        new Simulator(simulation).run(producer::send);
        producer.flush();
        return new Figure(producer.sent(), (System.nanoTime() - start) / 1e9);
      }
    }

    private static Figure measure(SimulatorConfig simulation, Consumer<SimulatedEvent> sink) {
      long[] records = {0};
      long start = System.nanoTime();
      new Simulator(simulation)
          .run(
              event -> {
                records[0]++;
                sink.accept(event);
              });
      return new Figure(records[0], (System.nanoTime() - start) / 1e9);
    }

    private static void print(PrintWriter out, String what, Figure figure, String note) {
      out.printf(
          Locale.ROOT,
          "  %-20s %,10d records in %7.2f s = %,10.0f events/s  %s%n",
          what,
          figure.records(),
          figure.seconds(),
          figure.perSecond(),
          note);
      out.flush();
    }

    private static double round(double seconds) {
      return Math.round(seconds * 1000) / 1000.0;
    }

    static void deleteTree(Path root) throws IOException {
      if (!Files.exists(root)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
