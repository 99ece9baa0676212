package io.servicelake.ingestion;

import io.servicelake.schemas.ErrorCode;
import java.io.Serializable;

/**
 * Turns a raw record's value into the JSON text the {@link io.servicelake.schemas.EventValidator}
 * checks. Kafka records are JSON already ({@link #AS_IS}); imported CSV rows are converted first
 * ({@link ExportDecoder}). A record that cannot be decoded is quarantined with the decoder's
 * reason, like any other rejection.
 *
 * <p>Implementations run inside Flink operators: serializable and thread-confined.
 */
@FunctionalInterface
public interface RecordDecoder extends Serializable {

  /** The stream's decoder: the value is the event JSON, byte for byte. */
  RecordDecoder AS_IS = record -> new Decoded.Json(record.value());

  Decoded decode(RawRecord record);

  /** What the decoder made of one record. */
  sealed interface Decoded {
    /** Bytes for the validator (which reports malformed JSON itself). */
    record Json(byte[] value) implements Decoded {}

    /** Not decodable: quarantined with this code and reason. */
    record Rejected(ErrorCode code, String reason) implements Decoded {}
  }
}
