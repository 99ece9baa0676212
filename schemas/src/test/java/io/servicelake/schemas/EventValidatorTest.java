package io.servicelake.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private final EventValidator validator =
      new EventValidator(
          EventCatalog.load(), 4096, Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC));

  private static final String GOOD =
      """
      {"event_id":"5d0e0b2a-7f0c-4f43-9a3e-2b2f0c6a1b11","event_type":"workorder.completed",
       "schema_version":1,"occurred_at":"2026-05-30T10:00:00Z","source":"field-app",
       "work_order_id":"WO-1","request_id":"SR-1","serial":"SN-1","region":"north",
       "station_id":"ST-1","technician_id":"T-1","service_type":"warranty",
       "labour_minutes":42,"travel_km":12.5,"fixed":true}
      """;

  private ValidationResult check(String json) {
    return validator.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  private ErrorCode codeOf(String json) {
    ValidationResult result = check(json);
    assertThat(result)
        .as("expected a rejection for %s", json)
        .isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid) result).code();
  }

  @Test
  void acceptsAValidEventAndKeepsItsEnvelope() {
    ValidationResult result = check(GOOD);
    assertThat(result).isInstanceOf(ValidationResult.Valid.class);
    ValidationResult.Valid valid = (ValidationResult.Valid) result;
    assertThat(valid.eventId()).isEqualTo("5d0e0b2a-7f0c-4f43-9a3e-2b2f0c6a1b11");
    assertThat(valid.eventType()).isEqualTo("workorder.completed");
    assertThat(valid.schemaVersion()).isEqualTo(1);
    assertThat(valid.occurredAt()).isEqualTo(Instant.parse("2026-05-30T10:00:00Z"));
    assertThat(valid.json()).contains("\"labour_minutes\":42");
  }

  @Test
  void rejectsEachKindOfBadInputWithItsOwnCode() {
    assertThat(codeOf("{not json")).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(codeOf("[1,2,3]")).isEqualTo(ErrorCode.NOT_AN_OBJECT);
    assertThat(codeOf(GOOD.replace("workorder.completed", "workorder.exploded")))
        .isEqualTo(ErrorCode.UNKNOWN_EVENT_TYPE);
    assertThat(codeOf(GOOD.replace("\"schema_version\":1", "\"schema_version\":9")))
        .isEqualTo(ErrorCode.UNKNOWN_SCHEMA_VERSION);
    assertThat(codeOf(GOOD.replace("\"technician_id\":\"T-1\",", "")))
        .isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(codeOf(GOOD.replace("\"fixed\":true", "\"fixed\":\"yes\"")))
        .isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(codeOf(GOOD.replace("2026-05-30T10:00:00Z", "yesterday")))
        .isEqualTo(ErrorCode.BAD_TIMESTAMP);
    assertThat(codeOf(GOOD.replace("2026-05-30T10:00:00Z", "2031-01-01T00:00:00Z")))
        .isEqualTo(ErrorCode.BAD_TIMESTAMP);
    assertThat(codeOf(GOOD.replace("\"labour_minutes\":42", "\"labour_minutes\":-5")))
        .isEqualTo(ErrorCode.NEGATIVE_VALUE);
    assertThat(codeOf(GOOD.replace("warranty", "gratis"))).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
    assertThat(codeOf(GOOD.replace("\"source\":\"field-app\",", "")))
        .isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(codeOf("{\"x\":\"" + "a".repeat(5000) + "\"}")).isEqualTo(ErrorCode.OVERSIZE);
  }

  @Test
  void rejectsInvalidUtf8BeforeParsing() {
    byte[] bytes = GOOD.getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 5] = (byte) 0xC3; // a lead byte without its continuation
    ValidationResult result = validator.validate(bytes);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).code()).isEqualTo(ErrorCode.INVALID_UTF8);
  }

  @Test
  void catalogueMarksPiiFields() {
    EventSchema request = EventCatalog.load().find("service.requested", 1).orElseThrow();
    assertThat(request.fields().stream().filter(FieldSpec::pii).map(FieldSpec::name))
        .containsExactly("customer_name", "customer_phone", "customer_address");
  }

  @Test
  void eachEventTypeHasARawTableDerivedFromItsSchemas() {
    EventCatalog catalog = EventCatalog.load();
    assertThat(EventTables.all(catalog)).hasSize(catalog.eventTypes().size());
    TableSpec requests = EventTables.of(catalog, "service.requested");
    assertThat(requests.qualifiedName()).isEqualTo("raw.service_requested");
    assertThat(requests.partitioning()).containsExactly("month:occurred_at");
    List<String> names = requests.columns().stream().map(ColumnSpec::name).toList();
    assertThat(names)
        .startsWith("event_id", "event_type", "schema_version", "occurred_at", "source")
        .endsWith("kafka_topic", "kafka_partition", "kafka_offset", "ingested_at");
    // every payload field of every version is a column, once
    for (EventSchema version : catalog.versions("service.requested")) {
      for (FieldSpec field : version.fields()) {
        assertThat(names).containsOnlyOnce(field.name());
      }
    }
    assertThat(requests.columns().stream().filter(ColumnSpec::pii).map(ColumnSpec::name))
        .containsExactly("customer_name", "customer_phone", "customer_address");
    assertThat(requests.columns().stream().filter(c -> c.name().equals("customer_name")))
        .allSatisfy(c -> assertThat(c.doc()).startsWith("PII: "));
  }

  @Test
  void columnTypesFollowTheJsonSchemaTypes() {
    TableSpec completed = EventTables.of(EventCatalog.load(), "workorder.completed");
    Map<String, String> types =
        completed.columns().stream()
            .collect(java.util.stream.Collectors.toMap(ColumnSpec::name, ColumnSpec::type));
    assertThat(types)
        .containsEntry("occurred_at", "timestamptz")
        .containsEntry("promised_fix_at", "timestamptz")
        .containsEntry("labour_minutes", "double")
        .containsEntry("fixed", "boolean")
        .containsEntry("work_order_id", "string")
        .containsEntry("kafka_offset", "long");
    assertThat(EventTables.of(EventCatalog.load(), "product.shipped").columns())
        .filteredOn(c -> c.name().equals("components"))
        .extracting(ColumnSpec::type)
        .containsExactly("string");
    assertThatThrownBy(() -> EventTables.of(EventCatalog.load(), "no.such"))
        .hasMessageContaining("unknown event type 'no.such'");
  }

  @Test
  void tableSpecsLoadFromTheirFiles() {
    assertThat(TableSpec.load("raw.quarantine").columns())
        .extracting(ColumnSpec::name)
        .contains("raw_payload", "error_code", "reason");
  }
}
