package io.servicelake.transforms.life;

import org.hipparchus.special.Erf;
import org.hipparchus.util.FastMath;

/**
 * Log-location-scale life distributions: {@code log T = mu + sigma * Z} with Z standardised.
 *
 * <p>Writing both families this way lets one likelihood, one optimiser and one Fisher matrix serve
 * Weibull (Z is the standard smallest-extreme-value law, {@code eta = exp(mu)}, {@code beta =
 * 1/sigma}) and lognormal (Z standard normal, {@code mu = meanlog}, {@code sigma = sdlog}).
 */
public enum LifeFamily {
  /** Weibull: Z ~ standard smallest extreme value, F(z) = 1 - exp(-e^z). */
  WEIBULL {
    @Override
    double logPdf(double z) {
      return z - FastMath.exp(z);
    }

    @Override
    double dLogPdf(double z) {
      return 1 - FastMath.exp(z);
    }

    @Override
    double logSf(double z) {
      return -FastMath.exp(z);
    }

    @Override
    double logCdf(double z) {
      // log(1 - exp(-e^z)) without cancellation for small e^z
      return FastMath.log(-FastMath.expm1(-FastMath.exp(z)));
    }

    @Override
    double quantile(double p) {
      return FastMath.log(-FastMath.log1p(-p));
    }

    @Override
    double median() {
      return FastMath.log(FastMath.log(2));
    }
  },

  /** Lognormal: Z ~ standard normal. */
  LOGNORMAL {
    private static final double LOG_SQRT_2PI = 0.5 * FastMath.log(2 * FastMath.PI);

    @Override
    double logPdf(double z) {
      return -0.5 * z * z - LOG_SQRT_2PI;
    }

    @Override
    double dLogPdf(double z) {
      return -z;
    }

    @Override
    double logSf(double z) {
      if (z < 30) {
        return FastMath.log(0.5 * Erf.erfc(z / FastMath.sqrt(2)));
      }
      // erfc underflows far in the tail: Mills-ratio expansion keeps the optimiser's
      // objective finite when a trial parameter puts a suspension 30 sigma out.
      double z2 = z * z;
      return logPdf(z) - FastMath.log(z) + FastMath.log1p(-1 / z2 + 3 / (z2 * z2));
    }

    @Override
    double logCdf(double z) {
      return logSf(-z);
    }

    @Override
    double quantile(double p) {
      return -FastMath.sqrt(2) * Erf.erfcInv(2 * p);
    }

    @Override
    double median() {
      return 0;
    }
  };

  /** log of the standardised density. */
  abstract double logPdf(double z);

  /** d/dz of {@link #logPdf}. */
  abstract double dLogPdf(double z);

  /** log P(Z &gt; z). */
  abstract double logSf(double z);

  /** log P(Z &le; z). */
  abstract double logCdf(double z);

  /** z such that P(Z &le; z) = p. */
  abstract double quantile(double p);

  /** The standardised median; used to pick the numerically stable tail for intervals. */
  abstract double median();

  /**
   * log P(za &lt; Z &le; zb), za &lt; zb; {@code za = -inf} allowed. Subtracts survival
   * probabilities above the median and distribution-function values below it, so neither tail loses
   * precision.
   */
  double logIntervalProbability(double za, double zb) {
    if (za == Double.NEGATIVE_INFINITY) {
      return logCdf(zb);
    }
    if (za > median()) {
      double la = logSf(za);
      return la + FastMath.log(-FastMath.expm1(logSf(zb) - la));
    }
    double lb = logCdf(zb);
    return lb + FastMath.log(-FastMath.expm1(logCdf(za) - lb));
  }
}
