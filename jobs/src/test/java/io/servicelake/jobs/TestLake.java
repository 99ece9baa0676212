package io.servicelake.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.ColumnSpec;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one local SparkSession of the test JVM, with Iceberg {@code hadoop} catalogs on a temporary
 * warehouse. Each test class gets its own catalog (its own lake), so classes never see each other's
 * tables while sharing the session.
 */
final class TestLake {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path WAREHOUSE;
  private static final SparkSession SPARK;

  static {
    try {
      WAREHOUSE = Files.createTempDirectory("servicelake-jobs-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SPARK = SparkSessions.createLocalHadoop("lake", WAREHOUSE.resolve("lake"), "jobs-tests");
    // tiny tables: compiling generated code costs more than interpreting the plan
    SPARK.conf().set("spark.sql.codegen.wholeStage", "false");
    SPARK.conf().set("spark.sql.adaptive.enabled", "false");
  }

  private final String catalog;

  private TestLake(String catalog) {
    this.catalog = catalog;
  }

  /**
   * A fresh, empty lake (its own Iceberg catalog) with an empty {@code raw.events} table: the
   * columns of the {@code raw.events} spec; partitioned by month rather than day so a simulated
   * history of years stays a few hundred files (the models do not depend on the partitioning).
   */
  static synchronized TestLake create(String catalog) {
    String prefix = "spark.sql.catalog." + catalog;
    SPARK.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    SPARK.conf().set(prefix + ".type", "hadoop");
    SPARK.conf().set(prefix + ".warehouse", WAREHOUSE.resolve(catalog).toUri().toString());
    TestLake lake = new TestLake(catalog);
    TableSpec raw = TableSpec.load("raw.events");
    SPARK.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + ".raw");
    String columns =
        raw.columns().stream()
            .map(c -> c.name() + " " + sqlType(c))
            .collect(Collectors.joining(", "));
    SPARK.sql(
        "CREATE TABLE IF NOT EXISTS "
            + catalog
            + ".raw.events ("
            + columns
            + ") USING iceberg PARTITIONED BY (event_type, months(occurred_at))");
    return lake;
  }

  SparkSession spark() {
    return SPARK;
  }

  LakeSettings settings() {
    return new LakeSettings(
        "unused:9092",
        "servicelake.events",
        catalog,
        "unused",
        WAREHOUSE.resolve(catalog).toUri().toString(),
        "local[2]",
        "unused",
        Duration.ofSeconds(10));
  }

  MartBuilder builder() {
    return new MartBuilder(SPARK, settings());
  }

  /** Appends events (each one JSON object) to raw.events as the ingestion job would. */
  void appendEvents(List<String> events) {
    List<Row> rows = new ArrayList<>();
    Timestamp ingested = Timestamp.from(Instant.parse("2030-01-01T00:00:00Z"));
    long offset = SPARK.table(catalog + ".raw.events").count();
    for (String event : events) {
      JsonNode node;
      try {
        node = JSON.readTree(event);
      } catch (IOException e) {
        throw new UncheckedIOException("fixture event is not JSON: " + event, e);
      }
      rows.add(
          RowFactory.create(
              node.path("event_id").asText(),
              node.path("event_type").asText(),
              node.path("schema_version").asInt(),
              Timestamp.from(Instant.parse(node.path("occurred_at").asText())),
              node.path("source").asText(),
              event,
              "servicelake.events",
              0,
              offset++,
              ingested));
    }
    SPARK.createDataFrame(rows, rawSchema()).createOrReplaceTempView("fixture_events");
    SPARK.sql(
        "INSERT INTO "
            + catalog
            + ".raw.events SELECT * FROM fixture_events ORDER BY event_type, occurred_at");
    SPARK.catalog().dropTempView("fixture_events");
  }

  List<Row> sql(String query) {
    return SPARK.sql(query.replace("lake.", catalog + ".")).collectAsList();
  }

  /** Order-independent hash of every row of a table. */
  String contentHash(String table) {
    Row row =
        SPARK
            .sql(
                "select count(*), sum(cast(xxhash64(*) as decimal(38, 0))) from "
                    + table.replace("lake.", catalog + "."))
            .first();
    return row.get(0) + "/" + row.get(1);
  }

  String catalog() {
    return catalog;
  }

  private static StructType rawSchema() {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec column : TableSpec.load("raw.events").columns()) {
      fields.add(DataTypes.createStructField(column.name(), sparkType(column), !column.required()));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType sparkType(ColumnSpec column) {
    return switch (column.type()) {
      case "string" -> DataTypes.StringType;
      case "int" -> DataTypes.IntegerType;
      case "long" -> DataTypes.LongType;
      case "timestamptz" -> DataTypes.TimestampType;
      default -> throw new IllegalArgumentException("type " + column.type());
    };
  }

  private static String sqlType(ColumnSpec column) {
    return sparkType(column).sql() + (column.required() ? " NOT NULL" : "");
  }
}
