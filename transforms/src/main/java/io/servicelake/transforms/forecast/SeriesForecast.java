package io.servicelake.transforms.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * One method's probabilistic forecast for one series.
 *
 * <p>{@link #point()} is the median (P50) of the predictive distribution, the forecast that
 * minimises absolute error and hence MASE; on intermittent demand it is often 0 while the mean is
 * not. {@link #mean()} is the method's mean forecast, which feeds the distribution.
 *
 * @param method method name
 * @param mean mean forecast per horizon period
 * @param distributions predictive distribution per horizon period
 * @param backtestMae rolling-origin mean absolute error of the P50 (NaN without backtest)
 * @param backtestPinball rolling-origin mean pinball loss over P50/P90/P95 (NaN without backtest)
 */
public record SeriesForecast(
    String method,
    double[] mean,
    List<PredictiveDistribution> distributions,
    double backtestMae,
    double backtestPinball) {

  public SeriesForecast {
    mean = mean.clone();
    distributions = List.copyOf(distributions);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  public int horizon() {
    return mean.length;
  }

  /** The p-quantile for each horizon period. */
  public double[] quantile(double p) {
    return distributions.stream().mapToDouble(d -> d.quantile(p)).toArray();
  }

  /** Point forecast = P50. */
  public double[] point() {
    return quantile(0.5);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesForecast f
        && method.equals(f.method)
        && Arrays.equals(mean, f.mean)
        && distributions.equals(f.distributions);
  }

  @Override
  public int hashCode() {
    return method.hashCode() * 31 + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return "SeriesForecast[" + method + ", mean=" + Arrays.toString(mean) + "]";
  }
}
