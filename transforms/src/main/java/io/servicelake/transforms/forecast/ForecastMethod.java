package io.servicelake.transforms.forecast;

/**
 * A point-forecasting method for one monthly demand series.
 *
 * <p>Contract: {@code history} has at least one value; the result has {@code horizon} finite,
 * non-negative values (demand cannot be negative, so methods clip at 0) and is the method's
 * estimate of the <em>mean</em> demand per period. Implementations are stateless and thread-safe.
 */
public interface ForecastMethod {

  /** Stable lower-case name used in reports, e.g. {@code "seasonal_naive"}. */
  String name();

  /**
   * Mean demand for the {@code horizon} periods after the history.
   *
   * @param history observed demand, oldest first
   * @param horizon number of periods to forecast, &ge; 1
   * @param season season length in periods (12 for monthly data); 1 means no seasonality
   */
  double[] forecast(double[] history, int horizon, int season);

  /** A flat forecast: the same value for every period. */
  static double[] flat(double value, int horizon) {
    double[] f = new double[horizon];
    java.util.Arrays.fill(f, Math.max(0, value));
    return f;
  }
}
