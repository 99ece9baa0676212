package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
  @TempDir Path tmp;

  @Test
  void evaluatesSampleSeries() {
    CliRun run =
        CliRun.of(
            new ForecastCommand(),
            "evaluate",
            "--input",
            CliRun.resource("demand-series.csv"),
            "--horizon",
            "6",
            "--season",
            "12");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.number("series") + run.number("excluded")).isEqualTo(3);
    assertThat(run.number("mase")).isPositive();
    assertThat(run.number("coverage_p90")).isBetween(0.0, 1.0);
    assertThat(run.out())
        .contains(
            "\"point\":\"p50\"",
            "\"selection\":\"mase\"",
            "\"by_method\":{\"zero\":",
            "\"pinball_scaled\":{\"p50\":",
            "\"mase_seasonal_naive\":",
            "\"rmsse\":");
  }

  @Test
  void badRowsExitWithCodeTwo() throws IOException {
    Path gap = tmp.resolve("gap.csv");
    Files.writeString(gap, "series_id,period,value\nA,1,0\nA,3,2\n");
    CliRun run =
        CliRun.of(
            new ForecastCommand(),
            "evaluate",
            "--input",
            gap.toString(),
            "--horizon",
            "1",
            "--season",
            "12");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(gap + ":3", "period 3 where 2 was expected");

    Path text = tmp.resolve("text.csv");
    Files.writeString(text, "series_id,period,value\nA,1,lots\n");
    run =
        CliRun.of(
            new ForecastCommand(),
            "evaluate",
            "--input",
            text.toString(),
            "--horizon",
            "1",
            "--season",
            "12");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(text + ":2", "value is 'lots', not a number");

    run =
        CliRun.of(
            new ForecastCommand(),
            "evaluate",
            "--input",
            text.toString(),
            "--horizon",
            "0",
            "--season",
            "12");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
