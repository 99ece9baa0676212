package io.servicelake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import io.servicelake.schemas.FieldSpec;
import io.servicelake.transforms.models.SqlModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
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
  void piiColumnsArePublishedAsCommentPrefixAndTableProperty() {
    Map<String, String> comments = new HashMap<>();
    lake.sql("describe table lake.marts.dim_customer").stream()
        .filter(r -> !r.isNullAt(2))
        .forEach(r -> comments.put(r.getString(0), r.getString(2)));
    assertThat(comments.get("customer_name")).isEqualTo("PII: Customer name.");
    assertThat(comments.get("customer_address")).startsWith("PII: ");
    assertThat(comments.get("customer_id")).doesNotStartWith("PII");
    assertThat(property("lake.marts.dim_customer", SqlModel.PII_PROPERTY))
        .isEqualTo("customer_name,customer_phone,customer_address");
    assertThat(property("lake.staging.stg_events__product_installed", SqlModel.PII_PROPERTY))
        .isEqualTo("customer_name,customer_phone,customer_address");
    assertThat(property("lake.marts.fct_work_order", SqlModel.PII_PROPERTY)).isNull();
  }

  /**
   * Lineage by data: every value of an event field marked {@code "x-pii": true} in the fixture is
   * looked for in every string column of every table; it may only turn up in flagged columns.
   */
  @Test
  void personalDataAppearsOnlyInFlaggedColumns() {
    Set<String> piiValues = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    EventCatalog catalog = EventCatalog.load();
    for (String event : Fixture.events()) {
      JsonNode node = readTree(json, event);
      EventSchema schema =
          catalog.find(node.path("event_type").asText(), node.path("schema_version").asInt()).get();
      schema.fields().stream()
          .filter(FieldSpec::pii)
          .filter(f -> node.hasNonNull(f.name()))
          .forEach(f -> piiValues.add(node.path(f.name()).asText()));
    }
    assertThat(piiValues).as("PII values in the fixture").hasSizeGreaterThanOrEqualTo(3);
    String anyValue =
        piiValues.stream()
            .map(v -> "instr(%s, '" + v.replace("'", "\\'") + "') > 0")
            .reduce((a, b) -> a + " or " + b)
            .orElseThrow();
    List<String> leaks = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (SqlModel model : builder.models()) {
      String table = builder.physicalName(model.name());
      for (StructField field : lake.spark().table(table).schema().fields()) {
        if (!field.dataType().equals(DataTypes.StringType)) {
          continue;
        }
        String column = "`" + field.name() + "`";
        long rows =
            lake.sql("select count(*) from " + table + " where " + anyValue.replace("%s", column))
                .get(0)
                .getLong(0);
        if (rows > 0) {
          (model.isPii(field.name()) ? found : leaks).add(model.name() + "." + field.name());
        }
      }
    }
    assertThat(leaks).as("unflagged columns holding personal data").isEmpty();
    assertThat(found)
        .contains(
            "dim_customer.customer_name",
            "dim_customer.customer_phone",
            "dim_customer.customer_address");
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

  private String property(String table, String key) {
    return lake.sql("show tblproperties " + table).stream()
        .filter(r -> r.getString(0).equals(key))
        .map(r -> r.getString(1))
        .findFirst()
        .orElse(null);
  }

  private static JsonNode readTree(ObjectMapper json, String event) {
    try {
      return json.readTree(event);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
