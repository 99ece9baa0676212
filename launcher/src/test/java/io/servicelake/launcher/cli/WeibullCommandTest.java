package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicelake.transforms.life.CohortReturns;
import io.servicelake.transforms.life.LifeDataCsv;
import io.servicelake.transforms.life.WeibullFit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeibullCommandTest {
  @TempDir Path tmp;

  @Test
  void fitsNistExample() {
    CliRun run =
        CliRun.of(new WeibullCommand(), "fit", "--input", CliRun.resource("nist-weibull.csv"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
    assertThat(run.number("beta")).isCloseTo(1.7208, within(0.00005));
    assertThat(run.number("eta")).isCloseTo(606.528, within(0.005));
    assertThat(run.number("loglik")).isCloseTo(-75.135, within(0.0005));
    assertThat(run.number("mttf")).isCloseTo(540.737, within(0.005));
    assertThat(run.number("n_failures")).isEqualTo(10);
    assertThat(run.number("n_suspensions")).isEqualTo(10);
    assertThat(run.number("b10")).isBetween(run.number("b10_lower"), run.number("b10_upper"));
    assertThat(run.out()).contains("\"censoring\":\"right\"", "\"preferred\":\"weibull\"");
    assertThat(run.out()).contains("\"lognormal\":{\"mu\":");
  }

  @Test
  void groupedIntervalAndExactAge() throws Exception {
    String file = CliRun.resource("grouped-returns.csv");
    CliRun interval = CliRun.of(new WeibullCommand(), "fit", "--grouped", "--input", file);
    CliRun exact =
        CliRun.of(new WeibullCommand(), "fit", "--grouped", "--exact-age", "--input", file);

    assertThat(interval.exitCode()).isZero();
    assertThat(exact.exitCode()).isZero();
    assertThat(interval.out()).contains("\"censoring\":\"interval\"");
    assertThat(exact.out()).contains("\"censoring\":\"exact_age\"");
    // the file holds rounded expected returns of Weibull(beta 1.5, eta 60 months)
    assertThat(interval.number("beta")).isCloseTo(1.5, within(0.1));
    assertThat(interval.number("eta")).isCloseTo(60, within(6.0));
    WeibullFit direct =
        WeibullFit.fit(CohortReturns.intervalCensored(LifeDataCsv.readCohorts(Path.of(file))));
    assertThat(interval.number("beta")).isCloseTo(direct.beta(), within(1e-12));
    assertThat(exact.number("beta")).isGreaterThan(interval.number("beta"));
    assertThat(interval.number("n_failures")).isEqualTo(exact.number("n_failures"));
    assertThat(interval.number("n_failures") + interval.number("n_suspensions"))
        .isEqualTo(12 * 2000);
  }

  @Test
  void badInputExitsWithCodeTwoAndNamesFileAndLine() throws IOException {
    Path badEvent = tmp.resolve("bad-event.csv");
    Files.writeString(badEvent, "time,event\n10,F\n12,X\n");
    CliRun run = CliRun.of(new WeibullCommand(), "fit", "--input", badEvent.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(badEvent + ":3", "event is 'X'", "F for a failure");

    Path badHeader = tmp.resolve("bad-header.csv");
    Files.writeString(badHeader, "t,e\n10,F\n");
    run = CliRun.of(new WeibullCommand(), "fit", "--input", badHeader.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(badHeader + ":1", "exactly time,event");

    Path gap = tmp.resolve("gap.csv");
    Files.writeString(gap, "cohort,shipped,age_months,returns\nA,100,1,0\nA,100,3,1\n");
    run = CliRun.of(new WeibullCommand(), "fit", "--grouped", "--input", gap.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(gap + ":2", "every month in service from 1 to 3");

    run = CliRun.of(new WeibullCommand(), "fit", "--input", tmp.resolve("missing.csv").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("missing.csv", "file not found");

    run = CliRun.of(new WeibullCommand(), "fit", "--exact-age", "--input", badEvent.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("add --grouped");
  }
}
