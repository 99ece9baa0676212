package io.servicelake.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicelake.ingestion.FlinkTarget;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.embedded.Artifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the localhost cluster decides without starting a process: ports, its config, classpaths. */
class LocalClusterTest {

  @TempDir Path dir;

  private LocalCluster cluster() {
    return new LocalCluster(dir, new Artifacts(dir), "service-events", Optional.empty());
  }

  @Test
  void portsAreDistinctAndKeptAcrossRestarts() {
    LocalCluster first = cluster();
    LocalCluster second = cluster();
    assertThat(second.kafkaBootstrapServers()).isEqualTo(first.kafkaBootstrapServers());
    assertThat(second.trinoUrl()).isEqualTo(first.trinoUrl());
    ClusterPorts ports = ClusterPorts.loadOrAllocate(dir.resolve("cluster/ports.properties"));
    HashSet<Integer> distinct = new HashSet<>();
    ClusterPorts.NAMES.forEach(name -> distinct.add(ports.get(name)));
    assertThat(distinct).hasSize(ClusterPorts.NAMES.size());
    assertThat(first.kafkaBootstrapServers().split(",")).hasSize(3);
  }

  @Test
  void writtenConfigurationPointsTheUnchangedPipelineAtTheCluster() throws Exception {
    LocalCluster cluster = cluster();
    cluster.writeConfigFile();
    ServiceLakeConfig config =
        ServiceLakeConfig.load(Optional.of(cluster.configFile()), Map.of(), Map.of());

    assertThat(config.kafkaBootstrapServers()).contains(cluster.kafkaBootstrapServers());
    assertThat(config.catalogUri()).contains(cluster.catalogUri());
    assertThat(config.trinoUrl()).contains(cluster.trinoUrl());
    assertThat(config.sparkMaster())
        .isEqualTo(cluster.sparkMaster())
        .startsWith("spark://127.0.0.1:");
    assertThat(config.warehouseUri()).contains(cluster.warehouse());
    assertThat(config.dataDir()).isEqualTo(dir.resolve("cluster/pipeline"));
    // Same Stack code as the quickstart: the endpoints it resolves are the cluster's.
    assertThat(Stack.running(config).kafkaBootstrapServers())
        .isEqualTo(cluster.kafkaBootstrapServers());
    assertThat(Stack.runningTrinoUrl(config)).isEqualTo(cluster.trinoUrl());

    // The ingestion job goes to the session cluster as the built job jar.
    Path jar = dir.resolve("ingestion/target/servicelake-ingestion-job.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {0});
    FlinkTarget flink = Stack.flink(config, new Artifacts(dir));
    assertThat(flink.isSession()).isTrue();
    assertThat(flink.restAddress()).contains(cluster.flinkRestUrl().replace("http://", ""));
    assertThat(flink.jobJar()).contains(jar);
  }

  @Test
  void withoutFlinkRestAddressTheJobStaysInTheLaunchersMiniCluster() {
    ServiceLakeConfig config = ServiceLakeConfig.load(Optional.empty(), Map.of(), Map.of());
    assertThat(config.flinkRestAddress()).isEmpty();
    assertThat(Stack.flink(config, new Artifacts(dir)).isSession()).isFalse();
  }

  @Test
  void aSessionClusterWithoutTheBuiltJobJarSaysHowToBuildIt() {
    ServiceLakeConfig config =
        ServiceLakeConfig.load(
            Optional.empty(), Map.of(), Map.of("flink.rest-address", "127.0.0.1:8081"));
    assertThatThrownBy(() -> Stack.flink(config, new Artifacts(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -B -DskipTests package");
  }

  @Test
  void sparkExecutorsGetSparkIcebergAndTheJobsButNotFlinkKafkaOrTrino() {
    String m2 = "/root/.m2/repository/";
    assertThat(LocalCluster.sparkRuntime(m2 + "org/apache/spark/spark-core_2.13/4.0.4/x.jar"))
        .isTrue();
    assertThat(
            LocalCluster.sparkRuntime(
                m2 + "org/apache/iceberg/iceberg-spark-runtime-4.0_2.13/1.11.0/x.jar"))
        .isTrue();
    assertThat(LocalCluster.sparkRuntime("/repo/jobs/target/servicelake-jobs-0.1.0.jar")).isTrue();
    assertThat(LocalCluster.sparkRuntime(m2 + "org/apache/flink/flink-runtime/2.1.1/x.jar"))
        .isFalse();
    assertThat(LocalCluster.sparkRuntime(m2 + "org/apache/kafka/kafka_2.13/4.2.2/x.jar")).isFalse();
    assertThat(LocalCluster.sparkRuntime(m2 + "io/trino/trino-jdbc/476/x.jar")).isFalse();
    // Flink's Kryo 5 would shadow Spark's kryo-shaded 4.
    assertThat(LocalCluster.sparkRuntime(m2 + "com/esotericsoftware/kryo/5.6.2/kryo-5.6.2.jar"))
        .isFalse();
    assertThat(
            LocalCluster.sparkRuntime(
                m2 + "com/esotericsoftware/kryo-shaded/4.0.3/kryo-shaded-4.0.3.jar"))
        .isTrue();
  }
}
