package io.servicelake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestMainTest {

  @Test
  void readsKeyValuePairs() {
    assertThat(
            IngestMain.parse(
                new String[] {"--kafka-bootstrap-servers", "k:9092", "--parallelism", "4"}))
        .containsEntry("kafka-bootstrap-servers", "k:9092")
        .containsEntry("parallelism", "4");
  }

  @Test
  void rejectsUnknownKeysAndMissingValues() {
    assertThatThrownBy(() -> IngestMain.parse(new String[] {"--bootstrap", "k:9092"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka-bootstrap-servers");
    assertThatThrownBy(() -> IngestMain.parse(new String[] {"--topic"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSessionClusterNeedsHostPortAndTheJobJar(@TempDir Path dir) {
    assertThatThrownBy(() -> FlinkTarget.session("no-port", dir.resolve("job.jar")))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> FlinkTarget.session("127.0.0.1:8081", dir.resolve("job.jar")))
        .hasMessageContaining("package");
    assertThat(FlinkTarget.miniCluster().describe()).isEqualTo("mini-cluster");
  }
}
