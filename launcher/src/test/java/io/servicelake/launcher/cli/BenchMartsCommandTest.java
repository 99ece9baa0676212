package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench marts} on the command line: help, and bad input refused before anything starts. */
class BenchMartsCommandTest {

  @Test
  void hasHelpThatSaysKafkaAndFlinkAreBypassed() {
    CliRun run = CliRun.servicelake("bench", "marts", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: servicelake bench marts")
        .contains("--events")
        .contains("bypasses Kafka and Flink")
        .contains("--cluster")
        .contains("throw-away localhost cluster");
  }

  @Test
  void badInputSaysWhatIsWrongWithExitTwo() {
    CliRun events = CliRun.servicelake("bench", "marts", "--events", "0");
    assertThat(events.exitCode()).isEqualTo(2);
    assertThat(events.err()).contains("--events must be between 1 and");
    CliRun out = CliRun.servicelake("bench", "marts", "--out", "figures.txt");
    assertThat(out.exitCode()).isEqualTo(2);
    assertThat(out.err()).contains("must name a .json file");
    CliRun typo = CliRun.servicelake("bench", "marts", "--event", "10");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).contains("Unknown option").contains("Usage: servicelake bench marts");
  }

  @Test
  void explanationEndsWithTheMeasuredFigures() {
    String embedded =
        "{\"build_seconds\":100.0,\"build_cpu_seconds\":150.0,\"generate_and_load_seconds\":20.0,"
            + "\"peak_rss_bytes\":2000000000}";
    String cluster =
        "{\"build_seconds\":250.0,\"build_cpu_seconds\":300.0,\"generate_and_load_seconds\":40.0,"
            + "\"peak_rss_bytes\":5000000000}";
    java.util.List<String> why =
        BenchMartsCommand.explanation(embedded, cluster, java.util.Map.of());
    assertThat(why.get(0)).contains("same number of rows in both modes");
    assertThat(why.get(why.size() - 1))
        .isEqualTo(
            "Measured: build 100.0 → 250.0 s (×2.50), CPU 150.0 → 300.0 s, generate + load 20.0 →"
                + " 40.0 s, peak resident memory 2.0 → 5.0 GB.");
    assertThat(
            BenchMartsCommand.explanation(
                    embedded, cluster, java.util.Map.of("lake.marts.a", "1 vs 2"))
                .get(0))
        .contains("lake.marts.a=1 vs 2");
  }
}
