package io.servicelake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.transforms.models.SqlModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Builds every model on the hand-written fixture: data tests, docs, idempotence, partitions. */
class MartBuilderTest {

  private final TestLake lake = FixtureLake.lake();
  private final MartBuilder builder = lake.builder();

  @Test
  void reportsEveryModelWithRowsAndTime() {
    List<MartBuilder.ModelResult> results = FixtureLake.firstBuild();
    assertThat(results).hasSize(builder.models().size());
    assertThat(results)
        .allSatisfy(r -> assertThat(r.millis()).as(r.table()).isGreaterThanOrEqualTo(0));
    assertThat(results)
        .filteredOn(r -> r.table().endsWith(".stg_events__workorder_dispatched"))
        .singleElement()
        .extracting(MartBuilder.ModelResult::rows)
        .isEqualTo(6L);
  }

  @Test
  void everyDeclaredDataTestPasses() {
    ModelTester tester = new ModelTester(lake.spark(), builder);
    assertThat(tester.testAll()).as("failed data tests").isEmpty();
    assertThat(tester.testCount()).isGreaterThan(150);
  }

  @Test
  void everyTableHasExactlyTheDocumentedColumnsAndComments() {
    for (SqlModel model : builder.models()) {
      String table = builder.physicalName(model.name());
      List<String> columns = Arrays.asList(lake.spark().table(table).columns());
      assertThat(columns)
          .as("columns of %s vs its .json doc", model.name())
          .containsExactlyElementsOf(model.columns().keySet());
    }
    assertThat(
            lake.sql("describe table lake.marts.fct_work_order").stream()
                .filter(r -> r.getString(0).equals("billing"))
                .map(r -> r.getString(2))
                .findFirst())
        .hasValueSatisfying(comment -> assertThat(comment).contains("free"));
  }

  @Test
  void rebuildIsIdempotentAndARangeReplacesOnlyItsPartitions() {
    Map<String, String> before = hashes();
    builder.buildAll(r -> {});
    assertThat(hashes()).as("second full build").isEqualTo(before);

    // fct_work_order: monthly partitions of dispatch_date, 60 days of lookback (June - 60 days is
    // in April); March 2024 holds WO-1..WO-4
    String table = "lake.marts.fct_work_order";
    lake.sql("delete from " + table + " where dispatch_date = date'2024-03-01'");
    Set<String> model = Set.of("fct_work_order");
    builder.build(model, Optional.of(DateRange.parse("2024-06-01", "2024-12-31")), r -> {});
    assertThat(count(table + " where dispatch_date = date'2024-03-01'"))
        .as("a partition outside --from/--to is left alone")
        .isZero();
    assertThat(count(table)).isEqualTo(5);

    // one day in March refreshes the whole month, and the 60 days of lookback January and February
    List<MartBuilder.ModelResult> result =
        builder.build(model, Optional.of(DateRange.parse("2024-03-15", "2024-03-15")), r -> {});
    assertThat(result).singleElement().extracting(MartBuilder.ModelResult::rows).isEqualTo(4L);
    assertThat(hashes()).as("after rebuilding the range").isEqualTo(before);
  }

  @Test
  void rejectsAnInvertedRange() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DateRange.parse("2024-03-02", "2024-03-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before");
  }

  private long count(String from) {
    return lake.sql("select count(*) from " + from).get(0).getLong(0);
  }

  private Map<String, String> hashes() {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (SqlModel model : builder.models()) {
      hashes.put(model.name(), lake.contentHash(builder.physicalName(model.name())));
    }
    return hashes;
  }
}
