package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class IngestionHealthTest {

  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void quarantineShareIsTheQuarantinedPartOfWhatArrivedInTheWindow() {
    assertThat(new IngestionHealth(0, 950, 50, HOUR).quarantineShare())
        .isCloseTo(0.05, Offset.offset(1e-12));
    assertThat(new IngestionHealth(0, 0, 0, HOUR).quarantineShare())
        .as("nothing arrived: nothing to alert on")
        .isZero();
  }

  @Test
  void alertsNameEachExceededThresholdAndOnlyThose() {
    IngestionHealth health = new IngestionHealth(1200, 900, 100, HOUR);

    assertThat(health.alerts(OptionalLong.of(1200), OptionalDouble.of(0.10)))
        .as("at the thresholds: healthy")
        .isEmpty();
    assertThat(health.alerts(OptionalLong.of(1199), OptionalDouble.empty()))
        .singleElement()
        .asString()
        .contains("consumer lag 1200 records exceeds --max-lag 1199");
    assertThat(health.alerts(OptionalLong.empty(), OptionalDouble.of(0.05)))
        .singleElement()
        .asString()
        .contains("10.00 % of the records committed in the last PT1H went to the quarantine")
        .contains("(100 of 1000)");
    assertThat(health.alerts(OptionalLong.of(0), OptionalDouble.of(0))).hasSize(2);
    assertThat(health.alerts(OptionalLong.empty(), OptionalDouble.empty())).isEmpty();
  }
}
