package io.servicelake.transforms.sim;

import java.util.SplittableRandom;

/**
 * A two-parameter Weibull life law: {@code F(t) = 1 - exp(-(t/eta)^beta)}.
 *
 * @param beta shape (&lt; 1 infant mortality, 1 random, &gt; 1 wear-out), &gt; 0
 * @param eta scale (characteristic life, 63.2 % failed), in days, &gt; 0
 */
public record Weibull(double beta, double eta) {

  public Weibull {
    if (!(beta > 0) || !(eta > 0)) {
      throw new IllegalArgumentException(
          "Weibull needs beta > 0 and eta > 0, got " + beta + ", " + eta);
    }
  }

  public double cdf(double t) {
    return t <= 0 ? 0 : -StrictMath.expm1(-StrictMath.pow(t / eta, beta));
  }

  /** The p-quantile, {@code eta * (-ln(1-p))^(1/beta)}; p in [0, 1). */
  public double quantile(double p) {
    return eta * StrictMath.pow(-StrictMath.log1p(-p), 1 / beta);
  }

  /** One lifetime by inversion, so one uniform draw per lifetime keeps streams aligned. */
  public double sample(SplittableRandom random) {
    return quantile(random.nextDouble());
  }
}
