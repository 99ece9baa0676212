package io.servicelake.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeComparisonTest {

  private static final String EMBEDDED =
      "{\"benchmark\":\"ingest\",\"events\":1000,\"ingest_events_per_s\":8000.0,"
          + "\"checkpoint_interval_ms\":5000,\"freshness_p95_ms\":6000.0,\"models\":{\"a\":1}}";
  private static final String CLUSTER =
      "{\"benchmark\":\"ingest\",\"events\":1000,\"ingest_events_per_s\":2000.0,"
          + "\"checkpoint_interval_ms\":5000,\"freshness_p95_ms\":9000.0,\"models\":{\"a\":2}}";

  @Test
  void holdsBothRunsTheirRatiosAndTheExplanation() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                ModeComparison.toJson(
                    "ingest",
                    EMBEDDED,
                    CLUSTER,
                    Map.of("embedded", "one JVM", "cluster", "12 processes"),
                    List.of("first reason", "second reason")));

    assertThat(json.get("benchmark").asText()).isEqualTo("ingest");
    assertThat(json.get("embedded").get("ingest_events_per_s").asDouble()).isEqualTo(8000.0);
    assertThat(json.get("cluster").get("ingest_events_per_s").asDouble()).isEqualTo(2000.0);
    assertThat(json.get("cluster").get("models").get("a").asInt()).isEqualTo(2);
    assertThat(json.get("setup").get("cluster").asText()).isEqualTo("12 processes");
    JsonNode ratios = json.get("cluster_to_embedded_ratio");
    // 2000 / 8000 and 9000 / 6000; equal settings and nested objects are not ratios
    assertThat(ratios.get("ingest_events_per_s").asDouble()).isEqualTo(0.25);
    assertThat(ratios.get("freshness_p95_ms").asDouble()).isEqualTo(1.5);
    assertThat(ratios.has("events")).isFalse();
    assertThat(ratios.has("checkpoint_interval_ms")).isFalse();
    assertThat(ratios.has("models")).isFalse();
    assertThat(json.get("explanation")).hasSize(2);
    assertThat(json.get("explanation").get(1).asText()).isEqualTo("second reason");
  }

  @Test
  void figureReadsANumberAndNamesWhatIsMissing() {
    assertThat(ModeComparison.figure(CLUSTER, "freshness_p95_ms")).isEqualTo(9000.0);
    assertThatThrownBy(() -> ModeComparison.figure(CLUSTER, "no_such_figure"))
        .hasMessageContaining("no_such_figure");
    assertThatThrownBy(() -> ModeComparison.figure("{not json", "events"))
        .hasMessageContaining("invalid JSON");
  }
}
