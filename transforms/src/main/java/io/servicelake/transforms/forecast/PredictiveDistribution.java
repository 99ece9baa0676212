package io.servicelake.transforms.forecast;

import java.util.List;
import org.hipparchus.special.Erf;
import org.hipparchus.util.FastMath;

/**
 * Predictive distribution of demand in one period (or summed over several), built from a mean and a
 * variance.
 *
 * <p>Count data (all history values non-negative integers) get a negative binomial matched to the
 * two moments, or a Poisson when the variance does not exceed the mean; a zero mean gives a point
 * mass at 0. Non-integer data get a normal distribution truncated at 0 by clipping its quantiles.
 * Large count means (&gt; {@value #NORMAL_APPROXIMATION_MEAN}) use the normal approximation, where
 * the discrete sum would be slow and adds nothing.
 */
public sealed interface PredictiveDistribution {
  double NORMAL_APPROXIMATION_MEAN = 500;

  double mean();

  double variance();

  /** Smallest value q with P(demand &le; q) &ge; p, never negative. */
  double quantile(double p);

  /** Distribution with the given moments. */
  static PredictiveDistribution of(double mean, double variance, boolean counts) {
    double m = Math.max(0, mean);
    double v = Math.max(0, variance);
    if (counts && m <= NORMAL_APPROXIMATION_MEAN) {
      return new CountDistribution(m, Math.max(v, m));
    }
    return new ClippedNormal(m, v);
  }

  /** Sum of independent periods (lead-time demand): means and variances add, family kept. */
  static PredictiveDistribution sum(List<PredictiveDistribution> periods) {
    double mean = 0;
    double variance = 0;
    boolean counts = true;
    for (PredictiveDistribution d : periods) {
      mean += d.mean();
      variance += d.variance();
      counts &= d instanceof CountDistribution;
    }
    return of(mean, variance, counts);
  }

  /** Negative binomial (variance &gt; mean) or Poisson (variance = mean). */
  record CountDistribution(double mean, double variance) implements PredictiveDistribution {
    @Override
    public double quantile(double p) {
      if (mean == 0) {
        return 0;
      }
      double probability;
      double ratio; // pmf(k + 1) / pmf(k) = (k + a) * ratio / (k + 1), a = r or k-independent
      double size;
      if (variance <= mean * (1 + 1e-9)) {
        probability = FastMath.exp(-mean);
        ratio = mean;
        size = Double.NaN;
      } else {
        size = mean * mean / (variance - mean);
        double q = mean / (size + mean);
        probability = FastMath.exp(size * FastMath.log1p(-q));
        ratio = q;
      }
      double cumulative = probability;
      int k = 0;
      // the bound only guards against p rounding to 1: the tail sum reaches p far earlier
      int limit = (int) (mean + 50 * FastMath.sqrt(variance) + 50);
      while (cumulative < p - 1e-12 && k < limit) {
        probability *= Double.isNaN(size) ? ratio / (k + 1) : (k + size) * ratio / (k + 1);
        k++;
        cumulative += probability;
      }
      return k;
    }
  }

  /** Normal with quantiles clipped at 0. */
  record ClippedNormal(double mean, double variance) implements PredictiveDistribution {
    @Override
    public double quantile(double p) {
      double z = -FastMath.sqrt(2) * Erf.erfcInv(2 * p);
      return Math.max(0, mean + z * FastMath.sqrt(variance));
    }
  }
}
