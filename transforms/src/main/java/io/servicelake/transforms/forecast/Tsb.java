package io.servicelake.transforms.forecast;

/**
 * Teunter–Syntetos–Babai: smooths the demand probability every period (so the forecast decays when
 * demand stops, unlike Croston) and the non-zero size when demand occurs; forecast = probability ×
 * size. Constants fixed at 0.1 for the same reason as {@link Croston}; the probability starts at
 * the history's demand frequency and the size at the first demand.
 */
final class Tsb implements ForecastMethod {
  private static final double ALPHA_SIZE = 0.1;
  private static final double BETA_PROBABILITY = 0.1;

  @Override
  public String name() {
    return "tsb";
  }

  @Override
  public double[] forecast(double[] history, int horizon, int season) {
    int demands = 0;
    double size = Double.NaN;
    for (double v : history) {
      if (v > 0) {
        if (demands == 0) {
          size = v;
        }
        demands++;
      }
    }
    if (demands == 0) {
      return new double[horizon];
    }
    double probability = (double) demands / history.length;
    boolean first = true;
    for (double v : history) {
      if (v > 0) {
        probability += BETA_PROBABILITY * (1 - probability);
        if (!first) {
          size += ALPHA_SIZE * (v - size);
        }
        first = false;
      } else {
        probability -= BETA_PROBABILITY * probability;
      }
    }
    return ForecastMethod.flat(probability * size, horizon);
  }
}
