package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.jobs.SparkSessions;
import io.servicelake.launcher.cli.SqlCommand;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.transforms.sim.Defect;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through crashes: the ingestion job is killed three times mid-stream (cancelled
 * between checkpoints, so written-but-uncommitted files and unacknowledged offsets are lost) and
 * restarted from its last retained checkpoint, as a new process start would. Afterwards every valid
 * event is in the raw table of its type exactly once and every bad record in the quarantine —
 * checked through Trino and through Spark.
 */
class ExactlyOnceChaosIT {

  private static final SimulatorConfig SIMULATION = SimulatorConfig.defaults(11L, 11_800, 0.01);
  private static final int KILLS = 3;

  @TempDir Path dataDir;

  @Test
  void killedThreeTimesTheTablesHoldEveryEventExactlyOnce() throws Exception {
    AtomicLong records = new AtomicLong();
    AtomicLong toQuarantine = new AtomicLong();
    new Simulator(SIMULATION)
        .run(
            event -> {
              records.incrementAndGet();
              if (quarantined(event)) {
                toQuarantine.incrementAndGet();
              }
            });
    long valid = records.get() - toQuarantine.get();
    assertThat(valid).as("at least 100 000 unique valid events").isGreaterThanOrEqualTo(100_000);

    ServiceLakeConfig config = ServiceLakeConfig.throwaway(dataDir, "3s");
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true));
    try (Stack stack = Stack.start(config, Artifacts.fromSystemProperty(), progress);
        Pipeline pipeline = new Pipeline(stack.lake(), 2, progress)) {
      assertThat(pipeline.produceDemoEvents(SIMULATION)).isEqualTo(records.get());
      for (int kill = 1; kill <= KILLS; kill++) {
        pipeline.startIngestion();
        pipeline.awaitIngested(records.get() * kill / (KILLS + 1), Duration.ofMinutes(5));
        // Land the kill anywhere inside a checkpoint interval.
        Thread.sleep(700L * kill);
        pipeline.close();
      }
      pipeline.startIngestion();
      Pipeline.IngestCounts counts = pipeline.awaitIngested(records.get(), Duration.ofMinutes(5));
      assertThat(counts.events()).isEqualTo(valid);
      assertThat(counts.quarantined()).isEqualTo(toQuarantine.get());

      String trino = stack.trinoUrl();
      String allEvents = EventTables.unionAll(EventCatalog.load(), "lake", "event_id");
      List<String> viaTrino =
          SqlCommand.query(
                  trino,
                  "test",
                  "SELECT count(*), count(DISTINCT event_id), (SELECT count(*) FROM"
                      + " lake.raw.quarantine) FROM ("
                      + allEvents
                      + ")")
              .get(1);
      assertThat(viaTrino)
          .containsExactly(
              Long.toString(valid), Long.toString(valid), Long.toString(toQuarantine.get()));

      SparkSession spark = SparkSessions.create(stack.lake(), "chaos-check");
      try {
        Row viaSpark =
            spark.sql("SELECT count(*), count(DISTINCT event_id) FROM (" + allEvents + ")").first();
        assertThat(viaSpark.getLong(0)).isEqualTo(valid);
        assertThat(viaSpark.getLong(1)).isEqualTo(valid);
        assertThat(spark.table("lake.raw.quarantine").count()).isEqualTo(toQuarantine.get());
      } finally {
        spark.stop();
      }
    }
  }

  /** Rejected by validation, or a second copy of an event_id. */
  private static boolean quarantined(SimulatedEvent event) {
    return event.mustBeRejected() || event.defectKind().orElse(null) == Defect.DUPLICATE;
  }
}
