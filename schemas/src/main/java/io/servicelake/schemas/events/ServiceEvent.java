package io.servicelake.schemas.events;

import java.time.Instant;

/** A generated event record: the envelope every event type shares, then its own payload. */
public interface ServiceEvent extends SchemaRecord {

  String eventId();

  String eventType();

  long schemaVersion();

  Instant occurredAt();

  String source();
}
