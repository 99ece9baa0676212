package io.servicelake.transforms.life;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Recovers known Weibull laws from seeded simulated data. */
class WeibullSimulationTest {
  private static final double TRUE_BETA = 1.8;
  private static final double TRUE_ETA = 1000;

  private static double drawWeibull(SplittableRandom rng, double beta, double eta) {
    return eta * Math.pow(-Math.log1p(-rng.nextDouble()), 1 / beta);
  }

  /** Standard error of log(estimate) read back from a 95 % log-scale interval. */
  private static double seLog(Interval bounds) {
    return Math.log(bounds.upper() / bounds.lower()) / (2 * 1.959963984540054);
  }

  @Test
  void roundTripRightCensored() {
    SplittableRandom rng = new SplittableRandom(20240611L);
    List<Double> failures = new ArrayList<>();
    List<Double> suspensions = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double life = drawWeibull(rng, TRUE_BETA, TRUE_ETA);
      double censor = rng.nextDouble() * 1500; // staggered entry: about 45 % censored
      if (life <= censor) {
        failures.add(life);
      } else {
        suspensions.add(censor);
      }
    }
    LifeData data =
        LifeData.rightCensored(
            failures.stream().mapToDouble(Double::doubleValue).toArray(),
            suspensions.stream().mapToDouble(Double::doubleValue).toArray());

    WeibullFit fit = WeibullFit.fit(data);

    assertThat(fit.failures() + fit.suspensions()).isEqualTo(2000);
    assertThat(fit.suspensions()).isBetween(600L, 1200L);
    double seLogBeta = seLog(fit.betaBounds());
    double seLogEta = seLog(fit.etaBounds());
    // the sample size makes the standard errors small: a broken fit cannot hide in them
    assertThat(seLogBeta).isBetween(0.01, 0.04);
    assertThat(seLogEta).isBetween(0.01, 0.04);
    assertThat(Math.abs(Math.log(fit.beta() / TRUE_BETA))).isLessThan(4 * seLogBeta);
    assertThat(Math.abs(Math.log(fit.eta() / TRUE_ETA))).isLessThan(4 * seLogEta);
    assertThat(fit.betaBounds().lower()).isLessThan(fit.beta());
    assertThat(fit.betaBounds().upper()).isGreaterThan(fit.beta());
  }

  /**
   * 24 monthly ship cohorts of 3000 units, ages 1..24 months, lifetimes Weibull(beta 1.5, eta 60
   * months): about one unit in ten fails, 90 % are still running, as in warranty data.
   */
  static List<CohortReturns> simulateCohorts(long seed, double beta, double eta) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<CohortReturns> cohorts = new ArrayList<>();
    for (int age = 1; age <= 24; age++) {
      long[] returns = new long[age];
      int shipped = 3000;
      for (int u = 0; u < shipped; u++) {
        double life = drawWeibull(rng, beta, eta);
        if (life <= age) {
          returns[(int) Math.ceil(life) - 1]++;
        }
      }
      cohorts.add(new CohortReturns(String.format("2024-%02d", age), shipped, returns));
    }
    return cohorts;
  }

  @Test
  void groupedIntervalCensoredRecoversParameters() {
    List<CohortReturns> cohorts = simulateCohorts(7L, 1.5, 60);

    WeibullFit fit = WeibullFit.fit(CohortReturns.intervalCensored(cohorts));

    long returned = cohorts.stream().mapToLong(c -> c.shipped() - c.survivors()).sum();
    assertThat(fit.failures()).isEqualTo(returned).isBetween(6000L, 8000L);
    assertThat(fit.suspensions()).isEqualTo(24 * 3000 - returned);
    assertThat(Math.abs(Math.log(fit.beta() / 1.5))).isLessThan(4 * seLog(fit.betaBounds()));
    assertThat(Math.abs(Math.log(fit.eta() / 60))).isLessThan(4 * seLog(fit.etaBounds()));
    assertThat(seLog(fit.betaBounds())).isLessThan(0.05);
  }

  @Test
  void exactAgeConventionIsBiasedOnMonthlyData() {
    List<CohortReturns> cohorts = simulateCohorts(7L, 1.5, 60);

    WeibullFit interval = WeibullFit.fit(CohortReturns.intervalCensored(cohorts));
    WeibullFit exact = WeibullFit.fit(CohortReturns.exactAge(cohorts));

    // same counts, different likelihood
    assertThat(exact.failures()).isEqualTo(interval.failures());
    assertThat(exact.suspensions()).isEqualTo(interval.suspensions());
    // recording a return at the end of its month shifts failures later: the exact-age fit
    // overstates the shape, and the interval fit stays within 4 SE of the truth while this one
    // misses it by more than that
    assertThat(exact.beta()).isGreaterThan(interval.beta());
    assertThat(Math.abs(Math.log(exact.beta() / 1.5))).isGreaterThan(4 * seLog(exact.betaBounds()));
  }

  @Test
  void lognormalRoundTrip() {
    SplittableRandom rng = new SplittableRandom(99L);
    double mu = Math.log(500);
    double sigma = 0.6;
    List<Double> failures = new ArrayList<>();
    List<Double> suspensions = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double life = Math.exp(mu + sigma * new java.util.Random(rng.nextLong()).nextGaussian());
      if (life <= 600) {
        failures.add(life);
      } else {
        suspensions.add(600.0);
      }
    }
    LifeData data =
        LifeData.rightCensored(
            failures.stream().mapToDouble(Double::doubleValue).toArray(),
            suspensions.stream().mapToDouble(Double::doubleValue).toArray());

    LifeModelComparison cmp = LifeModelComparison.of(data);

    double seLogSigma = seLog(cmp.lognormal().sigmaBounds());
    double seLogMedian = seLog(cmp.lognormal().medianBounds());
    assertThat(Math.abs(Math.log(cmp.lognormal().sigma() / sigma))).isLessThan(4 * seLogSigma);
    assertThat(Math.abs(cmp.lognormal().mu() - mu)).isLessThan(4 * seLogMedian);
    assertThat(cmp.preferred()).isEqualTo(LifeFamily.LOGNORMAL);
    assertThat(cmp.decisive()).isTrue();
  }
}
