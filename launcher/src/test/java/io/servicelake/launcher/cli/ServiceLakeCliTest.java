package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServiceLakeCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ServiceLakeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command :
        new String[] {
          "quickstart", "stop", "sql", "status", "maintain", "simulate", "weibull", "forecast"
        }) {
      assertThat(run(command, "--help")).as(command).isZero();
      assertThat(out.toString()).as(command).contains("Usage: servicelake " + command);
    }
  }

  @Test
  void lifeAndForecastJobsAndTheirBenchmarkHaveHelp() {
    for (String[] command :
        new String[][] {
          {"build", "life"}, {"build", "forecast"}, {"bench", "forecast"},
        }) {
      String[] args = {command[0], command[1], "--help"};
      assertThat(run(args)).as(String.join(" ", command)).isZero();
      assertThat(out.toString()).contains("Usage: servicelake " + String.join(" ", command));
    }
    assertThat(run("build")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing job");
  }

  @Test
  void unknownSubcommandOrFlagExitsWithTwoAndUsage() {
    assertThat(run("quickstrat")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").contains("Usage: servicelake");
    assertThat(run("quickstart", "--units", "many")).isEqualTo(2);
    assertThat(err.toString()).contains("--units").contains("'many' is not an int");
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void badConfigurationIsReportedWithExitTwo() {
    assertThat(run("stop", "--set", "trino.prt=1")).isEqualTo(2);
    assertThat(err.toString()).contains("Configuration error: Unknown setting 'trino.prt'");
  }
}
