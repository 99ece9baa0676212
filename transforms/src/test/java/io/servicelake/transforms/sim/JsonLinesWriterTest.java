package io.servicelake.transforms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {

  @Test
  void mixedFileHoldsEveryRecordOnItsOwnLineByteForByte(@TempDir Path dir) throws Exception {
    List<SimulatedEvent> records = new ArrayList<>();
    SimulatorConfig config = SimulatorConfig.defaults(3L, 300, 0.05);
    try (JsonLinesWriter writer = new JsonLinesWriter(dir, false)) {
      new Simulator(config)
          .run(
              e -> {
                records.add(e);
                writer.accept(e);
              });
      assertThat(writer.records()).isEqualTo(records.size());
    }
    byte[] file = Files.readAllBytes(dir.resolve(JsonLinesWriter.MIXED_FILE));
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    for (SimulatedEvent e : records) {
      expected.write(e.value());
      expected.write('\n');
    }
    assertThat(file).isEqualTo(expected.toByteArray());
  }

  @Test
  void perTypeModeWritesOneFilePerEventType(@TempDir Path dir) throws Exception {
    GroundTruth truth;
    try (JsonLinesWriter writer = new JsonLinesWriter(dir, true)) {
      truth = new Simulator(SimulatorConfig.defaults(3L, 300, 0)).run(writer);
    }
    for (var entry : truth.eventsByType().entrySet()) {
      Path file = dir.resolve(entry.getKey() + ".jsonl");
      assertThat(Files.readAllLines(file)).as(entry.getKey()).hasSize(entry.getValue().intValue());
    }
    try (var listing = Files.list(dir)) {
      assertThat(listing.count()).isEqualTo(truth.eventsByType().size());
    }
  }
}
