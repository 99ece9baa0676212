package io.servicelake.schemas;

import java.time.Instant;

/** Outcome of validating one raw record: either a valid event or the reason it was rejected. */
public sealed interface ValidationResult {

  /**
   * A record that passed every check.
   *
   * @param json the event as compact JSON text (the whole object, envelope included)
   */
  record Valid(
      String eventId,
      String eventType,
      int schemaVersion,
      Instant occurredAt,
      String source,
      String json)
      implements ValidationResult {}

  /**
   * A rejected record.
   *
   * @param code stable machine-readable code
   * @param reason what is wrong, for a person reading the quarantine table
   */
  record Invalid(ErrorCode code, String reason) implements ValidationResult {}
}
