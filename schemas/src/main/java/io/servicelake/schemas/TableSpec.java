package io.servicelake.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine-neutral table definition from {@code
 * servicelake/schemas/tables/<namespace>.<name>.json}; the ingestion and job modules turn it into
 * an Iceberg schema, so columns are written once.
 *
 * @param namespace Iceberg namespace, e.g. {@code raw}
 * @param name table name, e.g. {@code events}
 * @param description grain and purpose, published as the table comment
 * @param partitioning partition transforms as {@code transform:column}, e.g. {@code
 *     day:occurred_at}
 */
public record TableSpec(
    String namespace,
    String name,
    String description,
    List<String> partitioning,
    List<ColumnSpec> columns) {

  public TableSpec {
    partitioning = List.copyOf(partitioning);
    columns = List.copyOf(columns);
  }

  /** Loads {@code servicelake/schemas/tables/<qualifiedName>.json}, e.g. {@code raw.events}. */
  public static TableSpec load(String qualifiedName) {
    JsonNode doc = EventCatalog.readJson(EventCatalog.ROOT + "tables/" + qualifiedName + ".json");
    String[] parts = doc.path("table").asText(qualifiedName).split("\\.", 2);
    List<String> partitioning = new ArrayList<>();
    doc.path("partitioning").forEach(p -> partitioning.add(p.asText()));
    List<ColumnSpec> columns = new ArrayList<>();
    doc.path("columns")
        .forEach(
            c ->
                columns.add(
                    new ColumnSpec(
                        c.path("name").asText(),
                        c.path("type").asText(),
                        c.path("required").asBoolean(false),
                        c.path("doc").asText(""))));
    return new TableSpec(
        parts[0], parts[1], doc.path("description").asText(""), partitioning, columns);
  }

  /**
   * Every table of the raw layer: the table of each event type (derived from its schemas by {@link
   * EventTables}), then the spec files listed in {@code servicelake/schemas/tables/index.txt}, in
   * index order. A spec file missing from the index is not loaded (a test in this module checks the
   * index is complete).
   */
  public static List<TableSpec> all() {
    List<TableSpec> all = new ArrayList<>(EventTables.all(EventCatalog.load()));
    for (String line : EventCatalog.readText(EventCatalog.ROOT + "tables/index.txt").split("\n")) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        all.add(load(entry));
      }
    }
    return List.copyOf(all);
  }

  public String qualifiedName() {
    return namespace + "." + name;
  }
}
