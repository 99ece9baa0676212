package io.servicelake.transforms.sim;

import java.time.Instant;
import java.util.Optional;

/**
 * One record the simulator produced, ready to send to Kafka or write to a file.
 *
 * @param key Kafka record key (the serial number, or the station for station-level events, so one
 *     unit's history stays in order within a partition)
 * @param value the record value: normally one JSON object without line breaks, for bad records
 *     whatever bytes they are (never containing {@code '\n'})
 * @param eventType the intended event type, also for bad records
 * @param defect empty for a good event, else the {@link Defect#id()} deliberately injected
 * @param eventId the event id of the intended event (shared by a duplicate and its original)
 * @param occurredAt the intended event time
 */
public record SimulatedEvent(
    String key, byte[] value, String eventType, String defect, String eventId, Instant occurredAt) {

  /** The original four-component form, for callers that do not need id and time. */
  public SimulatedEvent(String key, byte[] value, String eventType, String defect) {
    this(key, value, eventType, defect, "", Instant.EPOCH);
  }

  public boolean isBad() {
    return !defect.isEmpty();
  }

  /** True when the validator must reject this record (every defect but duplicate and late). */
  public boolean mustBeRejected() {
    return defectKind().flatMap(Defect::expected).isPresent();
  }

  public Optional<Defect> defectKind() {
    return defect.isEmpty() ? Optional.empty() : Defect.byId(defect);
  }
}
