package io.servicelake.jobs;

import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.models.RawSources;
import io.servicelake.transforms.models.SqlModel;
import io.servicelake.transforms.models.SqlModels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * Builds every SQL model of {@code transforms} as an Iceberg table, in dependency order, and
 * publishes the model's documentation as table and column comments (visible in Trino). Columns a
 * doc flags as personal data get a {@code PII: } comment prefix and are listed in the table
 * property {@code servicelake.pii-columns}, where a masking policy can read them.
 *
 * <p>Idempotent and incremental: a table is created once (partitioned as its doc declares), then
 * each build replaces only the rows of the partitions it refreshes. With a {@link DateRange}, a
 * partitioned model replaces exactly its partitions in the range (widened to whole months for
 * monthly partitions); without one, the partitions its output touches. Unpartitioned models
 * (dimensions, small snapshots) are replaced whole. Running the same build twice gives the same
 * tables.
 */
public final class MartBuilder {

  /** What one model build produced, for progress output and benchmarks. */
  public record ModelResult(String table, long rows, long millis) {}

  private final SparkSession spark;
  private final LakeSettings lake;
  private final List<SqlModel> models;

  public MartBuilder(SparkSession spark, LakeSettings lake) {
    this(spark, lake, SqlModels.load());
  }

  public MartBuilder(SparkSession spark, LakeSettings lake, List<SqlModel> models) {
    this.spark = spark;
    this.lake = lake;
    this.models = List.copyOf(models);
  }

  /** Builds every model over all the data (every partition the output touches is replaced). */
  public List<ModelResult> buildAll(Consumer<ModelResult> progress) {
    return buildAll(Optional.empty(), progress);
  }

  /** Builds every model, refreshing only the partitions of {@code range} when given. */
  public List<ModelResult> buildAll(Optional<DateRange> range, Consumer<ModelResult> progress) {
    Set<String> namespaces = new LinkedHashSet<>();
    models.forEach(m -> namespaces.add(m.layer()));
    for (String namespace : namespaces) {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.catalogName() + "." + namespace);
    }
    List<ModelResult> results = new ArrayList<>();
    for (SqlModel model : models) {
      ModelResult result = build(model, range);
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  /**
   * Builds only the named models (in build order), e.g. to refresh one mart after a fix; the models
   * they read must have been built before.
   */
  public List<ModelResult> build(
      java.util.Collection<String> names,
      Optional<DateRange> range,
      Consumer<ModelResult> progress) {
    List<ModelResult> results = new ArrayList<>();
    for (SqlModel model : models) {
      if (names.contains(model.name())) {
        ModelResult result = build(model, range);
        results.add(result);
        progress.accept(result);
      }
    }
    return results;
  }

  ModelResult build(SqlModel model, Optional<DateRange> range) {
    long start = System.nanoTime();
    return write(model, spark.sql(render(model.sql())), range, start);
  }

  /**
   * Writes a table computed by a Spark job (not by SQL) exactly as a model is written: created once
   * with the doc's table and column comments, comments kept in step, rows replaced whole
   * (unpartitioned doc) or by the partitions the output touches.
   *
   * @param doc the table's documentation, e.g. {@code SqlModels.jobTable("marts", name)}; its layer
   *     is the namespace
   */
  public ModelResult publish(SqlModel doc, Dataset<Row> output) {
    long start = System.nanoTime();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.catalogName() + "." + doc.layer());
    return write(doc, output, Optional.empty(), start);
  }

  private ModelResult write(
      SqlModel model, Dataset<Row> output, Optional<DateRange> range, long start) {
    String table = lake.catalogName() + "." + model.layer() + "." + model.name();
    if (spark.catalog().tableExists(table) && !sameColumns(spark.table(table), output)) {
      // the model's definition changed: its history cannot be kept in the old shape
      spark.sql("DROP TABLE " + table);
    }
    if (spark.catalog().tableExists(table)) {
      publishComments(model, table);
    } else {
      create(model, table, output);
    }
    // rows written, counted while writing (no second pass over the table)
    Observation written = new Observation("rows_written_" + model.name() + "_" + System.nanoTime());
    Column rowCount = functions.count(functions.lit(1)).as("rows");
    if (model.partitioning().isEmpty()) {
      Dataset<Row> toWrite = output.observe(written, rowCount);
      write(() -> toWrite.writeTo(table).overwrite(functions.lit(true)));
    } else {
      // clustered by partition: the writer keeps one file open at a time, not one per partition
      Column partition = functions.col(model.partitioning().get().column());
      if (range.isEmpty()) {
        Dataset<Row> toWrite = output.sortWithinPartitions(partition).observe(written, rowCount);
        write(() -> toWrite.writeTo(table).overwritePartitions());
      } else {
        Column inRange = inRange(model.partitioning().get(), range.get());
        Dataset<Row> toWrite =
            output.where(inRange).sortWithinPartitions(partition).observe(written, rowCount);
        write(() -> toWrite.writeTo(table).overwrite(inRange));
      }
    }
    long rows;
    try {
      rows = ((Number) written.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + table, e);
    }
    return new ModelResult(table, rows, (System.nanoTime() - start) / 1_000_000);
  }

  /** A table write; the table exists by then, so a missing table is a bug. */
  private interface Write {
    void run() throws NoSuchTableException;
  }

  private static void write(Write write) {
    try {
      write.run();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table vanished during the build", e);
    }
  }

  /**
   * The rows of {@code range}, starting {@code lookbackDays} earlier; for monthly partitions
   * widened to whole months.
   */
  private static Column inRange(SqlModel.Partitioning partitioning, DateRange range) {
    boolean monthly = partitioning.grain().equals("month");
    LocalDate start = range.from().minusDays(partitioning.lookbackDays());
    LocalDate from = monthly ? start.withDayOfMonth(1) : start;
    LocalDate to = monthly ? range.to().withDayOfMonth(range.to().lengthOfMonth()) : range.to();
    return functions
        .col(partitioning.column())
        .between(
            functions.lit(java.sql.Date.valueOf(from)), functions.lit(java.sql.Date.valueOf(to)));
  }

  /** Iceberg partition transform of the doc's partitioning: one partition per day or month. */
  private static String partitionTransform(SqlModel.Partitioning partitioning) {
    return partitioning.grain().equals("month")
        ? "months(" + partitioning.column() + ")"
        : partitioning.column();
  }

  /** Same column names and types in the same order (comments and nullability aside). */
  private static boolean sameColumns(Dataset<Row> table, Dataset<Row> output) {
    StructField[] have = table.schema().fields();
    StructField[] want = output.schema().fields();
    if (have.length != want.length) {
      return false;
    }
    for (int i = 0; i < have.length; i++) {
      if (!have[i].name().equals(want[i].name())
          || !have[i].dataType().equals(want[i].dataType())) {
        return false;
      }
    }
    return true;
  }

  /** Creates the table with its partitioning and every comment in one commit. */
  private void create(SqlModel model, String table, Dataset<Row> output) {
    StringBuilder columns = new StringBuilder();
    for (StructField field : output.schema().fields()) {
      if (columns.length() > 0) {
        columns.append(", ");
      }
      columns.append(field.name()).append(' ').append(field.dataType().sql());
      String doc = model.columnComment(field.name());
      if (doc != null) {
        columns.append(" COMMENT '").append(quote(doc)).append('\'');
      }
    }
    String partitionedBy =
        model.partitioning().map(p -> " PARTITIONED BY (" + partitionTransform(p) + ")").orElse("");
    spark.sql(
        "CREATE TABLE "
            + table
            + " ("
            + columns
            + ") USING iceberg"
            + partitionedBy
            + " COMMENT '"
            + quote(model.description())
            + "' TBLPROPERTIES ('write.distribution-mode' = 'none'"
            + (model.piiColumns().isEmpty()
                ? ""
                : ", '" + SqlModel.PII_PROPERTY + "' = '" + piiProperty(model) + "'")
            + ")");
  }

  /** The PII columns as the table property holds them: comma-separated, in column order. */
  private static String piiProperty(SqlModel model) {
    return String.join(",", model.piiColumns());
  }

  /**
   * Sets table and column comments and the PII property where they differ from the doc (no commit
   * when unchanged).
   */
  private void publishComments(SqlModel model, String table) {
    Map<String, String> properties = new HashMap<>();
    spark
        .sql("SHOW TBLPROPERTIES " + table)
        .collectAsList()
        .forEach(r -> properties.put(r.getString(0), r.getString(1)));
    if (!properties.getOrDefault("comment", "").equals(model.description())) {
      spark.sql("COMMENT ON TABLE " + table + " IS '" + quote(model.description()) + "'");
    }
    String pii = properties.get(SqlModel.PII_PROPERTY);
    if (model.piiColumns().isEmpty() && pii != null) {
      spark.sql("ALTER TABLE " + table + " UNSET TBLPROPERTIES ('" + SqlModel.PII_PROPERTY + "')");
    } else if (!model.piiColumns().isEmpty() && !piiProperty(model).equals(pii)) {
      spark.sql(
          "ALTER TABLE "
              + table
              + " SET TBLPROPERTIES ('"
              + SqlModel.PII_PROPERTY
              + "' = '"
              + piiProperty(model)
              + "')");
    }
    for (StructField field : spark.table(table).schema().fields()) {
      String doc = model.columnComment(field.name());
      if (doc != null && !doc.equals(field.getComment().getOrElse(() -> null))) {
        spark.sql(
            "ALTER TABLE "
                + table
                + " ALTER COLUMN "
                + field.name()
                + " COMMENT '"
                + quote(doc)
                + "'");
      }
    }
  }

  /** The model's (or a test's) SQL with placeholders resolved to this lake's tables. */
  String render(String sql) {
    return SqlModel.render(
        sql,
        this::physicalName,
        (namespace, name) -> RawSources.resolve(lake.catalogName(), namespace, name));
  }

  String physicalName(String modelName) {
    return lake.catalogName() + "." + layerOf(modelName) + "." + modelName;
  }

  private String layerOf(String modelName) {
    return models.stream()
        .filter(m -> m.name().equals(modelName))
        .findFirst()
        .map(SqlModel::layer)
        .orElseThrow(() -> new IllegalArgumentException("unknown model " + modelName));
  }

  List<SqlModel> models() {
    return models;
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
