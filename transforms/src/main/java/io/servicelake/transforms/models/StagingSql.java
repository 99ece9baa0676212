package io.servicelake.transforms.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicelake.schemas.ColumnSpec;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the SQL of a staging model from its event type's schemas, so the seventeen staging models
 * are not seventeen hand-kept copies. A staging doc names its event ({@code "source_event"}); the
 * SQL reads that event's raw table, keeps the first copy of each {@code event_id}, renames {@code
 * occurred_at} and casts columns — no business logic.
 *
 * <p>The doc's {@code columns} are the output, in order; each one is
 *
 * <ul>
 *   <li>{@code event_id}; {@code schema_version} (as int); {@code event_date} = the UTC date of
 *       {@code occurred_at}; the doc's {@code "occurred_at_as"} column = {@code occurred_at};
 *   <li>otherwise a column of the raw table of the same name, or of the name given in {@code
 *       "renames"} (output → raw); cast to the type in {@code "types"} when given (money is {@code
 *       decimal(18, 2)}), integers to {@code int}, everything else as stored.
 * </ul>
 *
 * A documented column the raw table lacks fails the load, naming it: a schema edit cannot silently
 * drop a staging column.
 */
final class StagingSql {

  private StagingSql() {}

  static boolean isGenerated(JsonNode doc) {
    return doc.hasNonNull("source_event");
  }

  static String generate(String model, JsonNode doc, EventCatalog catalog) {
    String eventType = doc.path("source_event").asText();
    if (!catalog.eventTypes().contains(eventType)) {
      throw new IllegalStateException(
          "Staging model " + model + ": source_event '" + eventType + "' is not in the catalogue");
    }
    TableSpec raw = EventTables.of(catalog, eventType);
    Map<String, String> rawTypes = new LinkedHashMap<>();
    for (ColumnSpec column : raw.columns()) {
      rawTypes.put(column.name(), column.type());
    }
    String occurredAs = doc.path("occurred_at_as").asText("occurred_at");
    Map<String, String> renames = textMap(doc.path("renames"));
    Map<String, String> types = textMap(doc.path("types"));
    List<String> select = new ArrayList<>();
    doc.path("columns")
        .fieldNames()
        .forEachRemaining(
            column -> {
              if (column.equals(occurredAs)) {
                select.add(
                    column.equals("occurred_at") ? "occurred_at" : "occurred_at as " + column);
                return;
              }
              switch (column) {
                case "event_id" -> select.add("event_id");
                case "schema_version" ->
                    select.add("cast(schema_version as int) as schema_version");
                case "event_date" -> select.add("cast(occurred_at as date) as event_date");
                default -> {
                  String source = renames.getOrDefault(column, column);
                  String rawType = rawTypes.get(source);
                  if (rawType == null) {
                    throw new IllegalStateException(
                        "Staging model "
                            + model
                            + " documents column "
                            + column
                            + ", but the schemas of "
                            + eventType
                            + " have no field "
                            + source
                            + " (add it to the schema, or map it under \"renames\")");
                  }
                  String cast = types.getOrDefault(column, rawType.equals("long") ? "int" : null);
                  String expression =
                      cast == null ? source : "cast(" + source + " as " + cast + ")";
                  select.add(expression.equals(column) ? expression : expression + " as " + column);
                }
              }
            });
    return "-- generated from the schemas of "
        + eventType
        + " by StagingSql; edit "
        + model
        + ".json, not this text\n"
        + "with source as (\n"
        + "    select * from {{ source('"
        + raw.namespace()
        + "', '"
        + raw.name()
        + "') }}\n"
        + "),\n\n"
        + "deduplicated as (\n"
        + "    select\n"
        + "        *,\n"
        + "        row_number() over (partition by event_id order by kafka_topic, kafka_partition,"
        + " kafka_offset) as copy_number\n"
        + "    from source\n"
        + "),\n\n"
        + "renamed as (\n"
        + "    select\n"
        + select.stream().map(s -> "        " + s).collect(Collectors.joining(",\n"))
        + "\n    from deduplicated\n"
        + "    where copy_number = 1\n"
        + ")\n\n"
        + "select * from renamed\n";
  }

  private static Map<String, String> textMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
