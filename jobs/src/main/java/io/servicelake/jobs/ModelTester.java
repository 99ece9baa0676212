package io.servicelake.jobs;

import io.servicelake.transforms.models.ModelTests;
import io.servicelake.transforms.models.SqlModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the data tests a model declares in its doc against its built table: unique keys, not-null
 * columns, accepted values, relationships to other models, reconciliations and custom rules.
 * Returns the failures rather than throwing, so a build can report every broken rule at once.
 */
public final class ModelTester {

  /** One test that failed, with what was found. */
  public record Failure(String model, String test, String detail) {
    @Override
    public String toString() {
      return model + " " + test + ": " + detail;
    }
  }

  private final SparkSession spark;
  private final MartBuilder builder;

  public ModelTester(SparkSession spark, MartBuilder builder) {
    this.spark = spark;
    this.builder = builder;
  }

  /** Runs the tests of every model; an empty list means all passed. */
  public List<Failure> testAll() {
    List<Failure> failures = new ArrayList<>();
    builder.models().forEach(m -> failures.addAll(test(m)));
    return failures;
  }

  /** Number of declared tests over all models. */
  public int testCount() {
    return builder.models().stream().mapToInt(m -> m.tests().count()).sum();
  }

  public List<Failure> test(SqlModel model) {
    String table = builder.physicalName(model.name());
    ModelTests tests = model.tests();
    List<Failure> failures = new ArrayList<>();
    for (String key : tests.unique()) {
      long duplicates =
          count("select 1 from " + table + " group by " + key + " having count(*) > 1");
      if (duplicates > 0) {
        failures.add(
            new Failure(model.name(), "unique(" + key + ")", duplicates + " duplicate keys"));
      }
    }
    for (String column : tests.notNull()) {
      long nulls = count("select 1 from " + table + " where " + column + " is null");
      if (nulls > 0) {
        failures.add(new Failure(model.name(), "not_null(" + column + ")", nulls + " nulls"));
      }
    }
    for (Map.Entry<String, List<String>> accepted : tests.acceptedValues().entrySet()) {
      String values =
          accepted.getValue().stream()
              .map(v -> "'" + v.replace("'", "\\'") + "'")
              .collect(Collectors.joining(", "));
      List<Row> bad =
          spark
              .sql(
                  "select distinct cast("
                      + accepted.getKey()
                      + " as string) from "
                      + table
                      + " where "
                      + accepted.getKey()
                      + " is not null and cast("
                      + accepted.getKey()
                      + " as string) not in ("
                      + values
                      + ") limit 5")
              .collectAsList();
      if (!bad.isEmpty()) {
        failures.add(
            new Failure(
                model.name(), "accepted_values(" + accepted.getKey() + ")", "found " + bad));
      }
    }
    for (Map.Entry<String, String> relationship : tests.relationships().entrySet()) {
      String[] target = relationship.getValue().split("\\.", 2);
      String column = relationship.getKey();
      long orphans =
          count(
              "select 1 from "
                  + table
                  + " m left anti join "
                  + builder.physicalName(target[0])
                  + " t on m."
                  + column
                  + " = t."
                  + target[1]
                  + " where m."
                  + column
                  + " is not null");
      if (orphans > 0) {
        failures.add(
            new Failure(
                model.name(),
                "relationships(" + column + " -> " + relationship.getValue() + ")",
                orphans + " orphan rows"));
      }
    }
    for (ModelTests.Reconciliation reconciliation : tests.reconciliations()) {
      double actual = single(reconciliation.actual());
      double expected = single(reconciliation.expected());
      if (!(Math.abs(actual - expected) <= reconciliation.tolerance())) {
        failures.add(
            new Failure(
                model.name(),
                "reconcile(" + reconciliation.name() + ")",
                "model " + actual + " vs source " + expected));
      }
    }
    for (String query : tests.expectEmpty()) {
      long rows = count(builder.render(query));
      if (rows > 0) {
        failures.add(new Failure(model.name(), "expect_empty", rows + " rows from: " + query));
      }
    }
    return failures;
  }

  private long count(String query) {
    return spark.sql(query).count();
  }

  /** A single-value query; null (e.g. the sum of nothing) counts as 0. */
  private double single(String query) {
    Row row = spark.sql(builder.render(query)).first();
    return row.isNullAt(0) ? 0 : ((Number) row.get(0)).doubleValue();
  }
}
