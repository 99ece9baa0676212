package io.servicelake.jobs;

import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.models.SqlModel;
import io.servicelake.transforms.models.SqlModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Builds every SQL model of {@code transforms} as an Iceberg table, in dependency order, and
 * publishes the model's documentation as table and column comments (visible in Trino).
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

  public List<ModelResult> buildAll(Consumer<ModelResult> progress) {
    for (String namespace : List.of(LakeSettings.STAGING_NAMESPACE, LakeSettings.MARTS_NAMESPACE)) {
      spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.catalogName() + "." + namespace);
    }
    List<ModelResult> results = new ArrayList<>();
    for (SqlModel model : models) {
      ModelResult result = build(model);
      results.add(result);
      progress.accept(result);
    }
    return results;
  }

  ModelResult build(SqlModel model) {
    long start = System.nanoTime();
    String table = physicalName(model.layer(), model.name());
    String select =
        model.render(
            ref -> physicalName(layerOf(ref), ref),
            (namespace, name) -> lake.catalogName() + "." + namespace + "." + name);
    spark.sql(
        "CREATE OR REPLACE TABLE "
            + table
            + " USING iceberg COMMENT '"
            + quote(model.description())
            + "' AS "
            + select);
    for (Map.Entry<String, String> column : model.columns().entrySet()) {
      spark.sql(
          "ALTER TABLE "
              + table
              + " ALTER COLUMN "
              + column.getKey()
              + " COMMENT '"
              + quote(column.getValue())
              + "'");
    }
    long rows = spark.table(table).count();
    return new ModelResult(table, rows, (System.nanoTime() - start) / 1_000_000);
  }

  private String layerOf(String modelName) {
    return models.stream()
        .filter(m -> m.name().equals(modelName))
        .findFirst()
        .map(SqlModel::layer)
        .orElseThrow(() -> new IllegalArgumentException("unknown model " + modelName));
  }

  private String physicalName(String layer, String name) {
    return lake.catalogName() + "." + layer + "." + name;
  }

  private static String quote(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
