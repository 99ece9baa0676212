package io.servicelake.ingestion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Builds Flink rows in the column order of {@code raw.events} and {@code raw.quarantine} (see their
 * table files in {@code schemas/}).
 */
final class LakeRows {

  private LakeRows() {}

  static RowData event(ValidatedEvent event, Instant ingestedAt) {
    RawRecord origin = event.origin();
    return GenericRowData.of(
        StringData.fromString(event.eventId()),
        StringData.fromString(event.eventType()),
        event.schemaVersion(),
        TimestampData.fromInstant(event.occurredAt()),
        StringData.fromString(event.source()),
        StringData.fromString(event.json()),
        StringData.fromString(origin.topic()),
        origin.partition(),
        origin.offset(),
        TimestampData.fromInstant(ingestedAt));
  }

  static RowData quarantine(Rejection rejection, Instant receivedAt) {
    RawRecord record = rejection.record();
    return GenericRowData.of(
        StringData.fromString(record.topic()),
        record.partition(),
        record.offset(),
        record.key() == null
            ? null
            : StringData.fromString(new String(record.key(), StandardCharsets.UTF_8)),
        record.value(),
        record.value() == null
            ? null
            : StringData.fromString(new String(record.value(), StandardCharsets.UTF_8)),
        StringData.fromString(rejection.code().name()),
        StringData.fromString(rejection.reason()),
        TimestampData.fromInstant(receivedAt));
  }
}
