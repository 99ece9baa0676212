package io.servicelake.transforms.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hold-out evaluation: for each series the last H values are held out, the forecaster is fitted on
 * the rest, and its forecasts are scored against the held-out values (see {@link Accuracy} for the
 * scales and {@link SeriesForecaster} for selection and quantiles).
 */
public final class ForecastEvaluation {
  private final SeriesForecaster forecaster;

  public ForecastEvaluation() {
    this(new SeriesForecaster());
  }

  public ForecastEvaluation(SeriesForecaster forecaster) {
    this.forecaster = forecaster;
  }

  /**
   * Evaluates every series.
   *
   * @param series values per series id, oldest first
   * @param horizon hold-out length H &ge; 1
   * @param season season length M &ge; 1
   */
  public EvaluationResult evaluate(Map<String, double[]> series, int horizon, int season) {
    if (horizon < 1 || season < 1) {
      throw new IllegalArgumentException("horizon and season must be >= 1");
    }
    Totals totals = new Totals();
    for (double[] values : series.values()) {
      evaluateOne(values, horizon, season, totals);
    }
    return totals.result(horizon, season);
  }

  private void evaluateOne(double[] values, int horizon, int season, Totals totals) {
    int trainLength = values.length - horizon;
    if (trainLength < 2) {
      totals.tooShort++;
      return;
    }
    double[] train = java.util.Arrays.copyOf(values, trainLength);
    double[] actual = java.util.Arrays.copyOfRange(values, trainLength, values.length);
    int lag = Accuracy.scaleLag(trainLength, season);
    double scale = Accuracy.meanAbsoluteDifference(train, lag);
    double squaredScale = Accuracy.meanSquaredDifference(train, lag);
    if (scale == 0) {
      totals.zeroScale++;
      return;
    }
    ForecastSelection selection = forecaster.forecast(train, horizon, season);
    SeriesForecast chosen = selection.chosen();
    totals.series++;
    totals.chosen.merge(chosen.method(), 1, Integer::sum);

    double[] p50 = chosen.point();
    double[] p90 = chosen.quantile(0.9);
    double abs = 0;
    double sq = 0;
    for (int j = 0; j < horizon; j++) {
      abs += Math.abs(actual[j] - p50[j]);
      sq += (actual[j] - p50[j]) * (actual[j] - p50[j]);
      totals.periods++;
      if (actual[j] <= p90[j]) {
        totals.coveredP90++;
      }
    }
    totals.mase += abs / horizon / scale;
    totals.rmsse += Math.sqrt(sq / horizon / squaredScale);
    for (int l = 0; l < SeriesForecaster.LEVELS.length; l++) {
      totals.pinball[l] += scaledPinball(chosen, actual, SeriesForecaster.LEVELS[l], scale);
    }
    for (SeriesForecast candidate : selection.candidates()) {
      double[] mean = candidate.mean();
      double candidateAbs = 0;
      for (int j = 0; j < horizon; j++) {
        candidateAbs += Math.abs(actual[j] - mean[j]);
      }
      totals.byMethod.merge(candidate.method(), candidateAbs / horizon / scale, Double::sum);
      double pin = 0;
      for (double level : SeriesForecaster.LEVELS) {
        pin += scaledPinball(candidate, actual, level, scale);
      }
      totals.byMethodPinball.merge(
          candidate.method(), pin / SeriesForecaster.LEVELS.length, Double::sum);
    }
  }

  private static double scaledPinball(
      SeriesForecast f, double[] actual, double level, double scale) {
    double[] q = f.quantile(level);
    double sum = 0;
    for (int j = 0; j < actual.length; j++) {
      sum += Accuracy.pinball(actual[j], q[j], level);
    }
    return sum / actual.length / scale;
  }

  /** Running sums; divided by the series count at the end. */
  private static final class Totals {
    int series;
    int zeroScale;
    int tooShort;
    long periods;
    long coveredP90;
    double mase;
    double rmsse;
    final double[] pinball = new double[SeriesForecaster.LEVELS.length];
    final Map<String, Double> byMethod = new LinkedHashMap<>();
    final Map<String, Double> byMethodPinball = new LinkedHashMap<>();
    final Map<String, Integer> chosen = new TreeMap<>();

    EvaluationResult result(int horizon, int season) {
      double n = series;
      Map<String, Double> pinballScaled = new LinkedHashMap<>();
      double pinballMean = 0;
      for (int l = 0; l < pinball.length; l++) {
        double v = pinball[l] / n;
        pinballScaled.put(levelName(SeriesForecaster.LEVELS[l]), v);
        pinballMean += v / pinball.length;
      }
      pinballScaled.put("mean", pinballMean);
      Map<String, Double> byMethodMean = averaged(byMethod, n);
      for (String baseline : List.of("zero", "naive", "seasonal_naive")) {
        byMethodMean.putIfAbsent(baseline, Double.NaN);
      }
      return new EvaluationResult(
          series,
          zeroScale + tooShort,
          zeroScale,
          tooShort,
          horizon,
          season,
          EvaluationResult.POINT,
          mase / n,
          byMethodMean.get("seasonal_naive"),
          byMethodMean.get("naive"),
          byMethodMean.get("zero"),
          rmsse / n,
          pinballScaled,
          periods == 0 ? Double.NaN : (double) coveredP90 / periods,
          byMethodMean,
          averaged(byMethodPinball, n),
          chosen);
    }

    private static Map<String, Double> averaged(Map<String, Double> sums, double n) {
      Map<String, Double> out = new LinkedHashMap<>();
      sums.forEach((k, v) -> out.put(k, v / n));
      return out;
    }

    private static String levelName(double level) {
      return "p" + Math.round(level * 100);
    }
  }
}
