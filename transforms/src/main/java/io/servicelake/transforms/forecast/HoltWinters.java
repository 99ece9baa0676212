package io.servicelake.transforms.forecast;

/**
 * Additive exponential smoothing (ETS with additive errors) in the error-correction form of Hyndman
 * et al.: level, optional damped additive trend, optional additive seasonality.
 *
 * <p>Each variant's smoothing constants come from a coarse grid minimising in-sample one-step
 * squared error; the variant is then chosen by {@code n log(SSE/n) + 2k} (k = smoothing constants
 * plus initial states), so trend and season are used only where the series supports them.
 * Seasonality needs two full seasons of history. The trend is damped (phi = 0.98) because undamped
 * trends extrapolate badly over a year of sparse monthly demand.
 */
final class HoltWinters implements ForecastMethod {
  private static final double PHI = 0.98;
  private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
  private static final double[] BETAS = {0.01, 0.05, 0.1};
  private static final double[] GAMMAS = {0.01, 0.05, 0.1, 0.2};
  private static final double[] NONE = {0};

  @Override
  public String name() {
    return "ets";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    int n = history.length;
    boolean seasonalPossible = season > 1 && n >= 2 * season;
    Fit best = null;
    for (boolean trend : new boolean[] {false, true}) {
      if (trend && n < 4) {
        continue;
      }
      for (boolean seasonal : new boolean[] {false, true}) {
        if (seasonal && !seasonalPossible) {
          continue;
        }
        Fit fit = fitVariant(history, trend, seasonal ? season : 1);
        if (best == null || fit.criterion < best.criterion) {
          best = fit;
        }
      }
    }
    return best.forecast(horizon, n);
  }

  private static Fit fitVariant(double[] y, boolean trend, int m) {
    Fit best = null;
    for (double alpha : ALPHAS) {
      for (double beta : trend ? BETAS : NONE) {
        if (beta > alpha) {
          continue;
        }
        for (double gamma : m > 1 ? GAMMAS : NONE) {
          if (gamma > 1 - alpha) {
            continue;
          }
          Fit fit = run(y, trend, m, alpha, beta, gamma);
          if (best == null || fit.sse < best.sse) {
            best = fit;
          }
        }
      }
    }
    int n = y.length;
    int k =
        1 + 1 + (trend ? 2 : 0) + (m > 1 ? m : 0); // alpha + level, beta + b0, gamma + m-1 states
    double sse = Math.max(best.sse, 1e-12 * n); // a perfect fit (all-zero series) stays finite
    best.criterion = n * Math.log(sse / n) + 2 * k;
    return best;
  }

  private static Fit run(
      double[] y, boolean trend, int m, double alpha, double beta, double gamma) {
    int n = y.length;
    double[] s = new double[m];
    double level;
    double slope = 0;
    if (m > 1) {
      // classical decomposition of the first two seasons: the first season's mean sits at its
      // centre (m-1)/2; seasonal indices are the detrended deviations averaged over both seasons,
      // so a trend does not leak into the seasonal pattern
      double first = mean(y, 0, m);
      if (trend) {
        slope = (mean(y, m, 2 * m) - first) / m;
      }
      double centre = (m - 1) / 2.0;
      for (int i = 0; i < m; i++) {
        double d1 = y[i] - (first + (i - centre) * slope);
        double d2 = y[i + m] - (first + (i + m - centre) * slope);
        s[i] = (d1 + d2) / 2;
      }
      level = first - (centre + 1) * slope; // level just before t = 0
    } else {
      if (trend) {
        int span = Math.min(n - 1, 3);
        slope = (y[span] - y[0]) / span;
      }
      level = y[0] - slope;
    }
    double sse = 0;
    for (int t = 0; t < n; t++) {
      double seasonal = s[t % m];
      double e = y[t] - (level + PHI * slope + seasonal);
      sse += e * e;
      level = level + PHI * slope + alpha * e;
      slope = PHI * slope + beta * e;
      s[t % m] = seasonal + gamma * e;
    }
    return new Fit(sse, level, trend ? slope : 0, s);
  }

  private static double mean(double[] y, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += y[i];
    }
    return sum / (to - from);
  }

  private static final class Fit {
    final double sse;
    final double level;
    final double slope;
    final double[] seasonals;
    double criterion;

    Fit(double sse, double level, double slope, double[] seasonals) {
      this.sse = sse;
      this.level = level;
      this.slope = slope;
      this.seasonals = seasonals;
    }

    double[] forecast(int horizon, int n) {
      int m = seasonals.length;
      double[] f = new double[horizon];
      double damping = 0;
      double phiPower = 1;
      for (int j = 0; j < horizon; j++) {
        phiPower *= PHI;
        damping += phiPower;
        f[j] = Math.max(0, level + damping * slope + seasonals[(n + j) % m]);
      }
      return f;
    }
  }
}
