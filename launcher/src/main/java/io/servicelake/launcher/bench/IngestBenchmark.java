package io.servicelake.launcher.bench;

import io.servicelake.ingestion.EventProducer;
import io.servicelake.ingestion.KafkaTopics;
import io.servicelake.launcher.Pipeline;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.Stack;
import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka → Flink → Iceberg throughput and freshness on a running {@link Stack}, measured the way a
 * user sees it: events/s from the first produce to the last commit visible, against the ceiling of
 * a plain Kafka consumer reading the same topic, and per-event latency from produce to visible in
 * Trino.
 */
public final class IngestBenchmark {

  /** Simulated records per installed unit, to size the simulation for a target event count. */
  private static final double EVENTS_PER_UNIT = 8.9;

  private final Stack stack;
  private final int parallelism;
  private final Progress progress;

  public IngestBenchmark(Stack stack, int parallelism, Progress progress) {
    this.stack = stack;
    this.parallelism = parallelism;
    this.progress = progress;
  }

  /** Figures of one run; written as JSON by the command. */
  public record Result(
      long events,
      double produceEventsPerSecond,
      double ingestEventsPerSecond,
      double plainConsumerEventsPerSecond,
      double ratioToPlainConsumer,
      long checkpointIntervalMs,
      int freshnessSamples,
      double freshnessP50Ms,
      double freshnessP95Ms,
      double freshnessP99Ms,
      long peakRssBytes,
      Map<String, Double> ingestCpuSecondsByProcess) {}

  public Result run(int targetEvents, int freshnessSamples) throws Exception {
    LakeSettings lake = stack.lake();
    KafkaTopics.ensure(
        lake.kafkaBootstrapServers(),
        lake.eventsTopic(),
        KafkaTopics.DEFAULT_PARTITIONS,
        (short) 1);
    SimulatorConfig simulation =
        SimulatorConfig.defaults(7L, Math.max(1, (int) (targetEvents / EVENTS_PER_UNIT)), 0.0);
    // The simulator is not part of the pipeline: generate first, untimed, so the measured run
    // spends the two cores on Kafka, Flink and Iceberg rather than on inventing events.
    Path events = Files.createTempFile("servicelake-bench-ingest", ".tsv");
    PeakMemory.resetOwn();
    try (Pipeline pipeline = new Pipeline(lake, parallelism, stack.flink(), progress)) {
      try (Progress.Stage stage = progress.stage("Simulating events (untimed)");
          BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
        new Simulator(simulation)
            .run(
                event -> {
                  try {
                    out.write(event.key());
                    out.write('\t');
                    out.write(new String(event.value(), StandardCharsets.UTF_8));
                    out.write('\n');
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
      pipeline.startIngestion();
      ProcessCpu.Sample cpuStart = ProcessCpu.take();
      long start = System.nanoTime();
      long produced;
      try (Progress.Stage stage = progress.stage("Producing while Flink ingests");
          EventProducer producer =
              new EventProducer(lake.kafkaBootstrapServers(), lake.eventsTopic());
          BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          int tab = line.indexOf('\t');
          producer.send(
              new SimulatedEvent(
                  line.substring(0, tab),
                  line.substring(tab + 1).getBytes(StandardCharsets.UTF_8),
                  "",
                  ""));
        }
        producer.flush();
        produced = producer.sent();
        stage.note(produced + " events");
      } finally {
        Files.deleteIfExists(events);
      }
      double produceSeconds = (System.nanoTime() - start) / 1e9;
      pipeline.awaitIngested(produced, Duration.ofMinutes(30));
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      Map<String, Double> ingestCpu = ProcessCpu.secondsByRole(cpuStart, ProcessCpu.take());
      List<Double> latencies = freshness(lake, freshnessSamples);
      pipeline.close();
      double ceiling = plainConsumerRate(lake, produced + freshnessSamples);
      double ingestRate = produced / ingestSeconds;
      return new Result(
          produced,
          produced / produceSeconds,
          ingestRate,
          ceiling,
          ingestRate / ceiling,
          lake.checkpointInterval().toMillis(),
          latencies.size(),
          percentile(latencies, 0.50),
          percentile(latencies, 0.95),
          percentile(latencies, 0.99),
          PeakMemory.ofProcessTree(),
          ingestCpu);
    }
  }

  /** Produces probe events one by one and times each until Trino returns it. */
  private List<Double> freshness(LakeSettings lake, int samples) throws Exception {
    List<Double> latencies = new ArrayList<>();
    try (Progress.Stage stage = progress.stage("Freshness: produce → visible in Trino");
        EventProducer producer =
            new EventProducer(lake.kafkaBootstrapServers(), lake.eventsTopic())) {
      for (int i = 0; i < samples; i++) {
        String id = UUID.randomUUID().toString();
        producer.send(probe(id));
        producer.flush();
        long sent = System.nanoTime();
        long deadline = sent + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
          List<List<String>> rows =
              stack
                  .trino()
                  .query(
                      "SELECT count(*) FROM lake.raw.workorder_completed WHERE event_id = '"
                          + id
                          + "'");
          if (!rows.get(1).get(0).equals("0")) {
            latencies.add((System.nanoTime() - sent) / 1e6);
            break;
          }
          Thread.sleep(100);
        }
      }
      stage.note(latencies.size() + " of " + samples + " probes seen");
    }
    return latencies;
  }

  private static SimulatedEvent probe(String id) {
    String json =
        String.format(
            Locale.ROOT,
            "{\"event_id\":\"%s\",\"event_type\":\"workorder.completed\",\"schema_version\":1,"
                + "\"occurred_at\":\"%s\",\"source\":\"bench\",\"work_order_id\":\"WO-PROBE\","
                + "\"request_id\":\"SR-PROBE\",\"serial\":\"SN-PROBE\",\"region\":\"north\","
                + "\"station_id\":\"ST-01\",\"technician_id\":\"T-001\",\"service_type\":\"paid\","
                + "\"labour_minutes\":1,\"fixed\":true}",
            id,
            Instant.now());
    return new SimulatedEvent(
        "SN-PROBE", json.getBytes(StandardCharsets.UTF_8), "workorder.completed", "");
  }

  /** Events/s of a bare consumer reading the whole topic: the ceiling for any Kafka reader. */
  private double plainConsumerRate(LakeSettings lake, long records) {
    try (Progress.Stage stage = progress.stage("Plain Kafka consumer (the ceiling)")) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lake.kafkaBootstrapServers());
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling-" + UUID.randomUUID());
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(lake.eventsTopic()));
        long read = 0;
        long start = System.nanoTime();
        while (read < records) {
          read += consumer.poll(Duration.ofMillis(500)).count();
        }
        double rate = read / ((System.nanoTime() - start) / 1e9);
        stage.note(String.format(Locale.ROOT, "%d records at %.0f/s", read, rate));
        return rate;
      }
    }
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** The result as a flat JSON object. */
  public static String toJson(Result r) {
    return String.format(
        Locale.ROOT,
        "{\n  \"benchmark\": \"ingest\",\n  \"events\": %d,\n  \"produce_events_per_s\": %.1f,\n"
            + "  \"ingest_events_per_s\": %.1f,\n  \"plain_consumer_events_per_s\": %.1f,\n"
            + "  \"ratio_to_plain_consumer\": %.3f,\n  \"checkpoint_interval_ms\": %d,\n"
            + "  \"freshness_samples\": %d,\n  \"freshness_p50_ms\": %.1f,\n"
            + "  \"freshness_p95_ms\": %.1f,\n  \"freshness_p99_ms\": %.1f,\n"
            + "  \"peak_rss_bytes\": %d,\n  \"ingest_cpu_seconds_by_process\": {%s}\n}\n",
        r.events(),
        r.produceEventsPerSecond(),
        r.ingestEventsPerSecond(),
        r.plainConsumerEventsPerSecond(),
        r.ratioToPlainConsumer(),
        r.checkpointIntervalMs(),
        r.freshnessSamples(),
        r.freshnessP50Ms(),
        r.freshnessP95Ms(),
        r.freshnessP99Ms(),
        r.peakRssBytes(),
        r.ingestCpuSecondsByProcess().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "\"%s\": %.1f", e.getKey(), e.getValue()))
            .collect(java.util.stream.Collectors.joining(", ")));
  }
}
