package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceLakeCliTest {

  private CliRun last;

  private int run(String... args) {
    last = CliRun.servicelake(args);
    return last.exitCode();
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command :
        new String[] {
          "quickstart",
          "stop",
          "sql",
          "status",
          "maintain",
          "simulate",
          "import",
          "bench",
          "weibull",
          "forecast"
        }) {
      assertThat(run(command, "--help")).as(command).isZero();
      assertThat(last.out()).as(command).contains("Usage: servicelake " + command);
    }
  }

  @Test
  void lifeAndForecastJobsAndTheirBenchmarkHaveHelp() {
    for (String[] command :
        new String[][] {
          {"build", "life"},
          {"build", "forecast"},
          {"bench", "forecast"},
          {"bench", "ingest-profile"},
        }) {
      String[] args = {command[0], command[1], "--help"};
      assertThat(run(args)).as(String.join(" ", command)).isZero();
      assertThat(last.out()).contains("Usage: servicelake " + String.join(" ", command));
    }
    assertThat(run("build")).isEqualTo(2);
    assertThat(last.err()).contains("Missing job");
    assertThat(run("bench", "ingest-profile", "--events", "10")).isEqualTo(2);
    assertThat(last.err()).contains("--events must be >= 1000");
  }

  @Test
  void unknownSubcommandOrFlagExitsWithTwoAndUsage() {
    assertThat(run("quickstrat")).isEqualTo(2);
    assertThat(last.err()).contains("Unmatched argument").contains("Usage: servicelake");
    assertThat(run("quickstart", "--units", "many")).isEqualTo(2);
    assertThat(last.err()).contains("--units").contains("'many' is not an int");
  }

  @Test
  void buildMartsChecksItsDateRange() {
    assertThat(run("build", "marts", "--from", "2025-01-01")).isEqualTo(2);
    assertThat(last.err()).contains("--from and --to go together");
    assertThat(run("build", "marts", "--from", "2025-02-01", "--to", "2025-01-01")).isEqualTo(2);
    assertThat(last.err()).contains("is before --from");
    assertThat(run("build", "marts", "--from", "1/2/2025", "--to", "2025-03-01")).isEqualTo(2);
    assertThat(last.err()).contains("YYYY-MM-DD");
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(last.err()).contains("Missing subcommand");
  }

  @Test
  void badConfigurationIsReportedWithExitTwo() {
    assertThat(run("stop", "--set", "trino.prt=1")).isEqualTo(2);
    assertThat(last.err()).contains("Configuration error: Unknown setting 'trino.prt'");
  }
}
