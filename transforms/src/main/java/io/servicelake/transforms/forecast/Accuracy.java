package io.servicelake.transforms.forecast;

/**
 * Scaled error measures.
 *
 * <p>The scale of MASE is the in-sample mean absolute error of the seasonal naive forecast with the
 * evaluation's season length m (Hyndman &amp; Koehler 2006), falling back to lag 1 when the
 * training part is shorter than m + 1; RMSSE uses the mean squared error of the same forecast;
 * scaled pinball loss divides the pinball loss by the MASE scale.
 */
public final class Accuracy {
  private Accuracy() {}

  /** Lag of the scaling forecast: m when at least m + 1 values exist, else 1. */
  public static int scaleLag(int length, int season) {
    return season > 1 && length >= season + 1 ? season : 1;
  }

  /** Mean of |y[t] - y[t - lag]|; NaN when the series is not longer than the lag. */
  public static double meanAbsoluteDifference(double[] y, int lag) {
    double sum = 0;
    for (int t = lag; t < y.length; t++) {
      sum += Math.abs(y[t] - y[t - lag]);
    }
    return y.length > lag ? sum / (y.length - lag) : Double.NaN;
  }

  /** Mean of (y[t] - y[t - lag])²; NaN when the series is not longer than the lag. */
  public static double meanSquaredDifference(double[] y, int lag) {
    double sum = 0;
    for (int t = lag; t < y.length; t++) {
      double d = y[t] - y[t - lag];
      sum += d * d;
    }
    return y.length > lag ? sum / (y.length - lag) : Double.NaN;
  }

  /** Pinball (quantile) loss of quantile forecast q at level tau. */
  public static double pinball(double actual, double q, double tau) {
    return actual >= q ? tau * (actual - q) : (1 - tau) * (q - actual);
  }
}
