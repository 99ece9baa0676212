package io.servicelake.transforms.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictiveDistributionTest {

  @Test
  void negativeBinomialQuantiles() {
    // mean 2, variance 6: size 1, a geometric law with P(X <= k) = 1 - (2/3)^(k+1)
    PredictiveDistribution d = PredictiveDistribution.of(2, 6, true);
    assertThat(d.quantile(0.5)).isEqualTo(1);
    assertThat(d.quantile(0.9)).isEqualTo(5);
    assertThat(d.quantile(0.95)).isEqualTo(7);
  }

  @Test
  void poissonWhenNotOverdispersed() {
    // Poisson(3): P(X <= 5) = 0.9161, P(X <= 6) = 0.9665
    PredictiveDistribution d = PredictiveDistribution.of(3, 1, true);
    assertThat(d.variance()).isEqualTo(3);
    assertThat(d.quantile(0.9)).isEqualTo(5);
    assertThat(d.quantile(0.95)).isEqualTo(6);
  }

  @Test
  void zeroMeanIsAPointMassAndNormalIsClipped() {
    assertThat(PredictiveDistribution.of(0, 4, true).quantile(0.99)).isZero();
    PredictiveDistribution normal = PredictiveDistribution.of(1.5, 4, false);
    assertThat(normal.quantile(0.95)).isCloseTo(1.5 + 1.6448536 * 2, within(1e-6));
    assertThat(normal.quantile(0.05)).isZero();
  }

  @Test
  void reorderPointFromLeadTimeQuantile() {
    PredictiveDistribution month = PredictiveDistribution.of(1, 3, true);
    SeriesForecast f =
        new SeriesForecast(
            "test", new double[] {1, 1, 1}, List.of(month, month, month), Double.NaN, Double.NaN);
    // two months: mean 2, variance 6 -> geometric, P95 = 7
    ReorderPolicy policy = ReorderPolicy.of(f, 2);
    assertThat(policy.meanLeadTimeDemand()).isEqualTo(2);
    assertThat(policy.reorderPoint()).isEqualTo(7);
    assertThat(policy.safetyStock()).isEqualTo(5);
    assertThat(ReorderPolicy.of(f, 2, 0.5).reorderPoint()).isEqualTo(1);
  }

  @Test
  void scales() {
    assertThat(Accuracy.scaleLag(6, 4)).isEqualTo(4);
    assertThat(Accuracy.scaleLag(4, 4)).isEqualTo(1);
    assertThat(Accuracy.meanAbsoluteDifference(new double[] {1, 2, 3, 4, 5, 7}, 4)).isEqualTo(4.5);
    assertThat(Accuracy.meanSquaredDifference(new double[] {1, 2, 4}, 1)).isEqualTo(2.5);
    assertThat(Accuracy.pinball(10, 4, 0.9)).isCloseTo(5.4, within(1e-12));
    assertThat(Accuracy.pinball(1, 4, 0.9)).isCloseTo(0.3, within(1e-12));
  }
}
