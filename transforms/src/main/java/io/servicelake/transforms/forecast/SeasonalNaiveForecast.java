package io.servicelake.transforms.forecast;

/** Repeats the last full season; falls back to naive when the history is shorter than a season. */
final class SeasonalNaiveForecast implements ForecastMethod {
  @Override
  public String name() {
    return "seasonal_naive";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    int n = history.length;
    if (season <= 1 || n < season) {
      return ForecastMethods.NAIVE.forecast(history, horizon, season);
    }
    double[] f = new double[horizon];
    for (int j = 0; j < horizon; j++) {
      f[j] = Math.max(0, history[n - season + j % season]);
    }
    return f;
  }
}
