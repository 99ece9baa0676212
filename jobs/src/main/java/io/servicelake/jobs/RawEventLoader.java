package io.servicelake.jobs;

import static java.util.Objects.requireNonNull;

import io.servicelake.schemas.ColumnSpec;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Appends event JSON straight into the raw event tables ({@code raw.<event_type>}) with Spark,
 * without Kafka or Flink: for test fixtures, benchmarks of the marts and bulk back-fills of
 * <em>trusted</em> data. It does not validate — untrusted files go through {@code ./servicelake
 * import}, which applies the stream's validation and quarantine.
 *
 * <p>Streams: lines are staged to one temporary JSON Lines file per event type, each line wrapped
 * with its sequence number, and every table then gets one Spark read and one Iceberg commit, so ten
 * million events need neither memory nor thousands of commits.
 */
public final class RawEventLoader {

  /** What each loaded row records as its origin in place of a Kafka topic. */
  public static final String DEFAULT_TOPIC = "spark:raw-event-loader";

  private final SparkSession spark;
  private final String catalog;
  private final String topic;
  private final Map<String, TableSpec> tables = new LinkedHashMap<>();

  public RawEventLoader(SparkSession spark, LakeSettings lake) {
    this(spark, lake.catalogName(), DEFAULT_TOPIC);
  }

  /**
   * @param catalog Spark catalog name of the lake
   * @param topic stored in {@code kafka_topic} of every row, so loaded rows stay recognisable
   */
  public RawEventLoader(SparkSession spark, String catalog, String topic) {
    this.spark = requireNonNull(spark, "spark");
    this.catalog = requireNonNull(catalog, "catalog");
    this.topic = requireNonNull(topic, "topic");
    EventCatalog events = EventCatalog.load();
    for (String type : events.eventTypes()) {
      tables.put(type, EventTables.of(events, type));
    }
  }

  /** Creates every raw event table that is missing (with table and column comments). */
  public void ensureTables() {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + "." + EventTables.NAMESPACE);
    for (TableSpec spec : tables.values()) {
      String columns =
          spec.columns().stream()
              .map(
                  c ->
                      c.name()
                          + " "
                          + sparkType(c).sql()
                          + (c.required() ? " NOT NULL" : "")
                          + " COMMENT '"
                          + c.doc().replace("'", "\\'")
                          + "'")
              .collect(Collectors.joining(", "));
      spark.sql(
          "CREATE TABLE IF NOT EXISTS "
              + qualified(spec)
              + " ("
              + columns
              + ") USING iceberg PARTITIONED BY (months(occurred_at)) COMMENT '"
              + spec.description().replace("'", "\\'")
              + "' TBLPROPERTIES ('format-version' = '2')");
    }
  }

  /**
   * Appends the events, each one JSON object on one line with an {@code event_type}; lines of an
   * unknown type are refused before anything is written.
   *
   * @param firstOffset the {@code kafka_offset} of the first event; the following ones count up, so
   *     staging's "first copy wins" de-duplication keeps the earlier of two appends
   * @return events appended per table
   */
  public Map<String, Long> append(Iterator<String> events, long firstOffset) {
    ensureTables();
    Path staging;
    try {
      staging = Files.createTempDirectory("servicelake-raw-load");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<String, Long> counts = stage(events, firstOffset, staging);
      for (Map.Entry<String, Long> entry : counts.entrySet()) {
        insert(tables.get(entry.getKey()), staging.resolve(fileName(entry.getKey())));
      }
      Map<String, Long> byTable = new LinkedHashMap<>();
      counts.forEach((type, n) -> byTable.put(tables.get(type).qualifiedName(), n));
      return byTable;
    } finally {
      deleteRecursively(staging);
    }
  }

  private Map<String, Long> stage(Iterator<String> events, long firstOffset, Path staging) {
    Map<String, BufferedWriter> writers = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    long offset = firstOffset;
    try {
      while (events.hasNext()) {
        String line = events.next().strip();
        String type = eventType(line);
        if (!tables.containsKey(type)) {
          throw new IllegalArgumentException(
              "event #"
                  + (offset - firstOffset + 1)
                  + " has no known event_type ("
                  + type
                  + "); RawEventLoader takes trusted events only — import files with"
                  + " ./servicelake import: "
                  + abbreviate(line));
        }
        BufferedWriter writer = writers.get(type);
        if (writer == null) {
          writer = Files.newBufferedWriter(staging.resolve(fileName(type)), StandardCharsets.UTF_8);
          writers.put(type, writer);
        }
        writer.write("{\"o\":");
        writer.write(Long.toString(offset++));
        writer.write(",\"e\":");
        writer.write(line);
        writer.write("}\n");
        counts.merge(type, 1L, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (BufferedWriter writer : writers.values()) {
        try {
          writer.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return counts;
  }

  /**
   * One read of the staged file with the table's columns as the JSON schema (timestamps and dates
   * read as text, then cast: Spark's cast accepts every ISO-8601 form, its JSON reader only one
   * pattern), one append.
   */
  private void insert(TableSpec spec, Path file) {
    List<StructField> fields = new ArrayList<>();
    List<String> select = new ArrayList<>();
    for (ColumnSpec column : spec.columns()) {
      switch (column.name()) {
        case "kafka_topic" -> select.add("'" + topic.replace("'", "\\'") + "' as kafka_topic");
        case "kafka_partition" -> select.add("0 as kafka_partition");
        case "kafka_offset" -> select.add("o as kafka_offset");
        case "ingested_at" -> select.add("current_timestamp() as ingested_at");
        default -> {
          DataType type = sparkType(column);
          boolean asText = type.equals(DataTypes.TimestampType) || type.equals(DataTypes.DateType);
          fields.add(
              DataTypes.createStructField(
                  column.name(), asText ? DataTypes.StringType : type, true));
          select.add(
              asText
                  ? "cast(e." + column.name() + " as " + type.sql() + ") as " + column.name()
                  : "e." + column.name());
        }
      }
    }
    StructType wrapper =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("o", DataTypes.LongType, false),
                DataTypes.createStructField("e", DataTypes.createStructType(fields), true)));
    spark
        .read()
        .schema(wrapper)
        .option("mode", "FAILFAST")
        .json(file.toString())
        .createOrReplaceTempView("servicelake_raw_load");
    try {
      spark.sql(
          "INSERT INTO "
              + qualified(spec)
              + " SELECT "
              + String.join(", ", select)
              + " FROM servicelake_raw_load");
    } finally {
      spark.catalog().dropTempView("servicelake_raw_load");
    }
  }

  private String qualified(TableSpec spec) {
    return catalog + "." + spec.qualifiedName();
  }

  /** The event_type of one JSON line, found without parsing the whole event. */
  static String eventType(String line) {
    int key = line.indexOf("\"event_type\"");
    if (key < 0) {
      return null;
    }
    int colon = line.indexOf(':', key + 12);
    int open = colon < 0 ? -1 : line.indexOf('"', colon + 1);
    int close = open < 0 ? -1 : line.indexOf('"', open + 1);
    return close < 0 ? null : line.substring(open + 1, close);
  }

  static DataType sparkType(ColumnSpec column) {
    return switch (column.type()) {
      case "string" -> DataTypes.StringType;
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "double" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      case "date" -> DataTypes.DateType;
      case "timestamptz" -> DataTypes.TimestampType;
      case "binary" -> DataTypes.BinaryType;
      default -> throw new IllegalArgumentException("unknown column type '" + column.type() + "'");
    };
  }

  private static String fileName(String eventType) {
    return EventTables.tableName(eventType) + ".jsonl";
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless; the load itself succeeded or failed on its own
    }
  }
}
