package io.servicelake.launcher.cli;

import io.servicelake.transforms.forecast.EvaluationResult;
import io.servicelake.transforms.forecast.ForecastEvaluation;
import io.servicelake.transforms.forecast.SelectionCriterion;
import io.servicelake.transforms.forecast.SeriesCsv;
import io.servicelake.transforms.forecast.SeriesForecaster;
import io.servicelake.transforms.format.InputFormatException;
import io.servicelake.transforms.format.JsonWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code forecast}: spare-parts demand forecasting.
 *
 * <p>{@code forecast evaluate} prints one JSON object on stdout; bad input prints a message naming
 * file, line and fix on stderr and exits with code 2.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Spare-parts demand forecasting with per-series method selection and quantiles.",
    subcommands = {ForecastCommand.Evaluate.class})
public final class ForecastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: show usage, exit 2. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: use 'forecast evaluate'");
  }

  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Holds out the last H values of every series, fits on the rest (method chosen per series by"
            + " rolling-origin backtest among naive, seasonal naive, SES, ETS, Croston, SBA, TSB,"
            + " ADIDA) and prints one JSON object: series, excluded, mase (of the P50 point),"
            + " mase_seasonal_naive, mase_zero, rmsse, pinball_scaled, coverage_p90, by_method.",
        "Input: CSV header 'series_id,period,value', periods 1..T in order per series.",
        "Scale of MASE and pinball: in-sample MAE of the seasonal naive forecast with lag M (lag 1"
            + " if the training part has at most M values); series whose scale is 0 are excluded"
            + " and counted.",
      },
      sortOptions = false)
  static final class Evaluate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--input",
        required = true,
        paramLabel = "FILE.csv",
        description = "CSV with header series_id,period,value.")
    Path input;

    @Option(
        names = "--horizon",
        required = true,
        paramLabel = "H",
        description = "Hold-out length and forecast horizon in periods.")
    int horizon;

    @Option(
        names = "--season",
        required = true,
        paramLabel = "M",
        description = "Season length in periods (12 for monthly data, 1 for none).")
    int season;

    @Option(
        names = "--select",
        paramLabel = "CRITERION",
        defaultValue = "mase",
        description =
            "Backtest criterion for choosing a method per series: mase (default; MAE of the P50)"
                + " or pinball (mean pinball loss over P50/P90/P95).")
    String select;

    @Override
    public Integer call() {
      if (horizon < 1 || season < 1) {
        throw new ParameterException(
            spec.commandLine(), "--horizon and --season must be at least 1");
      }
      SelectionCriterion criterion = criterion();
      Map<String, double[]> series;
      try {
        series = SeriesCsv.read(input);
      } catch (InputFormatException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      EvaluationResult result =
          new ForecastEvaluation(new SeriesForecaster(criterion)).evaluate(series, horizon, season);
      spec.commandLine().getOut().println(toJson(result, criterion));
      return 0;
    }

    private SelectionCriterion criterion() {
      try {
        return SelectionCriterion.valueOf(select.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new ParameterException(
            spec.commandLine(), "--select must be mase or pinball, got '" + select + "'");
      }
    }
  }

  static String toJson(EvaluationResult r, SelectionCriterion criterion) {
    return new JsonWriter()
        .beginObject()
        .field("series", r.series())
        .field("excluded", r.excluded())
        .field("excluded_zero_scale", r.excludedZeroScale())
        .field("excluded_too_short", r.excludedTooShort())
        .field("horizon", r.horizon())
        .field("season", r.season())
        .field("point", r.point())
        .field("selection", criterion.name().toLowerCase(Locale.ROOT))
        .field("mase", r.mase())
        .field("mase_seasonal_naive", r.maseSeasonalNaive())
        .field("mase_naive", r.maseNaive())
        .field("mase_zero", r.maseZero())
        .field("rmsse", r.rmsse())
        .field("pinball_scaled", r.pinballScaled())
        .field("coverage_p90", r.coverageP90())
        .field("by_method_point", "mean")
        .field("by_method", r.byMethod())
        .field("by_method_pinball_scaled", r.byMethodPinballScaled())
        .field("chosen_methods", r.chosenMethods())
        .endObject()
        .toString();
  }
}
