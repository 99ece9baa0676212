package io.servicelake.ingestion;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the events topic with explicit partitions, retention and compression. */
public final class KafkaTopics {

  public static final int DEFAULT_PARTITIONS = 4;

  /** Two weeks: long enough to replay after any outage we plan for. */
  public static final long RETENTION_MS = 14L * 24 * 3600 * 1000;

  private KafkaTopics() {}

  public static void ensure(
      String bootstrapServers, String topic, int partitions, short replication)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      NewTopic newTopic =
          new NewTopic(topic, partitions, replication)
              .configs(
                  Map.of(
                      "retention.ms",
                      Long.toString(RETENTION_MS),
                      "compression.type",
                      "producer",
                      "min.insync.replicas",
                      replication > 1 ? "2" : "1"));
      admin.createTopics(List.of(newTopic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "Could not create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
      }
    }
  }
}
