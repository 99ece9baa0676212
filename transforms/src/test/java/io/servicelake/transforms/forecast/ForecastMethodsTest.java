package io.servicelake.transforms.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMethodsTest {

  @Test
  void crostonAndSbaByHand() {
    double[] y = {0, 0, 3, 0, 5};
    // first demand: size 3, interval 3; second: size 3 + 0.1 (5 - 3) = 3.2, interval 3 - 0.1 = 2.9
    assertThat(ForecastMethods.CROSTON.forecast(y, 2, 12))
        .containsExactly(new double[] {3.2 / 2.9, 3.2 / 2.9}, within(1e-12));
    assertThat(ForecastMethods.SBA.forecast(y, 1, 12)[0])
        .isCloseTo(0.95 * 3.2 / 2.9, within(1e-12));
  }

  @Test
  void tsbDecaysProbabilityEveryPeriod() {
    // p0 = 1/4; 0 -> 0.225; 2 -> 0.3025; 0 -> 0.27225; 0 -> 0.245025; size stays 2
    assertThat(ForecastMethods.TSB.forecast(new double[] {0, 2, 0, 0}, 1, 12)[0])
        .isCloseTo(0.49005, within(1e-12));
  }

  @Test
  void naiveAndSeasonalNaive() {
    double[] y = new double[24];
    for (int t = 0; t < 24; t++) {
      y[t] = t + 1;
    }
    assertThat(ForecastMethods.NAIVE.forecast(y, 2, 12)).containsExactly(24, 24);
    assertThat(ForecastMethods.SEASONAL_NAIVE.forecast(y, 3, 12)).containsExactly(13, 14, 15);
    // shorter than a season: falls back to naive
    assertThat(ForecastMethods.SEASONAL_NAIVE.forecast(new double[] {4, 7}, 2, 12))
        .containsExactly(7, 7);
    assertThat(ForecastMethods.ZERO.forecast(y, 2, 12)).containsExactly(0, 0);
  }

  @Test
  void etsFollowsTrendAndSeason() {
    int n = 48;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = truth(t);
    }
    double[] f = ForecastMethods.ETS.forecast(y, 12, 12);
    // within 1 unit of a level near 40: the damped trend (phi 0.98) lags a perfectly linear one
    for (int j = 0; j < 12; j++) {
      assertThat(f[j]).isCloseTo(truth(n + j), within(1.0));
    }
    // SES cannot see the season: its flat forecast misses the peaks by more
    double[] flat = ForecastMethods.SES.forecast(y, 12, 12);
    double etsError = 0;
    double sesError = 0;
    for (int j = 0; j < 12; j++) {
      etsError += Math.abs(f[j] - truth(n + j));
      sesError += Math.abs(flat[j] - truth(n + j));
    }
    assertThat(etsError).isLessThan(sesError / 3);
  }

  private static double truth(int t) {
    return 20 + 0.3 * t + 5 * Math.sin(2 * Math.PI * t / 12);
  }

  @Test
  void adidaAggregatesOverTheDemandInterval() {
    // demand of 6 every third month: ADI 3, every bucket of 3 holds 6 -> 2 per month
    double[] y = {0, 0, 6, 0, 0, 6, 0, 0, 6, 0, 0, 6};
    assertThat(ForecastMethods.ADIDA.forecast(y, 2, 12))
        .containsExactly(new double[] {2, 2}, within(1e-12));
  }

  @Test
  void allMethodsForecastZeroForNoDemandAndNeverNegative() {
    double[] none = new double[30];
    double[] falling = new double[30];
    for (int t = 0; t < 30; t++) {
      falling[t] = Math.max(0, 30 - 2 * t);
    }
    for (ForecastMethod m : ForecastMethods.all()) {
      assertThat(m.forecast(none, 6, 12)).as(m.name()).containsOnly(0);
      assertThat(java.util.Arrays.stream(m.forecast(falling, 12, 12)).min().orElseThrow())
          .as(m.name())
          .isGreaterThanOrEqualTo(0);
    }
  }
}
