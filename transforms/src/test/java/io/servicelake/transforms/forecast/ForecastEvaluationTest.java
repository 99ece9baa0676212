package io.servicelake.transforms.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForecastEvaluationTest {

  private static final Map<String, double[]> SERIES = SyntheticDemand.generate(3000, 51, 42L);

  @ParameterizedTest
  @EnumSource(SelectionCriterion.class)
  void beatsTrivialBaselinesOnSyntheticIntermittentDemand(SelectionCriterion criterion) {
    long start = System.nanoTime();
    EvaluationResult r =
        new ForecastEvaluation(new SeriesForecaster(criterion)).evaluate(SERIES, 12, 12);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(criterion + ": " + r + " in " + seconds + " s");

    assertThat(seconds).isLessThan(60);
    assertThat(r.series() + r.excluded()).isEqualTo(3000);
    assertThat(r.point()).isEqualTo("p50");
    assertThat(r.mase()).isLessThanOrEqualTo(r.bestBaselineMase());
    assertThat(r.pinballScaled().get("mean")).isLessThan(r.bestBaselinePinballScaled());
    assertThat(r.coverageP90()).isBetween(0.85, 0.95);
    assertThat(r.chosenMethods().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(r.series());
    assertThat(r.chosenMethods()).doesNotContainKey("zero");
    // seeded data: the excluded (constant in-sample) series are the same every run
    assertThat(r.excludedZeroScale()).isEqualTo(11);
  }

  @org.junit.jupiter.api.Test
  void shortAndConstantSeriesAreExcludedAndCounted() {
    Map<String, double[]> series =
        Map.of(
            "short", new double[] {1, 2, 3},
            "flat", new double[] {2, 2, 2, 2, 2, 2, 5, 1},
            "ok", new double[] {0, 1, 0, 2, 0, 1, 3, 0, 1, 0});
    EvaluationResult r = new ForecastEvaluation().evaluate(series, 2, 12);
    assertThat(r.series()).isEqualTo(1);
    assertThat(r.excludedTooShort()).isEqualTo(1);
    assertThat(r.excludedZeroScale()).isEqualTo(1);
    assertThat(r.excluded()).isEqualTo(2);
    assertThat(r.mase()).isFinite();
  }
}
