package io.servicelake.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.transforms.config.LakeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

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
  private final RawEventLoader loader;
  private long nextOffset;

  private TestLake(String catalog) {
    this.catalog = catalog;
    this.loader = new RawEventLoader(SPARK, catalog, "servicelake.events");
  }

  /**
   * A fresh, empty lake (its own Iceberg catalog) with the empty raw event tables, created as
   * {@link RawEventLoader} creates them.
   */
  static synchronized TestLake create(String catalog) {
    String prefix = "spark.sql.catalog." + catalog;
    SPARK.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    SPARK.conf().set(prefix + ".type", "hadoop");
    SPARK.conf().set(prefix + ".warehouse", WAREHOUSE.resolve(catalog).toUri().toString());
    TestLake lake = new TestLake(catalog);
    lake.loader.ensureTables();
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

  /**
   * Appends events (each one JSON object) to the raw event tables, with increasing offsets across
   * calls, as the ingestion job would.
   */
  synchronized void appendEvents(List<String> events) {
    loader.append(events.iterator(), nextOffset);
    nextOffset += events.size();
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
}
