package io.servicelake.transforms.forecast;

/** Forecasts no demand: the benchmark that intermittent-demand methods must beat. */
final class ZeroForecast implements ForecastMethod {
  @Override
  public String name() {
    return "zero";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    return new double[horizon];
  }
}
