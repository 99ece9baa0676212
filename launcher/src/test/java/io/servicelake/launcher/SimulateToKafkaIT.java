package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.launcher.cli.ServiceLakeCli;
import io.servicelake.launcher.embedded.EmbeddedKafka;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --to-kafka} against an in-process KRaft broker on free ports: every record
 * arrives once, and the topic holds exactly what the simulator makes for that seed, in order per
 * key.
 */
class SimulateToKafkaIT {

  private static final String TOPIC = "sim-events";

  @TempDir Path dir;

  @Test
  void producesEverySimulatedRecordOnceInSimulatorOrderPerKey() throws Exception {
    int port = Ports.free();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port, Ports.free())) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = ServiceLakeCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit =
          cli.execute(
              "simulate",
              "--to-kafka",
              "--seed",
              "5",
              "--units",
              "120",
              "--data-dir",
              dir.resolve("data").toString(),
              "--set",
              "kafka.port=" + port,
              "--set",
              "kafka.topic=" + TOPIC,
              "--out",
              dir.resolve("out").toString());
      assertThat(exit).as(err.toString()).isZero();
      assertThat(out.toString()).contains("-> Kafka topic " + TOPIC + " at 127.0.0.1:" + port);

      List<SimulatedEvent> expected = new ArrayList<>();
      new Simulator(SimulatorConfig.defaults(5, 120, 0.01)).run(expected::add);
      long truthRecords =
          new ObjectMapper()
              .readTree(dir.resolve("out/ground-truth.json").toFile())
              .at("/counts/records")
              .asLong();
      assertThat(truthRecords).isEqualTo(expected.size());

      List<ConsumerRecord<byte[], byte[]>> consumed = consumeAll(kafka.bootstrapServers());
      assertThat(consumed).hasSize(expected.size());
      assertThat(perKey(consumed)).isEqualTo(perKeyExpected(expected));
    }
    assertThat(Ports.isOpen(port)).as("the broker is stopped").isFalse();
  }

  /** Values per key, in offset order (one key always maps to one partition). */
  private static Map<String, List<String>> perKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<String>> byKey = new HashMap<>();
    records.stream()
        .sorted(
            java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
                    ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset))
        .forEach(
            r ->
                byKey
                    .computeIfAbsent(
                        new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(hex(r.value())));
    return byKey;
  }

  private static Map<String, List<String>> perKeyExpected(List<SimulatedEvent> events) {
    Map<String, List<String>> byKey = new HashMap<>();
    events.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(hex(e.value())));
    return byKey;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(p -> new TopicPartition(TOPIC, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
