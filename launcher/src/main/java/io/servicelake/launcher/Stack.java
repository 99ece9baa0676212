package io.servicelake.launcher;

import io.servicelake.ingestion.FlinkTarget;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.CatalogServer;
import io.servicelake.launcher.embedded.EmbeddedKafka;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.TrinoServer;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.transforms.config.LakeSettings;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The running infrastructure: for each endpoint the configuration leaves unset, the embedded
 * component is started here (Kafka in this JVM; the REST catalog and Trino as child processes).
 * Closing stops what was started, in reverse order.
 */
public final class Stack implements AutoCloseable {

  public static final String CATALOG_NAME = "lake";

  private final LakeSettings lake;
  private final TrinoClient trino;
  private final FlinkTarget flink;
  private final Deque<AutoCloseable> started;

  private Stack(
      LakeSettings lake, TrinoClient trino, FlinkTarget flink, Deque<AutoCloseable> started) {
    this.lake = lake;
    this.trino = trino;
    this.flink = flink;
    this.started = started;
  }

  public static Stack start(ServiceLakeConfig config, Artifacts artifacts, Progress progress)
      throws Exception {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      String kafka;
      if (config.kafkaBootstrapServers().isPresent()) {
        kafka = config.kafkaBootstrapServers().get();
      } else {
        try (Progress.Stage stage = progress.stage("Kafka: in-process KRaft broker")) {
          EmbeddedKafka embedded =
              EmbeddedKafka.start(
                  config.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaPort() + 1);
          started.push(embedded);
          kafka = embedded.bootstrapServers();
          stage.note("bootstrap servers " + kafka);
        }
      }
      String warehouse = StackEndpoints.warehouse(config);
      String catalogUri;
      if (config.catalogUri().isPresent()) {
        catalogUri = config.catalogUri().get();
      } else {
        try (Progress.Stage stage = progress.stage("Iceberg REST catalog (own process, SQLite)")) {
          ManagedProcess catalog =
              CatalogServer.start(artifacts, config.dataDir(), warehouse, config.catalogPort());
          started.push(catalog);
          catalogUri = "http://127.0.0.1:" + config.catalogPort();
          stage.note(catalogUri + "  warehouse " + warehouse);
        }
      }
      TrinoClient trino = StackEndpoints.trino(config);
      if (config.trinoUrl().isEmpty()) {
        try (Progress.Stage stage = progress.stage("Trino server with the Iceberg connector")) {
          ManagedProcess process =
              TrinoServer.start(
                  artifacts,
                  config.dataDir(),
                  config.trinoJavaHome(),
                  config.trinoPort(),
                  catalogUri,
                  CATALOG_NAME);
          started.push(process);
          stage.note(trino.url() + "  (log " + process.log() + ")");
        }
      }
      return new Stack(
          lakeSettings(config, kafka, catalogUri), trino, flink(config, artifacts), started);
    } catch (Exception | Error e) {
      closeAll(started);
      throw e;
    }
  }

  /**
   * The lake of a stack that is already running (started by another quickstart, or a cluster):
   * configured endpoints, else the embedded ones at their configured ports.
   */
  public static LakeSettings running(ServiceLakeConfig config) {
    return lakeSettings(
        config,
        config.kafkaBootstrapServers().orElse("127.0.0.1:" + config.kafkaPort()),
        config.catalogUri().orElse("http://127.0.0.1:" + config.catalogPort()));
  }

  /**
   * Where the ingestion job runs: the session cluster at {@code flink.rest-address} (given the job
   * jar the build made), else a mini-cluster in this JVM.
   */
  public static FlinkTarget flink(ServiceLakeConfig config, Artifacts artifacts) {
    return config
        .flinkRestAddress()
        .map(address -> FlinkTarget.session(address, artifacts.ingestionJobJar()))
        .orElse(FlinkTarget.miniCluster());
  }

  /** Trino of a running stack: configured, else the embedded one's port. */
  public static String runningTrinoUrl(ServiceLakeConfig config) {
    return StackEndpoints.trino(config).url();
  }

  private static LakeSettings lakeSettings(
      ServiceLakeConfig config, String kafka, String catalogUri) {
    return new LakeSettings(
        kafka,
        config.eventsTopic(),
        CATALOG_NAME,
        catalogUri,
        StackEndpoints.warehouse(config),
        config.sparkMaster(),
        config.dataDir().resolve("flink/checkpoints").toUri().toString(),
        config.checkpointInterval());
  }

  public LakeSettings lake() {
    return lake;
  }

  public String trinoUrl() {
    return trino.url();
  }

  /** Trino of this stack as {@code trino.user}; {@code trino().as("analyst")} for another user. */
  public TrinoClient trino() {
    return trino;
  }

  public FlinkTarget flink() {
    return flink;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("While stopping: " + e.getMessage());
      }
    }
  }
}
