package io.servicelake.transforms.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where the lake lives, as the engines (Flink, Spark) see it. Resolved by the launcher from the
 * user's configuration: embedded addresses or a cluster's, the code is the same either way.
 *
 * @param kafkaBootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:19092}
 * @param eventsTopic topic every service event is produced to
 * @param catalogName name of the Iceberg catalog in Spark and Trino ({@code lake})
 * @param catalogUri Iceberg REST catalog URI
 * @param warehouseUri warehouse root, e.g. {@code file:///…/warehouse} or {@code s3://bucket/…}
 * @param sparkMaster Spark master, e.g. {@code local[2]} or {@code spark://host:7077}
 * @param checkpointDir Flink checkpoint directory URI
 * @param checkpointInterval Flink checkpoint interval: also the Iceberg commit interval
 */
public record LakeSettings(
    String kafkaBootstrapServers,
    String eventsTopic,
    String catalogName,
    String catalogUri,
    String warehouseUri,
    String sparkMaster,
    String checkpointDir,
    Duration checkpointInterval) {

  public static final String RAW_NAMESPACE = "raw";
  public static final String QUARANTINE_TABLE = "quarantine";
  public static final String STAGING_NAMESPACE = "staging";
  public static final String MARTS_NAMESPACE = "marts";

  public LakeSettings {
    requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    requireNonNull(eventsTopic, "eventsTopic");
    requireNonNull(catalogName, "catalogName");
    requireNonNull(catalogUri, "catalogUri");
    requireNonNull(warehouseUri, "warehouseUri");
    requireNonNull(sparkMaster, "sparkMaster");
    requireNonNull(checkpointDir, "checkpointDir");
    requireNonNull(checkpointInterval, "checkpointInterval");
  }
}
