package io.servicelake.jobs;

import io.servicelake.transforms.config.LakeSettings;
import org.apache.spark.sql.SparkSession;

/** Spark sessions configured for the lake's Iceberg REST catalog. */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * Returns a session whose catalog {@code lake.catalogName()} is the lake. Local masters, and
   * masters on loopback (the localhost cluster), bind the driver to loopback so executors reach it
   * there; on a cluster the master URL is the only difference.
   */
  public static SparkSession create(LakeSettings lake, String appName) {
    String catalog = "spark.sql.catalog." + lake.catalogName();
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(appName)
            .master(lake.sparkMaster())
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config(catalog, "org.apache.iceberg.spark.SparkCatalog")
            .config(catalog + ".type", "rest")
            .config(catalog + ".uri", lake.catalogUri())
            .config(catalog + ".warehouse", lake.warehouseUri())
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false");
    if (lake.sparkMaster().startsWith("local")
        || lake.sparkMaster().matches("spark://(127\\.0\\.0\\.1|localhost):\\d+")) {
      builder
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return builder.getOrCreate();
  }

  /**
   * A local session whose catalog {@code catalogName} is an Iceberg {@code hadoop} catalog on a
   * directory: for tests and single-machine runs without a catalog server. Small shuffles, no UI.
   */
  public static SparkSession createLocalHadoop(
      String catalogName, java.nio.file.Path warehouse, String appName) {
    String catalog = "spark.sql.catalog." + catalogName;
    return SparkSession.builder()
        .appName(appName)
        .master("local[2]")
        .config(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config(catalog, "org.apache.iceberg.spark.SparkCatalog")
        .config(catalog + ".type", "hadoop")
        .config(catalog + ".warehouse", warehouse.toUri().toString())
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
