package io.servicelake.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Parses and validates one raw event against the {@link EventCatalog}. Every rejection carries a
 * stable {@link ErrorCode} and a reason a person can act on.
 *
 * <p>Thread-safe: holds only immutable state, so one instance serves a whole Flink subtask.
 */
public final class EventValidator {

  /** Largest accepted record; a larger one is quarantined whole rather than parsed. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /** Events stamped further ahead than this are clock errors, not future facts. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofDays(1);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final EventCatalog catalog;
  private final int maxBytes;
  private final Duration maxClockSkew;
  private final Clock clock;

  public EventValidator(EventCatalog catalog) {
    this(catalog, DEFAULT_MAX_BYTES, DEFAULT_MAX_CLOCK_SKEW, Clock.systemUTC());
  }

  public EventValidator(EventCatalog catalog, int maxBytes, Duration maxClockSkew, Clock clock) {
    this.catalog = catalog;
    this.maxBytes = maxBytes;
    this.maxClockSkew = maxClockSkew;
    this.clock = clock;
  }

  public ValidationResult validate(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return invalid(ErrorCode.MALFORMED_JSON, "empty record: expected one JSON object");
    }
    if (raw.length > maxBytes) {
      return invalid(
          ErrorCode.OVERSIZE,
          "record is " + raw.length + " bytes; the limit is " + maxBytes + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      return invalid(ErrorCode.INVALID_UTF8, "record is not valid UTF-8: " + e.getMessage());
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return invalid(ErrorCode.MALFORMED_JSON, "not parseable as JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return invalid(
          ErrorCode.NOT_AN_OBJECT,
          "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
    }
    Optional<ValidationResult.Invalid> envelopeError =
        firstError(catalog.envelope().validate(node));
    if (envelopeError.isPresent()) {
      return envelopeError.get();
    }
    String eventType = node.get("event_type").asText();
    int version = node.get("schema_version").asInt();
    List<EventSchema> versions = catalog.versions(eventType);
    if (versions.isEmpty()) {
      return invalid(
          ErrorCode.UNKNOWN_EVENT_TYPE,
          "unknown event_type '" + eventType + "'; known types: " + catalog.eventTypes());
    }
    Optional<EventSchema> schema = catalog.find(eventType, version);
    if (schema.isEmpty()) {
      return invalid(
          ErrorCode.UNKNOWN_SCHEMA_VERSION,
          "event_type '"
              + eventType
              + "' has no schema_version "
              + version
              + "; known versions: "
              + versions.stream().map(EventSchema::version).toList());
    }
    Instant occurredAt;
    try {
      occurredAt = Instant.parse(node.get("occurred_at").asText());
    } catch (DateTimeParseException e) {
      return invalid(
          ErrorCode.BAD_TIMESTAMP,
          "occurred_at '"
              + node.get("occurred_at").asText()
              + "' is not an ISO-8601 UTC instant such as 2026-01-31T08:15:00Z");
    }
    Instant latest = clock.instant().plus(maxClockSkew);
    if (occurredAt.isAfter(latest)) {
      return invalid(
          ErrorCode.BAD_TIMESTAMP,
          "occurred_at " + occurredAt + " is in the future (more than " + maxClockSkew + " ahead)");
    }
    Optional<ValidationResult.Invalid> payloadError =
        firstError(schema.get().validator().validate(node));
    if (payloadError.isPresent()) {
      return payloadError.get();
    }
    return new ValidationResult.Valid(
        node.get("event_id").asText(),
        eventType,
        version,
        occurredAt,
        node.get("source").asText(),
        node.toString());
  }

  private static Optional<ValidationResult.Invalid> firstError(List<Error> errors) {
    return errors.stream().findFirst().map(EventValidator::toInvalid);
  }

  private static ValidationResult.Invalid toInvalid(Error error) {
    String keyword = String.valueOf(error.getKeyword());
    ErrorCode code =
        switch (keyword) {
          case "required" -> ErrorCode.MISSING_FIELD;
          case "type" -> ErrorCode.WRONG_TYPE;
          case "minimum", "exclusiveMinimum" ->
              error.getSchemaNode() != null && error.getSchemaNode().asDouble(-1) == 0
                  ? ErrorCode.NEGATIVE_VALUE
                  : ErrorCode.SCHEMA_VIOLATION;
          case "format" ->
              error.getInstanceLocation().toString().contains("occurred_at")
                  ? ErrorCode.BAD_TIMESTAMP
                  : ErrorCode.SCHEMA_VIOLATION;
          default -> ErrorCode.SCHEMA_VIOLATION;
        };
    // Name the field: "string found, number expected" alone does not say where.
    String location = String.valueOf(error.getInstanceLocation());
    String message = error.getMessage();
    boolean root = location.isEmpty() || location.equals("$") || location.equals("/");
    return new ValidationResult.Invalid(
        code, root || message.contains(location) ? message : location + ": " + message);
  }

  private static ValidationResult invalid(ErrorCode code, String reason) {
    return new ValidationResult.Invalid(code, reason);
  }
}
