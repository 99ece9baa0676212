package io.servicelake.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Iceberg table maintenance through Spark procedures: compact small files, expire old snapshots,
 * remove orphan files. Safe while ingestion runs: compaction commits optimistically and only
 * replaces files it read (appends do not conflict), and orphan removal only considers files older
 * than {@code orphanAge}, far longer than any write in flight.
 */
public final class TableMaintenance {

  /**
   * What maintenance did to one table.
   *
   * @param rewrittenFiles data files compacted away
   * @param addedFiles data files written by compaction
   * @param expiredFiles data files deleted with expired snapshots
   * @param orphanFiles orphan files removed
   */
  public record Result(
      String table, long rewrittenFiles, long addedFiles, long expiredFiles, long orphanFiles) {}

  private final SparkSession spark;
  private final String catalog;
  private final Duration snapshotAge;
  private final int retainSnapshots;
  private final Duration orphanAge;

  public TableMaintenance(
      SparkSession spark,
      String catalog,
      Duration snapshotAge,
      int retainSnapshots,
      Duration orphanAge) {
    this.spark = spark;
    this.catalog = catalog;
    this.snapshotAge = snapshotAge;
    this.retainSnapshots = retainSnapshots;
    this.orphanAge = orphanAge;
  }

  /** Every table of every namespace of the catalog. */
  public List<String> tables() {
    List<String> tables = new ArrayList<>();
    for (Row namespace : spark.sql("SHOW NAMESPACES IN " + catalog).collectAsList()) {
      String ns = namespace.getString(0);
      for (Row table : spark.sql("SHOW TABLES IN " + catalog + "." + ns).collectAsList()) {
        tables.add(ns + "." + table.getString(1));
      }
    }
    return tables;
  }

  public List<Result> run(List<String> tables, Consumer<Result> progress) {
    List<Result> results = new ArrayList<>();
    for (String table : tables) {
      Result result = maintain(table);
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  Result maintain(String table) {
    Row rewrite =
        spark
            .sql(
                "CALL "
                    + catalog
                    + ".system.rewrite_data_files(table => '"
                    + table
                    + "', options => map('min-input-files', '2'))")
            .first();
    Row expire =
        spark
            .sql(
                "CALL "
                    + catalog
                    + ".system.expire_snapshots(table => '"
                    + table
                    + "', older_than => TIMESTAMP '"
                    + java.sql.Timestamp.from(Instant.now().minus(snapshotAge))
                    + "', retain_last => "
                    + retainSnapshots
                    + ")")
            .first();
    long orphans =
        spark
            .sql(
                "CALL "
                    + catalog
                    + ".system.remove_orphan_files(table => '"
                    + table
                    + "', older_than => TIMESTAMP '"
                    + java.sql.Timestamp.from(Instant.now().minus(orphanAge))
                    + "')")
            .count();
    return new Result(
        table,
        rewrite.getInt(rewrite.fieldIndex("rewritten_data_files_count")),
        rewrite.getInt(rewrite.fieldIndex("added_data_files_count")),
        expire.getLong(expire.fieldIndex("deleted_data_files_count")),
        orphans);
  }
}
