package io.servicelake.transforms.forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hold-out accuracy of per-series method selection over many series. All averages are unweighted
 * means over the evaluated series of per-series scaled errors (M-competition style).
 *
 * @param series number of series evaluated
 * @param excluded series left out: {@code excludedZeroScale + excludedTooShort}
 * @param excludedZeroScale series whose MASE scale is 0 (constant in-sample), where scaled errors
 *     are undefined
 * @param excludedTooShort series with fewer than 2 training values after the hold-out
 * @param horizon hold-out length H
 * @param season season length M
 * @param point what the chosen method's point forecast is: {@value #POINT}
 * @param mase mean MASE of the chosen method's point (P50) forecast
 * @param maseSeasonalNaive mean MASE of the seasonal naive forecast
 * @param maseNaive mean MASE of the naive forecast
 * @param maseZero mean MASE of the zero forecast
 * @param rmsse mean RMSSE of the chosen point forecast
 * @param pinballScaled chosen method's mean scaled pinball loss per level ({@code p50}, {@code
 *     p90}, {@code p95}) and averaged over levels ({@code mean})
 * @param coverageP90 share of hold-out periods (all series pooled) with actual &le; P90
 * @param byMethod mean MASE per candidate method of its <em>mean</em> forecast, comparable with
 *     published benchmark tables
 * @param byMethodPinballScaled per candidate method, scaled pinball loss averaged over levels
 * @param chosenMethods how many series chose each method
 */
public record EvaluationResult(
    int series,
    int excluded,
    int excludedZeroScale,
    int excludedTooShort,
    int horizon,
    int season,
    String point,
    double mase,
    double maseSeasonalNaive,
    double maseNaive,
    double maseZero,
    double rmsse,
    Map<String, Double> pinballScaled,
    double coverageP90,
    Map<String, Double> byMethod,
    Map<String, Double> byMethodPinballScaled,
    Map<String, Integer> chosenMethods) {

  /** The point forecast evaluated by {@code mase} and {@code rmsse}. */
  public static final String POINT = "p50";

  public EvaluationResult {
    // keep insertion order: reports list methods in candidate order
    pinballScaled = ordered(pinballScaled);
    byMethod = ordered(byMethod);
    byMethodPinballScaled = ordered(byMethodPinballScaled);
    chosenMethods = ordered(chosenMethods);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Best (lowest) mean MASE among the trivial baselines zero, naive and seasonal naive. */
  public double bestBaselineMase() {
    return Math.min(maseZero, Math.min(maseNaive, maseSeasonalNaive));
  }

  /** Best (lowest) scaled pinball loss among the trivial baselines. */
  public double bestBaselinePinballScaled() {
    return ForecastMethods.baselines().stream()
        .mapToDouble(m -> byMethodPinballScaled.get(m.name()))
        .min()
        .orElseThrow();
  }
}
