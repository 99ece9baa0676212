package io.servicelake.ingestion;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of one topic per partition — earliest, latest, and what a consumer group committed — for
 * counting records and reporting consumer lag.
 */
public final class TopicOffsets {

  /**
   * One partition.
   *
   * @param committed offset the group committed, or -1 when it has committed none
   */
  public record Partition(int partition, long earliest, long latest, long committed) {

    public long records() {
      return latest - earliest;
    }

    /** Records not yet consumed by the group (all of them when it has committed none). */
    public long lag() {
      return latest - (committed < 0 ? earliest : committed);
    }
  }

  private TopicOffsets() {}

  public static List<Partition> of(String bootstrapServers, String topic, String group)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      List<TopicPartition> partitions =
          description.partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      var latest =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get();
      var earliest =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
              .all()
              .get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<Integer, Partition> result = new TreeMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata offset = committed.get(tp);
        result.put(
            tp.partition(),
            new Partition(
                tp.partition(),
                earliest.get(tp).offset(),
                latest.get(tp).offset(),
                offset == null ? -1 : offset.offset()));
      }
      return List.copyOf(result.values());
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot read offsets of topic "
              + topic
              + " at "
              + bootstrapServers
              + ": "
              + e.getCause().getMessage(),
          e);
    }
  }

  public static long records(List<Partition> partitions) {
    return partitions.stream().mapToLong(Partition::records).sum();
  }
}
