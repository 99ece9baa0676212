package io.servicelake.transforms.life;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/** Weibull and lognormal MLE against published reference results. */
class WeibullFitReferenceTest {

  /** NIST/SEMATECH e-Handbook of Statistical Methods, section 8.4.1.3 (data from 8.2.2.1). */
  static LifeData nist() {
    double[] failures = {54, 187, 216, 240, 244, 335, 361, 373, 375, 386};
    double[] suspensions = new double[10];
    java.util.Arrays.fill(suspensions, 500);
    return LifeData.rightCensored(failures, suspensions);
  }

  @Test
  void nistHandbookExample() {
    WeibullFit fit = WeibullFit.fit(nist());

    // published: beta 1.7208, eta 606.5280, log-likelihood -75.135, mean 540.737, AIC 154.27
    assertThat(fit.beta()).isCloseTo(1.7208, within(0.00005));
    assertThat(fit.eta()).isCloseTo(606.528, within(0.005));
    assertThat(fit.logLikelihood()).isCloseTo(-75.135, within(0.0005));
    assertThat(fit.mttf()).isCloseTo(540.737, within(0.005));
    assertThat(fit.aic()).isCloseTo(154.27, within(0.005));
    assertThat(fit.failures()).isEqualTo(10);
    assertThat(fit.suspensions()).isEqualTo(10);
    assertThat(fit.b10()).isCloseTo(606.528 * Math.pow(-Math.log(0.9), 1 / 1.7208), within(0.05));
    assertFisherBoundsMatchClosedForm(fit, nist());
  }

  /**
   * Independent check of the bounds: the textbook closed-form observed information of the Weibull
   * likelihood in (beta, eta) for exact failures and suspensions; by the delta method se(log beta)
   * = se(beta) / beta at the MLE, likewise for eta.
   */
  private static void assertFisherBoundsMatchClosedForm(WeibullFit fit, LifeData data) {
    double b = fit.beta();
    double e = fit.eta();
    double r = data.failureCount();
    double sumW = 0;
    double sumWL2 = 0;
    double sumW1L = 0;
    for (var list : java.util.List.of(data.exact(), data.suspensions())) {
      for (LifeData.Observation o : list) {
        double l = Math.log(o.time() / e);
        double w = Math.pow(o.time() / e, b) * o.count();
        sumW += w;
        sumWL2 += w * l * l;
        sumW1L += w * (1 + b * l);
      }
    }
    double ibb = r / (b * b) + sumWL2;
    double iee = -r * b / (e * e) + b * (b + 1) / (e * e) * sumW;
    double ibe = r / e - sumW1L / e;
    double det = ibb * iee - ibe * ibe;
    double seLogBeta = Math.sqrt(iee / det) / b;
    double seLogEta = Math.sqrt(ibb / det) / e;
    double z = 1.959963984540054;
    assertThat(fit.betaBounds().lower())
        .isCloseTo(b * Math.exp(-z * seLogBeta), withPercentage(1e-4));
    assertThat(fit.betaBounds().upper())
        .isCloseTo(b * Math.exp(z * seLogBeta), withPercentage(1e-4));
    assertThat(fit.etaBounds().lower())
        .isCloseTo(e * Math.exp(-z * seLogEta), withPercentage(1e-4));
    assertThat(fit.etaBounds().upper()).isCloseTo(e * Math.exp(z * seLogEta), withPercentage(1e-4));
  }

  @Test
  void nistLognormalComparison() {
    LifeModelComparison cmp = LifeModelComparison.of(nist());

    // published: lognormal AIC 154.39 against Weibull AIC 154.27 -> Weibull slightly preferred
    assertThat(cmp.lognormal().aic()).isCloseTo(154.39, within(0.005));
    assertThat(cmp.lognormal().logLikelihood()).isCloseTo(-75.195, within(0.003));
    assertThat(cmp.preferred()).isEqualTo(LifeFamily.WEIBULL);
    assertThat(cmp.aicDifference()).isCloseTo(0.12, within(0.01));
    assertThat(cmp.decisive()).isFalse();
  }

  /**
   * Bearing-cage fracture field data: 1703 aircraft engines, 6 failures, the rest suspended at
   * their current hours. Data: Meeker &amp; Escobar, Statistical Methods for Reliability Data
   * (Wiley 1998), Table C.5 (originally Abernethy et al. 1983); published MLE in their Example
   * 8.16, p. 193: beta = 2.035, B10 = 3903 hours. Scale 11792 h and log-likelihood -76.4369 are the
   * values of R survival::survreg and Weibull++ on the same data, as recorded in the test script of
   * the weibullpp R package (rdrr.io/github/lxy009/weibullpp/src/R/test.R).
   */
  @Test
  void bearingCageFractureMeekerEscobar() {
    double[] times = {
      50, 150, 230, 250, 334, 350, 423, 450, 550, 650, 750, 850, 950, 990, 1009, 1050, 1150, 1250,
      1350, 1450, 1510, 1550, 1650, 1850, 2050
    };
    int[] counts = {
      288, 148, 1, 124, 1, 111, 1, 106, 99, 110, 114, 119, 127, 1, 1, 123, 93, 47, 41, 27, 1, 11, 6,
      1, 2
    };
    boolean[] failed = new boolean[times.length];
    for (int i : new int[] {2, 4, 6, 13, 14, 20}) {
      failed[i] = true;
    }
    LifeData.Builder b = LifeData.builder();
    for (int i = 0; i < times.length; i++) {
      if (failed[i]) {
        b.failure(times[i], counts[i]);
      } else {
        b.suspension(times[i], counts[i]);
      }
    }

    LifeData data = b.build();
    WeibullFit fit = WeibullFit.fit(data);

    assertThat(fit.failures()).isEqualTo(6);
    assertThat(fit.suspensions()).isEqualTo(1697);
    assertThat(fit.beta()).isCloseTo(2.035, within(0.0005));
    assertThat(fit.b10()).isCloseTo(3903, within(0.5));
    assertThat(fit.eta()).isCloseTo(11792, withPercentage(0.01));
    assertThat(fit.logLikelihood()).isCloseTo(-76.4369, within(0.0001));
    // so few failures leave the scale badly determined: the Fisher bounds must be very wide
    assertThat(fit.etaBounds().upper() / fit.etaBounds().lower()).isGreaterThan(5);
    assertFisherBoundsMatchClosedForm(fit, data);
  }
}
