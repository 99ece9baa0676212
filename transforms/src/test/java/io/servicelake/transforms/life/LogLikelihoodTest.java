package io.servicelake.transforms.life;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogLikelihoodTest {
  private static final LifeData MIXED =
      LifeData.builder()
          .failure(3.5, 2)
          .failure(12, 1)
          .suspension(20, 40)
          .intervalFailure(0, 1, 3)
          .intervalFailure(4, 5, 2)
          .intervalFailure(30, 31, 1)
          .build();

  @ParameterizedTest
  @EnumSource(LifeFamily.class)
  void analyticGradientMatchesFiniteDifferences(LifeFamily family) {
    LogLikelihood ll = new LogLikelihood(family, MIXED);
    double mu = Math.log(40);
    double s = Math.log(0.7);
    double h = 1e-6;
    double[] g = ll.gradient(mu, s);
    assertThat(g[0]).isCloseTo((ll.value(mu + h, s) - ll.value(mu - h, s)) / (2 * h), within(1e-5));
    assertThat(g[1]).isCloseTo((ll.value(mu, s + h) - ll.value(mu, s - h)) / (2 * h), within(1e-5));
  }

  @Test
  void weibullTermsMatchClosedForm() {
    // beta 2, eta 10: exact failure at 5, suspension at 8, interval (4, 6]
    LifeData data =
        LifeData.builder().failure(5, 1).suspension(8, 1).intervalFailure(4, 6, 1).build();
    double value = new LogLikelihood(LifeFamily.WEIBULL, data).value(Math.log(10), Math.log(0.5));
    double logPdf = Math.log(2.0 / 10 * Math.pow(0.5, 1) * Math.exp(-0.25));
    double logSf = -0.64;
    double logInterval = Math.log(Math.exp(-0.16) - Math.exp(-0.36));
    assertThat(value).isCloseTo(logPdf + logSf + logInterval, within(1e-12));
  }

  @Test
  void lognormalTailStaysFinite() {
    assertThat(LifeFamily.LOGNORMAL.logSf(40)).isCloseTo(-804.608, within(0.01));
    assertThat(LifeFamily.LOGNORMAL.logIntervalProbability(35, 36)).isFinite();
    assertThat(LifeFamily.WEIBULL.logIntervalProbability(-30, -29))
        .isCloseTo(-29 + Math.log1p(-Math.exp(-1)), within(1e-9));
  }

  @Test
  void suspensionsOnlyHaveNoMle() {
    LifeData data = LifeData.rightCensored(new double[0], new double[] {5, 6});
    assertThatThrownBy(() -> WeibullFit.fit(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one failure");
  }
}
