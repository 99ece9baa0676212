package io.servicelake.ingestion;

import io.servicelake.transforms.sim.SimulatedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to Kafka with idempotence on, so a retried send never writes a record twice. Not
 * thread-safe: one producer per thread.
 */
public final class EventProducer implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;

  public EventProducer(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "servicelake-producer");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /** Sends asynchronously; a failure surfaces on the next {@link #send} or on {@link #flush}. */
  public void send(SimulatedEvent event) {
    throwIfFailed();
    producer.send(
        new ProducerRecord<>(topic, event.key().getBytes(StandardCharsets.UTF_8), event.value()),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
    sent++;
  }

  public long sent() {
    return sent;
  }

  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Kafka rejected an event: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
