package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench ingest} on the command line: help, bad input, the cluster comparison's text. */
class BenchIngestCommandTest {

  @Test
  void helpExplainsTheClusterComparison() {
    CliRun run = CliRun.servicelake("bench", "ingest", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: servicelake bench ingest")
        .contains("--cluster")
        .contains("both runs");
  }

  @Test
  void badInputSaysWhatIsWrongWithExitTwo() {
    CliRun run = CliRun.servicelake("bench", "ingest", "--events", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--events must be >= 1");
  }

  @Test
  void explanationEndsWithTheMeasuredFigures() {
    String embedded =
        "{\"ingest_events_per_s\":8000.0,\"produce_events_per_s\":20000.0,"
            + "\"freshness_p95_ms\":6000.0,\"peak_rss_bytes\":4000000000}";
    String cluster =
        "{\"ingest_events_per_s\":2000.0,\"produce_events_per_s\":10000.0,"
            + "\"freshness_p95_ms\":9500.0,\"peak_rss_bytes\":6500000000}";
    List<String> why = BenchIngestCommand.explanation(embedded, cluster);
    assertThat(why).anyMatch(line -> line.startsWith("Kafka:"));
    assertThat(why.get(why.size() - 1))
        .isEqualTo(
            "Measured: ingest 8000 → 2000 events/s (×0.25), produce 20000 → 10000 events/s"
                + " (×0.50), freshness p95 6000 → 9500 ms, peak resident memory 4.0 → 6.5 GB.");
  }
}
