package io.servicelake.transforms.forecast;

/**
 * ADIDA (Nikolopoulos et al. 2011): aggregate the series into non-overlapping buckets of about one
 * inter-demand interval (round(ADI) periods, aligned to the end of the history), forecast the
 * bucket totals with SES, and spread the forecast evenly over the bucket's periods. Aggregation
 * removes most zeros, which is what makes SES usable on intermittent demand.
 */
final class Adida implements ForecastMethod {
  @Override
  public String name() {
    return "adida";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    DemandProfile profile = DemandProfile.of(history);
    if (profile.demandClass() == DemandClass.NO_DEMAND) {
      return new double[horizon];
    }
    int k = (int) Math.max(1, Math.round(profile.adi()));
    int buckets = history.length / k;
    if (buckets < 2) {
      double sum = 0;
      for (double v : history) {
        sum += v;
      }
      return ForecastMethod.flat(sum / history.length, horizon);
    }
    double[] aggregated = new double[buckets];
    int offset =
        history.length - buckets * k; // drop the oldest remainder, keep recent buckets whole
    for (int b = 0; b < buckets; b++) {
      for (int i = 0; i < k; i++) {
        aggregated[b] += history[offset + b * k + i];
      }
    }
    return ForecastMethod.flat(SimpleExponentialSmoothing.fittedLevel(aggregated) / k, horizon);
  }
}
