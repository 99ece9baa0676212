package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLakeConfigTest {

  @TempDir Path dir;

  @Test
  void unsetEndpointsMeanEmbeddedDefaults() {
    ServiceLakeConfig config =
        ServiceLakeConfig.load(Optional.empty(), Map.of(), Map.of("data-dir", dir.toString()));
    assertThat(config.kafkaBootstrapServers()).isEmpty();
    assertThat(config.catalogUri()).isEmpty();
    assertThat(config.trinoUrl()).isEmpty();
    assertThat(config.sparkMaster()).isEqualTo("local[2]");
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.dataDir()).isEqualTo(dir);
  }

  @Test
  void fileThenEnvironmentThenFlagsWin() throws Exception {
    Path file = dir.resolve("cluster.properties");
    Files.writeString(
        file,
        "kafka.bootstrap-servers=kafka-1:9092\nspark.master=spark://m:7077\ntrino.port=1000\n");
    ServiceLakeConfig config =
        ServiceLakeConfig.load(
            Optional.of(file),
            Map.of("SERVICELAKE_SPARK_MASTER", "yarn", "SERVICELAKE_TRINO_PORT", "2000"),
            Map.of("trino.port", "3000"));
    assertThat(config.kafkaBootstrapServers()).contains("kafka-1:9092");
    assertThat(config.sparkMaster()).isEqualTo("yarn");
    assertThat(config.trinoPort()).isEqualTo(3000);
  }

  @Test
  void trinoJavaHomeComesFromTheConventionalVariable() {
    ServiceLakeConfig config =
        ServiceLakeConfig.load(
            Optional.empty(), Map.of("TRINO_JAVA_HOME", "/opt/jdk-25"), Map.of());
    assertThat(config.trinoJavaHome()).contains(Path.of("/opt/jdk-25"));
  }

  @Test
  void badSettingsSayWhatIsWrongAndHowToFixIt() throws Exception {
    assertThatThrownBy(
            () -> ServiceLakeConfig.load(Optional.empty(), Map.of(), Map.of("kafka.prot", "1")))
        .isInstanceOf(ServiceLakeConfig.ConfigException.class)
        .hasMessageContaining("Unknown setting 'kafka.prot'")
        .hasMessageContaining("kafka.port");
    assertThatThrownBy(
            () -> ServiceLakeConfig.load(Optional.empty(), Map.of(), Map.of("trino.port", "80000")))
        .hasMessageContaining("trino.port=80000 is not a usable port");
    assertThatThrownBy(
            () -> ServiceLakeConfig.load(Optional.empty(), Map.of(), Map.of("kafka.port", "0")))
        .hasMessageContaining("kafka.port=0 is not a usable port: set a free port in 1..65535");
    assertThatThrownBy(
            () ->
                ServiceLakeConfig.load(
                    Optional.empty(), Map.of(), Map.of("flink.checkpoint-interval", "soon")))
        .hasMessageContaining("write e.g. 500ms, 5s or 2m");
    assertThatThrownBy(
            () ->
                ServiceLakeConfig.load(
                    Optional.of(dir.resolve("missing.properties")), Map.of(), Map.of()))
        .hasMessageContaining("does not exist");
  }
}
