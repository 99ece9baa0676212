package io.servicelake.transforms.sim;

/**
 * One event the simulator produced, ready to send to Kafka or write to a file.
 *
 * @param key Kafka record key (the serial number, so one unit's history stays in order)
 * @param value the record value: normally one JSON object, for bad events whatever bytes they are
 * @param eventType the intended event type ({@code "bad"} handling is the consumer's business)
 * @param defect empty for a good event, else the kind of defect deliberately injected
 */
public record SimulatedEvent(String key, byte[] value, String eventType, String defect) {

  public boolean isBad() {
    return !defect.isEmpty();
  }
}
