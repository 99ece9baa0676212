package io.servicelake.transforms.forecast;

/**
 * Croston's method and the Syntetos–Boylan approximation (SBA).
 *
 * <p>Smooths non-zero demand sizes and inter-demand intervals separately and forecasts size /
 * interval per period; SBA multiplies by {@code 1 - alpha/2} to remove Croston's known upward bias.
 * The smoothing constant is fixed at 0.1, the literature's recommendation for short intermittent
 * series: optimising it on a few dozen mostly-zero points overfits. Initial size and interval are
 * the first demand and its position.
 */
final class Croston implements ForecastMethod {
  static final double ALPHA = 0.1;
  private final boolean sba;

  Croston(boolean sba) {
    this.sba = sba;
  }

  @Override
  public String name() {
    return sba ? "sba" : "croston";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    double size = Double.NaN;
    double interval = Double.NaN;
    int last = -1;
    for (int t = 0; t < history.length; t++) {
      if (history[t] > 0) {
        int q = t - last;
        if (last < 0) {
          size = history[t];
          interval = q;
        } else {
          size += ALPHA * (history[t] - size);
          interval += ALPHA * (q - interval);
        }
        last = t;
      }
    }
    if (last < 0) {
      return new double[horizon];
    }
    double rate = size / interval;
    return ForecastMethod.flat(sba ? rate * (1 - ALPHA / 2) : rate, horizon);
  }
}
