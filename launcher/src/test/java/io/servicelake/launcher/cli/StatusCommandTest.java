package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The health-check options of {@code status}; bad values are refused before any connection. */
class StatusCommandTest {

  @Test
  void healthThresholdsAreDocumentedInHelp() {
    CliRun help = CliRun.servicelake("status", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--max-lag=RECORDS")
        .contains("--max-quarantine-share=FRACTION")
        .contains("--window=DURATION")
        .contains("exit code 3");
  }

  @Test
  void badThresholdsAndWindowsSayWhatToWrite() {
    CliRun share = CliRun.servicelake("status", "--max-quarantine-share", "5");
    assertThat(share.exitCode()).isEqualTo(2);
    assertThat(share.err()).contains("--max-quarantine-share between 0 and 1 (e.g. 0.05 = 5 %)");

    CliRun lag = CliRun.servicelake("status", "--max-lag", "-1");
    assertThat(lag.exitCode()).isEqualTo(2);
    assertThat(lag.err()).contains("--max-lag must be >= 0");

    CliRun window = CliRun.servicelake("status", "--max-lag", "10", "--window", "soon");
    assertThat(window.exitCode()).isEqualTo(2);
    assertThat(window.err()).contains("--window 'soon' is not a positive duration: write e.g. 30m");
  }
}
