package io.servicelake.transforms.forecast;

/**
 * Simple exponential smoothing with the smoothing constant chosen from a grid by in-sample
 * one-step-ahead squared error; the level starts at the first observation.
 */
final class SimpleExponentialSmoothing implements ForecastMethod {
  private static final double[] ALPHAS = {
    0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0
  };

  @Override
  public String name() {
    return "ses";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    return ForecastMethod.flat(fittedLevel(history), horizon);
  }

  /** Final smoothed level with the best grid alpha; shared with ADIDA. */
  static double fittedLevel(double[] y) {
    double bestSse = Double.POSITIVE_INFINITY;
    double bestLevel = y[0];
    for (double alpha : ALPHAS) {
      double level = y[0];
      double sse = 0;
      for (int t = 1; t < y.length; t++) {
        double e = y[t] - level;
        sse += e * e;
        level += alpha * e;
      }
      if (sse < bestSse) {
        bestSse = sse;
        bestLevel = level;
      }
    }
    return bestLevel;
  }
}
