package io.servicelake.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.ColumnSpec;
import io.servicelake.schemas.TableSpec;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Turns a validated event into a row of its event type's raw table ({@link
 * io.servicelake.schemas.EventTables}): envelope and payload fields by column name, JSON arrays and
 * objects as JSON text, the Kafka origin and the ingestion time last. A field the event does not
 * carry (a v1 event in a table that also holds v2) is null.
 */
final class EventRows implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ORIGIN =
      List.of("kafka_topic", "kafka_partition", "kafka_offset", "ingested_at");

  private final String table;
  private final String[] names;
  private final String[] types;
  private final int payloadColumns;

  EventRows(TableSpec spec) {
    List<ColumnSpec> columns = spec.columns();
    List<String> tail =
        columns.subList(columns.size() - ORIGIN.size(), columns.size()).stream()
            .map(ColumnSpec::name)
            .toList();
    if (!tail.equals(ORIGIN)) {
      throw new IllegalArgumentException(
          spec.qualifiedName() + " must end with the origin columns " + ORIGIN + ", not " + tail);
    }
    this.table = spec.qualifiedName();
    this.names = columns.stream().map(ColumnSpec::name).toArray(String[]::new);
    this.types = columns.stream().map(ColumnSpec::type).toArray(String[]::new);
    this.payloadColumns = columns.size() - ORIGIN.size();
  }

  /**
   * @throws IllegalArgumentException naming the field, when a value cannot be stored in its column
   *     (the schemas make that impossible for a valid event; the caller quarantines it anyway)
   */
  RowData toRow(ValidatedEvent event, Instant ingestedAt) {
    JsonNode node;
    try {
      node = JSON.readTree(event.json());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("event JSON no longer parses: " + e.getMessage(), e);
    }
    GenericRowData row = new GenericRowData(names.length);
    for (int i = 0; i < payloadColumns; i++) {
      JsonNode value = node.get(names[i]);
      if (value == null || value.isNull()) {
        continue;
      }
      try {
        row.setField(i, convert(value, types[i]));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "field "
                + names[i]
                + " = "
                + value
                + " cannot be stored as "
                + types[i]
                + " in "
                + table
                + ": "
                + e.getMessage(),
            e);
      }
    }
    RawRecord origin = event.origin();
    row.setField(payloadColumns, StringData.fromString(origin.topic()));
    row.setField(payloadColumns + 1, origin.partition());
    row.setField(payloadColumns + 2, origin.offset());
    row.setField(payloadColumns + 3, TimestampData.fromInstant(ingestedAt));
    return row;
  }

  private static Object convert(JsonNode value, String type) {
    return switch (type) {
      case "string" ->
          StringData.fromString(value.isTextual() ? value.textValue() : value.toString());
      case "long" -> requireNumber(value).longValue();
      case "int" -> requireNumber(value).intValue();
      case "double" -> requireNumber(value).doubleValue();
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw new IllegalArgumentException("not a boolean");
        }
        yield value.booleanValue();
      }
      case "timestamptz" ->
          TimestampData.fromInstant(OffsetDateTime.parse(value.asText()).toInstant());
      case "date" -> (int) LocalDate.parse(value.asText()).toEpochDay();
      default -> throw new IllegalArgumentException("unsupported column type " + type);
    };
  }

  private static Number requireNumber(JsonNode value) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException("not a number");
    }
    return value.numberValue();
  }
}
