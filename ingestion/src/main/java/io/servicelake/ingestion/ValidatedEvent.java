package io.servicelake.ingestion;

import java.time.Instant;

/** A record that passed validation, with where it came from; still to be de-duplicated. */
public record ValidatedEvent(
    String eventId,
    String eventType,
    int schemaVersion,
    Instant occurredAt,
    String source,
    String json,
    RawRecord origin) {}
