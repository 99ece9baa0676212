package io.servicelake.schemas;

/** Why a record was quarantined. Stable codes: they are stored in the quarantine table. */
public enum ErrorCode {
  OVERSIZE,
  INVALID_UTF8,
  MALFORMED_JSON,
  NOT_AN_OBJECT,
  MISSING_FIELD,
  WRONG_TYPE,
  UNKNOWN_EVENT_TYPE,
  UNKNOWN_SCHEMA_VERSION,
  BAD_TIMESTAMP,
  NEGATIVE_VALUE,
  SCHEMA_VIOLATION,
  /** An imported CSV row that cannot be read as one: wrong number of cells or broken quoting. */
  MALFORMED_CSV,
  /** A second record with an event_id already ingested: kept here, never a second row. */
  DUPLICATE_EVENT_ID
}
