package io.servicelake.launcher.cli;

import io.servicelake.transforms.format.InputFormatException;
import io.servicelake.transforms.format.JsonWriter;
import io.servicelake.transforms.life.CohortReturns;
import io.servicelake.transforms.life.Interval;
import io.servicelake.transforms.life.LifeData;
import io.servicelake.transforms.life.LifeDataCsv;
import io.servicelake.transforms.life.LifeModelComparison;
import io.servicelake.transforms.life.LognormalFit;
import io.servicelake.transforms.life.WeibullFit;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code weibull}: warranty and reliability life analysis.
 *
 * <p>{@code weibull fit} prints one JSON object on stdout; bad input prints a message naming file,
 * line and fix on stderr and exits with code 2.
 */
@Command(
    name = "weibull",
    mixinStandardHelpOptions = true,
    description = "Weibull life analysis of failure and warranty-return data.",
    subcommands = {WeibullCommand.Fit.class})
public final class WeibullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: show usage, exit 2. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use 'weibull fit'");
  }

  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description = {
        "Fits a 2-parameter Weibull by maximum likelihood with censoring and prints one JSON"
            + " object: beta, eta, loglik (all constants included), aic, mttf, b10, n_failures,"
            + " n_suspensions, 95% Fisher-matrix bounds (normal on log beta / log eta / log B10)"
            + " and a lognormal fit compared by AIC.",
        "Unit data: CSV header 'time,event', event F (failure) or S (suspension, still running).",
        "Grouped data (--grouped): CSV header 'cohort,shipped,age_months,returns', one row per"
            + " cohort and month in service 1..current age (returns may be 0). A return at age k"
            + " failed in (k-1, k]; units never returned are suspended at the cohort's current age.",
      },
      sortOptions = false)
  static final class Fit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--input",
        required = true,
        paramLabel = "FILE.csv",
        description = "CSV input (see above).")
    Path input;

    @Option(
        names = "--grouped",
        description = "Input is grouped cohort returns by month in service (interval-censored).")
    boolean grouped;

    @Option(
        names = "--exact-age",
        description =
            "With --grouped: treat a return at age k as an exact failure at k instead of"
                + " interval-censored in (k-1, k] (spreadsheet convention; biased on monthly"
                + " data).")
    boolean exactAge;

    @Override
    public Integer call() {
      if (exactAge && !grouped) {
        throw new ParameterException(
            spec.commandLine(), "--exact-age applies only to grouped data: add --grouped");
      }
      LifeData data;
      try {
        data = grouped ? groupedData() : LifeDataCsv.readUnits(input);
      } catch (InputFormatException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      LifeModelComparison comparison = LifeModelComparison.of(data);
      spec.commandLine().getOut().println(toJson(comparison, censoring()));
      return 0;
    }

    private LifeData groupedData() throws InputFormatException {
      List<CohortReturns> cohorts = LifeDataCsv.readCohorts(input);
      LifeData data =
          exactAge ? CohortReturns.exactAge(cohorts) : CohortReturns.intervalCensored(cohorts);
      if (data.failureCount() == 0) {
        throw new InputFormatException(
            input, 0, "holds no return", "a life distribution needs at least one return");
      }
      return data;
    }

    private String censoring() {
      return !grouped ? "right" : exactAge ? "exact_age" : "interval";
    }
  }

  static String toJson(LifeModelComparison comparison, String censoring) {
    WeibullFit w = comparison.weibull();
    LognormalFit ln = comparison.lognormal();
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("model", "weibull")
            .field("censoring", censoring)
            .field("beta", w.beta())
            .field("eta", w.eta())
            .field("loglik", w.logLikelihood())
            .field("aic", w.aic())
            .field("mttf", w.mttf())
            .field("b10", w.b10())
            .field("n_failures", w.failures())
            .field("n_suspensions", w.suspensions())
            .field("confidence", 0.95)
            .field("bounds_method", "fisher_matrix_log");
    bounds(json, "beta", w.betaBounds());
    bounds(json, "eta", w.etaBounds());
    bounds(json, "b10", w.b10Bounds());
    json.beginObject("lognormal")
        .field("mu", ln.mu())
        .field("sigma", ln.sigma())
        .field("loglik", ln.logLikelihood())
        .field("aic", ln.aic())
        .field("mean", ln.mean())
        .field("median", ln.median())
        .field("b10", ln.b10())
        .endObject();
    return json.field("preferred", comparison.preferred().name().toLowerCase(Locale.ROOT))
        .field("aic_difference", comparison.aicDifference())
        .field("decisive", comparison.decisive())
        .endObject()
        .toString();
  }

  private static void bounds(JsonWriter json, String name, Interval interval) {
    json.field(name + "_lower", interval.lower()).field(name + "_upper", interval.upper());
  }
}
