package io.servicelake.ingestion;

import io.servicelake.schemas.ErrorCode;

/** A record bound for the quarantine table, with the reason. */
public record Rejection(RawRecord record, ErrorCode code, String reason) {}
