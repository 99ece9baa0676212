package io.servicelake.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw landing table of each event type, derived from its JSON Schemas, so a field added to a
 * schema is a column of its table without a second definition anywhere.
 *
 * <p>One table per type ({@code raw.workorder_completed} for {@code workorder.completed}): the
 * envelope, the union of the payload fields of every version of the type (a field a version lacks
 * is null in its rows; that is how v1 and v2 share one table), and where the event came from in
 * Kafka. Payload columns are nullable even when a schema requires them: the schema already enforced
 * that at ingestion, and a required column could never be dropped from a later version.
 */
public final class EventTables {

  public static final String NAMESPACE = "raw";

  /**
   * Event month rather than day: simulated and imported histories span years, and each checkpoint
   * writes one file per active partition of each table, so day partitions made thousands of tiny
   * files. Queries filtering on {@code occurred_at} still prune by month.
   */
  static final List<String> PARTITIONING = List.of("month:occurred_at");

  private static final List<ColumnSpec> ORIGIN =
      List.of(
          new ColumnSpec("kafka_topic", "string", true, "Kafka topic it was read from."),
          new ColumnSpec("kafka_partition", "int", true, "Kafka partition."),
          new ColumnSpec("kafka_offset", "long", true, "Kafka offset."),
          new ColumnSpec("ingested_at", "timestamptz", true, "When the Flink job processed it."));

  private EventTables() {}

  /** {@code workorder.completed} → {@code workorder_completed}. */
  public static String tableName(String eventType) {
    return eventType.replace('.', '_').toLowerCase(Locale.ROOT);
  }

  /** Table specs of every event type, in catalogue order. */
  public static List<TableSpec> all(EventCatalog catalog) {
    return catalog.eventTypes().stream().map(type -> of(catalog, type)).toList();
  }

  /** The raw table of one event type. */
  public static TableSpec of(EventCatalog catalog, String eventType) {
    List<EventSchema> versions = catalog.versions(eventType);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("unknown event type '" + eventType + "'");
    }
    EventSchema latest = versions.get(versions.size() - 1);
    List<ColumnSpec> columns = new ArrayList<>();
    for (FieldSpec field : catalog.envelopeFields()) {
      columns.add(new ColumnSpec(field.name(), columnType(field), true, field.description()));
    }
    for (FieldSpec field : payloadFields(versions).values()) {
      columns.add(new ColumnSpec(field.name(), columnType(field), false, doc(field), field.pii()));
    }
    columns.addAll(ORIGIN);
    String description =
        latest.description()
            + " Raw landing table of "
            + eventType
            + " (schema versions "
            + versions.stream().map(v -> "v" + v.version()).toList()
            + "): every valid event exactly once, de-duplicated on event_id; fields a version lacks"
            + " are null. Grain: one row per event_id. Partitioned by month of occurred_at.";
    return new TableSpec(NAMESPACE, tableName(eventType), description, PARTITIONING, columns);
  }

  /**
   * SQL over the rows of every event table as one relation, e.g. to count all events: {@code SELECT
   * <columns> FROM <catalog>.raw.<table> UNION ALL ...}. Only envelope and origin columns are
   * common to all tables. Plain ANSI SQL, read by Trino and Spark alike.
   */
  public static String unionAll(EventCatalog catalog, String catalogName, String columns) {
    return all(catalog).stream()
        .map(t -> "SELECT " + columns + " FROM " + catalogName + "." + t.qualifiedName())
        .collect(java.util.stream.Collectors.joining(" UNION ALL "));
  }

  /**
   * Union of the payload fields of all versions, in first-declared order; the newest version's
   * declaration wins, as it describes the field as it is meant today.
   */
  static Map<String, FieldSpec> payloadFields(List<EventSchema> versions) {
    Map<String, FieldSpec> fields = new LinkedHashMap<>();
    for (EventSchema version : versions) {
      for (FieldSpec field : version.fields()) {
        fields.put(field.name(), field);
      }
    }
    return fields;
  }

  /**
   * Engine-neutral column type of a JSON Schema field; arrays and objects are kept as JSON text.
   */
  static String columnType(FieldSpec field) {
    return switch (field.jsonType()) {
      case "string" ->
          switch (field.format()) {
            case "date-time" -> "timestamptz";
            case "date" -> "date";
            default -> "string";
          };
      case "integer" -> "long";
      case "number" -> "double";
      case "boolean" -> "boolean";
      case "array", "object" -> "string";
      default ->
          throw new IllegalArgumentException(
              "field " + field.name() + ": no column type for JSON type " + field.jsonType());
    };
  }

  private static String doc(FieldSpec field) {
    String doc = field.description();
    if (field.jsonType().equals("array") || field.jsonType().equals("object")) {
      doc += " (JSON text)";
    }
    return field.pii() ? "PII: " + doc : doc;
  }
}
