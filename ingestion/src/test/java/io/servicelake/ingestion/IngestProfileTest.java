package io.servicelake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestProfileTest {

  @Test
  void measuresEveryStepOfTheJobOnTheValidEventsOnly(@TempDir Path work) {
    List<byte[]> values = new ArrayList<>();
    new Simulator(SimulatorConfig.defaults(3L, 60, 0.0)).run(e -> values.add(e.value()));
    values.add("{not json".getBytes(StandardCharsets.UTF_8));

    IngestProfile.Result result = IngestProfile.run(values, work);

    assertThat(result.events()).isEqualTo(values.size() - 1);
    assertThat(result.steps())
        .extracting(IngestProfile.Step::name)
        .containsExactly(
            "parse + validate",
            "keyBy(event_id) shuffle",
            "to table row",
            "writer shuffle (HASH by partition)",
            "Parquet encode");
    assertThat(result.steps()).allSatisfy(s -> assertThat(s.cpuMicrosPerEvent()).isPositive());
    assertThat(result.eventsPerSecondOn(2)).isEqualTo(2 * result.eventsPerSecondOn(1));
    assertThat(work).isEmptyDirectory();
  }
}
