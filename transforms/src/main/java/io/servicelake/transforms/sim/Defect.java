package io.servicelake.transforms.sim;

import io.servicelake.schemas.ErrorCode;
import java.util.Optional;

/**
 * The kinds of deliberately bad records the simulator injects. All but {@link #DUPLICATE} and
 * {@link #LATE} must be rejected by the validator with {@link #expected()}; those two are valid
 * records that the pipeline must handle by de-duplication and event-time processing.
 */
public enum Defect {
  MALFORMED_JSON("malformed_json", ErrorCode.MALFORMED_JSON),
  NOT_AN_OBJECT("not_an_object", ErrorCode.NOT_AN_OBJECT),
  UNKNOWN_TYPE("unknown_type", ErrorCode.UNKNOWN_EVENT_TYPE),
  UNKNOWN_SCHEMA_VERSION("unknown_schema_version", ErrorCode.UNKNOWN_SCHEMA_VERSION),
  MISSING_FIELD("missing_field", ErrorCode.MISSING_FIELD),
  WRONG_TYPE("wrong_type", ErrorCode.WRONG_TYPE),
  BAD_TIMESTAMP("bad_timestamp", ErrorCode.BAD_TIMESTAMP),
  NEGATIVE_VALUE("negative_value", ErrorCode.NEGATIVE_VALUE),
  INVALID_UTF8("invalid_utf8", ErrorCode.INVALID_UTF8),
  OVERSIZE("oversize", ErrorCode.OVERSIZE),
  /** An exact second copy of a good record, same event_id: valid, must be de-duplicated. */
  DUPLICATE("duplicate", null),
  /** A good record delivered days after later events: valid, arrives behind the watermark. */
  LATE("late", null);

  private final String id;
  private final ErrorCode expected;

  Defect(String id, ErrorCode expected) {
    this.id = id;
    this.expected = expected;
  }

  /** The stable name used in {@link SimulatedEvent#defect()} and the ground truth. */
  public String id() {
    return id;
  }

  /** The validator's code for this defect; empty for records that are valid by design. */
  public Optional<ErrorCode> expected() {
    return Optional.ofNullable(expected);
  }

  public static Optional<Defect> byId(String id) {
    for (Defect defect : values()) {
      if (defect.id.equals(id)) {
        return Optional.of(defect);
      }
    }
    return Optional.empty();
  }
}
