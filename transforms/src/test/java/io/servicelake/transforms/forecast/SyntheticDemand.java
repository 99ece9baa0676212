package io.servicelake.transforms.forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded synthetic spare-parts demand: each month demand occurs with probability p (Bernoulli) and
 * its size is 1 + geometric or 1 + Poisson. p ranges from very sparse to every month, so all four
 * SBC classes appear; a third of the series have a seasonal occurrence probability (annual sine,
 * amplitude 0.5 p).
 */
final class SyntheticDemand {
  private SyntheticDemand() {}

  static Map<String, double[]> generate(int count, int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int s = 0; s < count; s++) {
      double p = 0.05 + 0.9 * rng.nextDouble();
      double meanExtra = 4 * rng.nextDouble(); // mean size = 1 + meanExtra
      boolean geometric = rng.nextBoolean();
      boolean seasonal = rng.nextInt(3) == 0;
      double phase = rng.nextDouble() * 2 * Math.PI;
      double[] y = new double[length];
      for (int t = 0; t < length; t++) {
        double pt = seasonal ? p * (1 + 0.5 * Math.sin(2 * Math.PI * t / 12 + phase)) : p;
        if (rng.nextDouble() < Math.min(1, pt)) {
          y[t] = 1 + (geometric ? geometric(rng, meanExtra) : poisson(rng, meanExtra));
        }
      }
      out.put("S" + s, y);
    }
    return out;
  }

  /** Failures before the first success, mean m. */
  private static int geometric(SplittableRandom rng, double m) {
    if (m <= 0) {
      return 0;
    }
    double q = m / (1 + m);
    return (int) Math.floor(Math.log1p(-rng.nextDouble()) / Math.log(q));
  }

  private static int poisson(SplittableRandom rng, double lambda) {
    double limit = Math.exp(-lambda);
    double prod = rng.nextDouble();
    int k = 0;
    while (prod > limit) {
      prod *= rng.nextDouble();
      k++;
    }
    return k;
  }
}
