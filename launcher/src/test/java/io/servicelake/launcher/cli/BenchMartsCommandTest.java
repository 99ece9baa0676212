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
        .contains("bypasses Kafka and Flink");
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
}
