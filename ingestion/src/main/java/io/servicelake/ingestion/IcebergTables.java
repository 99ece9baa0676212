package io.servicelake.ingestion;

import io.servicelake.schemas.ColumnSpec;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg tables of the lake, defined from the engine-neutral {@link TableSpec} files in {@code
 * schemas/} so no column is written twice.
 */
public final class IcebergTables {

  private IcebergTables() {}

  /** Catalog properties shared by every Iceberg client of the lake (Flink, Spark, tools). */
  public static Map<String, String> catalogProperties(LakeSettings lake) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, lake.catalogUri());
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, lake.warehouseUri());
    return properties;
  }

  /**
   * Size and freshness of a table, from its current snapshot's summary (no data is read).
   *
   * @param lastCommit time of the current snapshot, or null for a table never written
   */
  public record TableStats(String table, long rows, long dataFiles, java.time.Instant lastCommit) {}

  public static TableStats stats(org.apache.iceberg.catalog.Catalog catalog, TableIdentifier id) {
    Table table = catalog.loadTable(id);
    org.apache.iceberg.Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return new TableStats(id.toString(), 0, 0, null);
    }
    Map<String, String> summary = snapshot.summary();
    return new TableStats(
        id.toString(),
        Long.parseLong(summary.getOrDefault("total-records", "0")),
        Long.parseLong(summary.getOrDefault("total-data-files", "0")),
        java.time.Instant.ofEpochMilli(snapshot.timestampMillis()));
  }

  public static RESTCatalog openCatalog(LakeSettings lake) {
    RESTCatalog catalog = new RESTCatalog();
    catalog.setConf(new Configuration());
    catalog.initialize(lake.catalogName(), catalogProperties(lake));
    return catalog;
  }

  public static CatalogLoader catalogLoader(LakeSettings lake) {
    return CatalogLoader.rest(lake.catalogName(), new Configuration(), catalogProperties(lake));
  }

  public static TableLoader tableLoader(LakeSettings lake, TableSpec spec) {
    return TableLoader.fromCatalog(
        catalogLoader(lake), TableIdentifier.of(spec.namespace(), spec.name()));
  }

  /** Creates the table (and its namespace) unless it exists; returns it either way. */
  public static Table ensure(RESTCatalog catalog, TableSpec spec) {
    Namespace namespace = Namespace.of(spec.namespace());
    if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      catalog.createNamespace(namespace);
    }
    TableIdentifier id = TableIdentifier.of(namespace, spec.name());
    if (catalog.tableExists(id)) {
      return catalog.loadTable(id);
    }
    Schema schema = schema(spec);
    Map<String, String> properties = new HashMap<>();
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.put(TableProperties.DEFAULT_FILE_FORMAT, "parquet");
    properties.put("comment", spec.description());
    return catalog
        .buildTable(id, schema)
        .withPartitionSpec(partitionSpec(spec, schema))
        .withProperties(properties)
        .create();
  }

  public static Schema schema(TableSpec spec) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (ColumnSpec column : spec.columns()) {
      Type type = type(column.type());
      fields.add(
          column.required()
              ? Types.NestedField.required(id++, column.name(), type, column.doc())
              : Types.NestedField.optional(id++, column.name(), type, column.doc()));
    }
    return new Schema(fields);
  }

  static PartitionSpec partitionSpec(TableSpec spec, Schema schema) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String partition : spec.partitioning()) {
      String[] parts = partition.split(":", 2);
      switch (parts[0]) {
        case "identity" -> builder.identity(parts[1]);
        case "day" -> builder.day(parts[1]);
        case "month" -> builder.month(parts[1]);
        default ->
            throw new IllegalArgumentException(
                spec.qualifiedName() + ": unknown partition transform '" + parts[0] + "'");
      }
    }
    return builder.build();
  }

  static Type type(String name) {
    return switch (name) {
      case "string" -> Types.StringType.get();
      case "int" -> Types.IntegerType.get();
      case "long" -> Types.LongType.get();
      case "double" -> Types.DoubleType.get();
      case "boolean" -> Types.BooleanType.get();
      case "binary" -> Types.BinaryType.get();
      case "date" -> Types.DateType.get();
      case "timestamptz" -> Types.TimestampType.withZone();
      default -> throw new IllegalArgumentException("unknown column type '" + name + "'");
    };
  }
}
