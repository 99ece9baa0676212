package io.servicelake.ingestion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Builds Flink rows in the column order of {@code raw.quarantine} (see its table file in {@code
 * schemas/}); event rows come from {@link EventRows}.
 */
final class LakeRows {

  private LakeRows() {}

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
