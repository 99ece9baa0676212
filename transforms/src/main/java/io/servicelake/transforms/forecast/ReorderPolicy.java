package io.servicelake.transforms.forecast;

/**
 * Reorder point and safety stock from a probabilistic forecast.
 *
 * <p>Lead-time demand is the sum of the first {@code leadTimeMonths} forecast periods, treated as
 * independent (means and variances add, same distribution family, see {@link
 * PredictiveDistribution#sum}). Reorder point = its quantile at the service level (cycle service
 * level: probability of no stock-out during a replenishment lead time); safety stock = reorder
 * point − mean lead-time demand, which can be negative for very sparse parts at modest service
 * levels (the median of a skewed demand lies below its mean).
 *
 * @param leadTimeMonths replenishment lead time in periods
 * @param serviceLevel target probability of covering lead-time demand
 * @param meanLeadTimeDemand expected demand over the lead time
 * @param reorderPoint service-level quantile of lead-time demand
 * @param safetyStock reorder point minus mean lead-time demand
 */
public record ReorderPolicy(
    int leadTimeMonths,
    double serviceLevel,
    double meanLeadTimeDemand,
    double reorderPoint,
    double safetyStock) {

  /** Default cycle service level. */
  public static final double DEFAULT_SERVICE_LEVEL = 0.95;

  /** Policy at the default 95 % service level. */
  public static ReorderPolicy of(SeriesForecast forecast, int leadTimeMonths) {
    return of(forecast, leadTimeMonths, DEFAULT_SERVICE_LEVEL);
  }

  /**
   * Policy at the given service level.
   *
   * @throws IllegalArgumentException when the lead time exceeds the forecast horizon
   */
  public static ReorderPolicy of(SeriesForecast forecast, int leadTimeMonths, double serviceLevel) {
    if (leadTimeMonths < 1 || leadTimeMonths > forecast.horizon()) {
      throw new IllegalArgumentException(
          "lead time must be between 1 and the forecast horizon "
              + forecast.horizon()
              + ", got "
              + leadTimeMonths);
    }
    if (!(serviceLevel > 0 && serviceLevel < 1)) {
      throw new IllegalArgumentException("service level must be in (0, 1), got " + serviceLevel);
    }
    PredictiveDistribution leadTimeDemand =
        PredictiveDistribution.sum(forecast.distributions().subList(0, leadTimeMonths));
    double rop = leadTimeDemand.quantile(serviceLevel);
    return new ReorderPolicy(
        leadTimeMonths, serviceLevel, leadTimeDemand.mean(), rop, rop - leadTimeDemand.mean());
  }
}
