package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

  @Test
  void everyClusterSubcommandHasHelp() {
    for (String sub : new String[] {"up", "down", "status", "chaos"}) {
      CliRun run = CliRun.servicelake("cluster", sub, "--help");
      assertThat(run.exitCode()).as(sub).isZero();
      assertThat(run.out()).contains("Usage: servicelake cluster " + sub);
    }
    CliRun run = CliRun.servicelake("cluster", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("up", "down", "status", "chaos");
  }

  @Test
  void missingSubcommandOrBadNumbersAreUsageErrors() {
    CliRun missing = CliRun.servicelake("cluster");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing subcommand: up, down, status or chaos");

    CliRun bad = CliRun.servicelake("cluster", "chaos", "--events", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--events and --rate must be at least 1");
  }

  @Test
  void statusAndDownWithoutAClusterSayWhatToDo(@TempDir Path dir) {
    CliRun status = CliRun.servicelake("cluster", "status", "--data-dir", dir.toString());
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out()).contains("./servicelake cluster up");

    CliRun down = CliRun.servicelake("cluster", "down", "--data-dir", dir.toString());
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).contains("No cluster process was running");
  }
}
