package io.servicelake.launcher;

import io.servicelake.ingestion.EventProducer;
import io.servicelake.ingestion.FlinkTarget;
import io.servicelake.ingestion.IcebergTables;
import io.servicelake.ingestion.KafkaIngestion;
import io.servicelake.ingestion.KafkaTopics;
import io.servicelake.ingestion.TopicOffsets;
import io.servicelake.jobs.DateRange;
import io.servicelake.jobs.MartBuilder;
import io.servicelake.jobs.SparkSessions;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The quickstart data path on a running {@link Stack}: simulated events → Kafka → Flink → Iceberg →
 * Spark marts. The same class runs quickstart and the end-to-end test.
 */
public final class Pipeline implements AutoCloseable {

  /** The raw table of each event type; loaded once, as {@link #counts} runs on every poll. */
  private static final List<TableSpec> EVENT_TABLES = EventTables.all(EventCatalog.load());

  private final LakeSettings lake;
  private final int parallelism;
  private final FlinkTarget flink;
  private final Progress progress;
  private JobClient ingestion;

  public Pipeline(LakeSettings lake, int parallelism, Progress progress) {
    this(lake, parallelism, FlinkTarget.miniCluster(), progress);
  }

  /** With {@code flink} a session cluster, the streaming job is submitted there. */
  public Pipeline(LakeSettings lake, int parallelism, FlinkTarget flink, Progress progress) {
    this.lake = lake;
    this.parallelism = parallelism;
    this.flink = flink;
    this.progress = progress;
  }

  /**
   * Produces the demo events unless the topic already holds records (a second quickstart reuses
   * what the first loaded, so nothing is duplicated). Returns the records now in the topic.
   */
  public long produceDemoEvents(SimulatorConfig simulation) throws Exception {
    try (Progress.Stage stage = progress.stage("Demo events → Kafka topic " + lake.eventsTopic())) {
      KafkaTopics.ensure(
          lake.kafkaBootstrapServers(),
          lake.eventsTopic(),
          KafkaTopics.DEFAULT_PARTITIONS,
          (short) 1);
      long existing = recordsInTopic();
      if (existing > 0) {
        stage.note("topic already holds " + existing + " records: reusing them");
        return existing;
      }
      try (EventProducer producer =
              new EventProducer(lake.kafkaBootstrapServers(), lake.eventsTopic());
          Progress.Counter counter = progress.counter("producing", "events")) {
        new Simulator(simulation)
            .run(
                event -> {
                  producer.send(event);
                  counter.step();
                });
        producer.flush();
        stage.note(producer.sent() + " events produced");
      }
      return recordsInTopic();
    }
  }

  /** Starts the streaming job (resuming from its last checkpoint if there is one). */
  public void startIngestion() throws Exception {
    try (Progress.Stage stage =
        progress.stage("Flink streaming job Kafka → Iceberg (" + flink.describe() + ")")) {
      KafkaIngestion job = new KafkaIngestion(lake, parallelism, flink);
      job.latestCheckpoint().ifPresent(path -> stage.note("resuming from checkpoint " + path));
      ingestion = job.start(false);
      stage.note("job " + ingestion.getJobID() + ", checkpoint every " + lake.checkpointInterval());
    }
  }

  /**
   * Waits until every record of the topic is committed to the raw table of its event type or to
   * {@code raw.quarantine}: together they account for each Kafka record exactly once.
   */
  public IngestCounts awaitIngested(long expectedRecords, Duration timeout) throws Exception {
    try (Progress.Stage stage =
            progress.stage("Waiting for Iceberg commits (" + expectedRecords + " records)");
        RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      IngestCounts counts = counts(catalog);
      long lastShown = -1;
      while (counts.total() < expectedRecords) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Only "
                  + counts.total()
                  + " of "
                  + expectedRecords
                  + " records committed after "
                  + timeout);
        }
        if (ingestion != null && ingestion.getJobStatus().get().isGloballyTerminalState()) {
          throw new IllegalStateException(
              "The ingestion job stopped: " + ingestion.getJobStatus().get());
        }
        if (counts.total() != lastShown) {
          stage.note("committed " + counts.total() + " / " + expectedRecords);
          lastShown = counts.total();
        }
        Thread.sleep(500);
        counts = counts(catalog);
      }
      stage.note(
          counts.events()
              + " rows in the raw event tables, "
              + counts.quarantined()
              + " in raw.quarantine");
      return counts;
    }
  }

  /** Rows committed to the raw tables, from their current snapshots. */
  public record IngestCounts(long events, long quarantined) {
    public long total() {
      return events + quarantined;
    }
  }

  private IngestCounts counts(RESTCatalog catalog) {
    long events = 0;
    for (TableSpec table : EVENT_TABLES) {
      events += totalRecords(catalog, table.name());
    }
    return new IngestCounts(events, totalRecords(catalog, LakeSettings.QUARANTINE_TABLE));
  }

  private static long totalRecords(RESTCatalog catalog, String table) {
    return IcebergTables.stats(catalog, TableIdentifier.of(LakeSettings.RAW_NAMESPACE, table))
        .rows();
  }

  /** Builds every SQL model with Spark and prints a line per model. */
  public List<MartBuilder.ModelResult> buildMarts() {
    return buildMarts(Optional.empty());
  }

  /**
   * Builds every SQL model; with a range, only the partitions it covers (widened by each model's
   * look-back), so history outside it is never rewritten.
   */
  public List<MartBuilder.ModelResult> buildMarts(Optional<DateRange> range) {
    try (Progress.Stage stage =
        progress.stage(
            "Spark marts ("
                + lake.sparkMaster()
                + range.map(r -> ", " + r.from() + " to " + r.to()).orElse("")
                + ")")) {
      SparkSession spark = SparkSessions.create(lake, "servicelake-marts");
      try {
        return new MartBuilder(spark, lake)
            .buildAll(
                range,
                result ->
                    stage.note(
                        String.format(
                            java.util.Locale.ROOT,
                            "%-45s %8d rows  %6.1fs",
                            result.table(),
                            result.rows(),
                            result.millis() / 1000.0)));
      } finally {
        spark.stop();
      }
    }
  }

  long recordsInTopic() throws Exception {
    return TopicOffsets.records(
        TopicOffsets.of(
            lake.kafkaBootstrapServers(), lake.eventsTopic(), KafkaIngestion.CONSUMER_GROUP));
  }

  /** Stops the streaming job; its last checkpoint is retained for the next start. */
  @Override
  public void close() throws Exception {
    if (ingestion != null) {
      try {
        ingestion.cancel().get();
      } catch (Exception e) {
        // already finished or failed: nothing left to stop
      }
      ingestion = null;
    }
  }
}
