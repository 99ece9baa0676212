package io.servicelake.transforms.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationTest {

  @Test
  void sbcClasses() {
    DemandProfile intermittent = DemandProfile.of(new double[] {0, 0, 3, 0, 5, 0});
    assertThat(intermittent.adi()).isCloseTo(2.5, within(1e-12)); // intervals 3 and 2
    assertThat(intermittent.cv2()).isCloseTo(2.0 / 16, within(1e-12)); // sd sqrt(2), mean 4
    assertThat(intermittent.demandClass()).isEqualTo(DemandClass.INTERMITTENT);

    DemandProfile erratic = DemandProfile.of(new double[] {1, 10, 1, 10});
    assertThat(erratic.adi()).isEqualTo(1.0);
    assertThat(erratic.cv2()).isCloseTo(27 / 30.25, within(1e-12));
    assertThat(erratic.demandClass()).isEqualTo(DemandClass.ERRATIC);

    assertThat(DemandProfile.of(new double[] {4, 5, 4, 5}).demandClass())
        .isEqualTo(DemandClass.SMOOTH);
    assertThat(DemandProfile.of(new double[] {0, 1, 0, 0, 9, 0}).demandClass())
        .isEqualTo(DemandClass.LUMPY);
    assertThat(DemandProfile.of(new double[] {0, 0}).demandClass())
        .isEqualTo(DemandClass.NO_DEMAND);
    // custom cut-offs
    assertThat(DemandProfile.of(new double[] {0, 0, 3, 0, 5, 0}, 3, 0.1).demandClass())
        .isEqualTo(DemandClass.ERRATIC);
  }

  @Test
  void abcByCumulativeValueShare() {
    Map<String, AbcClass> abc = AbcClass.classify(Map.of("a", 80.0, "b", 15.0, "c", 5.0));
    assertThat(abc)
        .containsExactly(
            Map.entry("a", AbcClass.A), Map.entry("b", AbcClass.B), Map.entry("c", AbcClass.C));

    Map<String, AbcClass> skewed =
        AbcClass.classify(Map.of("x", 90.0, "y", 5.0, "z", 3.0, "w", 2.0));
    assertThat(skewed).containsEntry("x", AbcClass.A).containsEntry("y", AbcClass.B);
    assertThat(skewed).containsEntry("z", AbcClass.C).containsEntry("w", AbcClass.C);

    // the item that crosses the A cut-off is still A; custom shares
    Map<String, AbcClass> custom =
        AbcClass.classify(Map.of("p", 50.0, "q", 40.0, "r", 10.0), 0.6, 0.35);
    assertThat(custom).containsEntry("p", AbcClass.A).containsEntry("q", AbcClass.A);
    assertThat(custom).containsEntry("r", AbcClass.B);
  }
}
