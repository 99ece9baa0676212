package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.ingestion.EventProducer;
import io.servicelake.launcher.cli.ExampleQueries;
import io.servicelake.launcher.cli.SqlCommand;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.schemas.ErrorCode;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.transforms.sim.Defect;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart path against the real components — in-process KRaft Kafka, the REST catalog and
 * Trino as processes, Flink mini-cluster, local Spark — checked through Trino JDBC against numbers
 * the test computes itself from the simulator's output.
 */
class QuickstartPipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SimulatorConfig SIMULATION = SimulatorConfig.defaults(7L, 150, 0.03);

  @TempDir Path dataDir;

  @Test
  void eventsFlowFromKafkaThroughFlinkAndSparkToTrinoExactlyOnce() throws Exception {
    Expected expected = expectedFromSimulator();
    assertThat(expected.rejected()).as("the fixture must contain bad records").isPositive();
    assertThat(expected.duplicates()).as("and duplicates").isPositive();

    ServiceLakeConfig config = ServiceLakeConfig.throwaway(dataDir, "2s");
    int kafkaPort = config.kafkaPort();
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true));
    String trinoUrl;
    try (Stack stack = Stack.start(config, Artifacts.fromSystemProperty(), progress);
        Pipeline pipeline = new Pipeline(stack.lake(), 2, progress)) {
      trinoUrl = stack.trinoUrl();
      long records = pipeline.produceDemoEvents(SIMULATION);
      assertThat(records).isEqualTo(expected.records());
      pipeline.startIngestion();
      Pipeline.IngestCounts counts = pipeline.awaitIngested(records, Duration.ofMinutes(5));
      assertThat(counts.events()).isEqualTo(expected.uniqueValid());
      pipeline.buildMarts();

      String allEvents = EventTables.unionAll(EventCatalog.load(), "lake", "event_id");
      assertThat(single(trinoUrl, "SELECT count(*) FROM (" + allEvents + ")"))
          .isEqualTo(Long.toString(expected.uniqueValid()));
      assertThat(single(trinoUrl, "SELECT count(DISTINCT event_id) FROM (" + allEvents + ")"))
          .isEqualTo(Long.toString(expected.uniqueValid()));
      assertThat(single(trinoUrl, "SELECT count(*) FROM lake.raw.quarantine"))
          .isEqualTo(Long.toString(expected.rejected() + expected.duplicates()));
      assertThat(
              single(
                  trinoUrl,
                  "SELECT count(*) FROM lake.raw.quarantine WHERE error_code = 'DUPLICATE_EVENT_ID'"))
          .isEqualTo(Long.toString(expected.duplicates()));
      assertThat(single(trinoUrl, "SELECT sum(work_orders) FROM lake.marts.fct_workorders_daily"))
          .isEqualTo(Long.toString(expected.completedWorkOrders()));
      double labour =
          Double.parseDouble(
              single(
                  trinoUrl,
                  "SELECT sum(total_labour_minutes) FROM lake.marts.fct_workorders_daily"));
      assertThat(labour)
          .isCloseTo(expected.labourMinutes(), org.assertj.core.data.Offset.offset(1e-6));
      for (String query : ExampleQueries.ALL) {
        assertThat(SqlCommand.query(trinoUrl, "test", query)).as(query).hasSizeGreaterThan(1);
      }
      assertThat(quarantineByCode(trinoUrl))
          .as("each kind of bad input is quarantined with its own reason")
          .isEqualTo(expected.quarantineByCode());

      // A replay of the whole topic (a producer re-sending everything) adds no event rows: every
      // valid copy is quarantined as a duplicate, every bad one quarantined again.
      try (EventProducer producer =
          new EventProducer(stack.lake().kafkaBootstrapServers(), stack.lake().eventsTopic())) {
        new Simulator(SIMULATION).run(producer::send);
        producer.flush();
      }
      Pipeline.IngestCounts replayed = pipeline.awaitIngested(2 * records, Duration.ofMinutes(5));
      assertThat(replayed.events()).isEqualTo(expected.uniqueValid());
      assertThat(replayed.quarantined())
          .isEqualTo(2 * (expected.rejected() + expected.duplicates()) + expected.uniqueValid());
    }
    assertThat(Ports.isOpen(Integer.parseInt(trinoUrl.replaceAll(".*:", ""))))
        .as("Trino is stopped with the stack")
        .isFalse();
    assertThat(Ports.isOpen(kafkaPort)).as("Kafka is stopped with the stack").isFalse();
  }

  /** What the simulator's records must turn into, computed from the records themselves. */
  record Expected(
      long records,
      long uniqueValid,
      long rejected,
      long duplicates,
      long completedWorkOrders,
      double labourMinutes,
      Map<String, Long> quarantineByCode) {}

  private static Map<String, Long> quarantineByCode(String trinoUrl) throws Exception {
    Map<String, Long> byCode = new TreeMap<>();
    SqlCommand.query(
            trinoUrl,
            "test",
            "SELECT error_code, count(*) FROM lake.raw.quarantine GROUP BY error_code")
        .stream()
        .skip(1)
        .forEach(row -> byCode.put(row.get(0), Long.parseLong(row.get(1))));
    return byCode;
  }

  private static Expected expectedFromSimulator() {
    List<SimulatedEvent> events = new ArrayList<>();
    new Simulator(SIMULATION).run(events::add);
    long rejected = events.stream().filter(SimulatedEvent::mustBeRejected).count();
    long duplicates =
        events.stream().filter(e -> e.defectKind().orElse(null) == Defect.DUPLICATE).count();
    long completed = 0;
    double labour = 0;
    Map<String, Long> byCode = new TreeMap<>();
    for (SimulatedEvent event : events) {
      event
          .defectKind()
          .map(
              d -> d == Defect.DUPLICATE ? ErrorCode.DUPLICATE_EVENT_ID : d.expected().orElse(null))
          .ifPresent(code -> byCode.merge(code.name(), 1L, Long::sum));
      boolean counted =
          !event.mustBeRejected() && event.defectKind().orElse(null) != Defect.DUPLICATE;
      if (counted && event.eventType().equals("workorder.completed")) {
        JsonNode node = parse(event.value());
        completed++;
        labour += node.get("labour_minutes").asDouble();
      }
    }
    return new Expected(
        events.size(),
        events.size() - rejected - duplicates,
        rejected,
        duplicates,
        completed,
        labour,
        byCode);
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String single(String trinoUrl, String sql) throws Exception {
    List<List<String>> rows = SqlCommand.query(trinoUrl, "test", sql);
    assertThat(rows).as(sql).hasSize(2);
    return rows.get(1).get(0);
  }
}
