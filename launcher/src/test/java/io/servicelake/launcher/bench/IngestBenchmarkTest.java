package io.servicelake.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IngestBenchmarkTest {

  @Test
  void jsonHoldsEveryFigureAndTheCpuByProcess() throws Exception {
    IngestBenchmark.Result result =
        new IngestBenchmark.Result(
            1000,
            500.0,
            250.0,
            10000.0,
            0.025,
            5000,
            3,
            4900.0,
            5400.0,
            5500.0,
            123456789L,
            new TreeMap<>(Map.of("flink", 12.25, "launcher", 3.0)));
    JsonNode json = new ObjectMapper().readTree(IngestBenchmark.toJson(result));
    assertThat(json.get("events").asLong()).isEqualTo(1000);
    assertThat(json.get("ingest_events_per_s").asDouble()).isEqualTo(250.0);
    assertThat(json.get("freshness_p95_ms").asDouble()).isEqualTo(5400.0);
    assertThat(json.get("peak_rss_bytes").asLong()).isEqualTo(123456789L);
    JsonNode cpu = json.get("ingest_cpu_seconds_by_process");
    assertThat(cpu.get("flink").asDouble()).isEqualTo(12.3);
    assertThat(cpu.get("launcher").asDouble()).isEqualTo(3.0);
  }

  @Test
  void percentileIsTheNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
    assertThat(IngestBenchmark.percentile(values, 0.5)).isEqualTo(3.0);
    assertThat(IngestBenchmark.percentile(values, 0.95)).isEqualTo(5.0);
    assertThat(IngestBenchmark.percentile(List.of(), 0.5)).isNaN();
  }
}
