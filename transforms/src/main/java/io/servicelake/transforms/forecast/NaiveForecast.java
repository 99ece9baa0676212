package io.servicelake.transforms.forecast;

/** Repeats the last observation. */
final class NaiveForecast implements ForecastMethod {
  @Override
  public String name() {
    return "naive";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    return ForecastMethod.flat(history[history.length - 1], horizon);
  }
}
