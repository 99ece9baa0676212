package io.servicelake.transforms.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Forecasts one demand series with every candidate method and chooses one per series by
 * rolling-origin backtest.
 *
 * <p><b>Backtest.</b> Each of the last {@code 2 × horizon} training lengths (at least {@value
 * #MIN_TRAINING} values) is an origin; the method is refitted on the history up to the origin and
 * forecasts up to {@code horizon} periods that are still inside the history.
 *
 * <p><b>Quantiles.</b> The errors of the method's mean forecasts over all backtest origins and
 * horizons give a pooled mean squared error; the predictive distribution of each future period has
 * the method's mean forecast as mean and that MSE as variance ({@link PredictiveDistribution}:
 * negative binomial for counts, normal otherwise). Because the variance comes from out-of-sample
 * errors it includes parameter and bias error, not only demand noise, which is what calibrates the
 * upper quantiles.
 *
 * <p><b>Choice.</b> The method with the lowest backtest mean absolute error of its P50 — equivalent
 * to the lowest in-sample MASE, since the scale is common to all methods — wins; exact ties (common
 * on sparse series where every P50 is 0) go to the lowest backtest pinball loss averaged over P50,
 * P90 and P95, then to candidate order. A history too short to backtest uses SES with the history's
 * variance.
 */
public final class SeriesForecaster {
  /** Quantile levels scored in the backtest and reported. */
  public static final double[] LEVELS = {0.5, 0.9, 0.95};

  static final int MIN_TRAINING = 4;
  private static final double TIE = 1e-9;

  private final List<ForecastMethod> candidates;
  private final List<ForecastMethod> selectable;
  private final SelectionCriterion criterion;

  /** All methods forecast, {@link ForecastMethods#selectable()} may be chosen, by MASE. */
  public SeriesForecaster() {
    this(SelectionCriterion.MASE);
  }

  /** All methods forecast, {@link ForecastMethods#selectable()} may be chosen. */
  public SeriesForecaster(SelectionCriterion criterion) {
    this(ForecastMethods.all(), ForecastMethods.selectable(), criterion);
  }

  /**
   * @param candidates methods to forecast and report
   * @param selectable the subset of {@code candidates} that a series may choose
   * @param criterion what the backtest minimises
   */
  public SeriesForecaster(
      List<ForecastMethod> candidates,
      List<ForecastMethod> selectable,
      SelectionCriterion criterion) {
    if (selectable.isEmpty() || !candidates.containsAll(selectable)) {
      throw new IllegalArgumentException("selectable methods must be a non-empty subset");
    }
    this.candidates = List.copyOf(candidates);
    this.selectable = List.copyOf(selectable);
    this.criterion = criterion;
  }

  /**
   * Forecasts {@code horizon} periods after {@code history}.
   *
   * @param history demand, oldest first, at least one value, no negatives
   * @param horizon periods to forecast, &ge; 1
   * @param season season length (12 for monthly), &ge; 1
   */
  public ForecastSelection forecast(double[] history, int horizon, int season) {
    if (history.length == 0 || horizon < 1 || season < 1) {
      throw new IllegalArgumentException("need history, horizon >= 1 and season >= 1");
    }
    boolean counts = isCountData(history);
    List<SeriesForecast> forecasts = new ArrayList<>(candidates.size());
    int chosen = -1;
    for (ForecastMethod method : candidates) {
      SeriesForecast f = forecastOne(method, history, horizon, season, counts);
      forecasts.add(f);
      if (selectable.contains(method) && (chosen < 0 || better(f, forecasts.get(chosen)))) {
        chosen = forecasts.size() - 1;
      }
    }
    if (Double.isNaN(forecasts.get(chosen).backtestMae())) {
      int ses = candidates.indexOf(ForecastMethods.SES);
      chosen =
          selectable.contains(ForecastMethods.SES) ? ses : candidates.indexOf(selectable.get(0));
    }
    return new ForecastSelection(forecasts, chosen, DemandProfile.of(history));
  }

  private boolean better(SeriesForecast a, SeriesForecast b) {
    double pinballTolerance = TIE * Math.max(1, b.backtestPinball());
    if (criterion == SelectionCriterion.PINBALL) {
      return a.backtestPinball() < b.backtestPinball() - pinballTolerance;
    }
    double tolerance = TIE * Math.max(1, Math.abs(b.backtestMae()));
    if (a.backtestMae() < b.backtestMae() - tolerance) {
      return true;
    }
    return Math.abs(a.backtestMae() - b.backtestMae()) <= tolerance
        && a.backtestPinball() < b.backtestPinball() - pinballTolerance;
  }

  private static SeriesForecast forecastOne(
      ForecastMethod method, double[] y, int horizon, int season, boolean counts) {
    int n = y.length;
    int firstOrigin = Math.max(MIN_TRAINING, n - 2 * horizon);
    List<double[]> pairs = new ArrayList<>(); // {actual, mean forecast}
    for (int origin = firstOrigin; origin < n; origin++) {
      int steps = Math.min(horizon, n - origin);
      double[] f = method.forecast(java.util.Arrays.copyOf(y, origin), steps, season);
      for (int j = 0; j < steps; j++) {
        pairs.add(new double[] {y[origin + j], f[j]});
      }
    }
    double variance = pairs.isEmpty() ? sampleVariance(y) : meanSquaredError(pairs);
    double mae = Double.NaN;
    double pinball = Double.NaN;
    if (!pairs.isEmpty()) {
      double absSum = 0;
      double pinSum = 0;
      for (double[] p : pairs) {
        PredictiveDistribution d = PredictiveDistribution.of(p[1], variance, counts);
        absSum += Math.abs(p[0] - d.quantile(0.5));
        for (double level : LEVELS) {
          pinSum += Accuracy.pinball(p[0], d.quantile(level), level);
        }
      }
      mae = absSum / pairs.size();
      pinball = pinSum / (pairs.size() * LEVELS.length);
    }
    double[] mean = method.forecast(y, horizon, season);
    List<PredictiveDistribution> distributions = new ArrayList<>(horizon);
    for (double m : mean) {
      distributions.add(PredictiveDistribution.of(m, variance, counts));
    }
    return new SeriesForecast(
        method.name(), mean, Collections.unmodifiableList(distributions), mae, pinball);
  }

  static boolean isCountData(double[] y) {
    for (double v : y) {
      if (v < 0 || v != Math.rint(v)) {
        return false;
      }
    }
    return true;
  }

  private static double meanSquaredError(List<double[]> pairs) {
    double sum = 0;
    for (double[] p : pairs) {
      double e = p[0] - p[1];
      sum += e * e;
    }
    return sum / pairs.size();
  }

  private static double sampleVariance(double[] y) {
    if (y.length < 2) {
      return y[0];
    }
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    return ss / (y.length - 1);
  }
}
