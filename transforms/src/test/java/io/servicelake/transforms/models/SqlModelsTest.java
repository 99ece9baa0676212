package io.servicelake.transforms.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SqlModelsTest {

  private final List<SqlModel> models = SqlModels.load();

  private SqlModel model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void rendersRefsAndSourcesToPhysicalNames() {
    String sql =
        model("fct_workorders_daily")
            .render(ref -> "lake.staging." + ref, (ns, t) -> "lake." + ns + "." + t);
    assertThat(sql).contains("from lake.staging.stg_events__workorder_completed");
    assertThat(sql).doesNotContain("{{");
  }

  @Test
  void oneStagingModelPerEventType() {
    assertThat(models)
        .filteredOn(m -> m.layer().equals("staging"))
        .extracting(SqlModel::name)
        .hasSize(17)
        .allMatch(name -> name.startsWith("stg_events__"));
  }

  @Test
  void everyModelIsDocumentedAndTested() {
    for (SqlModel model : models) {
      assertThat(model.layer()).isIn("staging", "intermediate", "marts");
      assertThat(model.description()).as(model.name()).contains("Grain:");
      assertThat(model.columns()).as(model.name()).isNotEmpty();
      assertThat(model.columns().values()).as(model.name()).allMatch(doc -> !doc.isBlank());
      assertThat(model.tests().notNull()).as("not_null tests of %s", model.name()).isNotEmpty();
      List<String> tested = new ArrayList<>(model.tests().notNull());
      model.tests().unique().forEach(key -> tested.addAll(List.of(key.split(","))));
      tested.addAll(model.tests().acceptedValues().keySet());
      tested.addAll(model.tests().relationships().keySet());
      model.partitioning().ifPresent(p -> tested.add(p.column()));
      assertThat(model.columns().keySet())
          .as("columns named in the tests and partitioning of %s", model.name())
          .containsAll(tested);
    }
  }

  @Test
  void readsPartitioningAndTestsFromTheDoc() {
    SqlModel workOrders = model("fct_work_order");
    assertThat(workOrders.partitioning())
        .isEqualTo(Optional.of(new SqlModel.Partitioning("dispatch_date", "month", 60)));
    assertThat(workOrders.tests().unique()).containsExactly("work_order_id");
    assertThat(workOrders.tests().relationships())
        .containsEntry("technician_id", "dim_technician.technician_id");
    assertThat(workOrders.tests().reconciliations()).isNotEmpty();
    assertThat(model("dim_unit").partitioning()).isEmpty();
  }

  @Test
  void modelsAreListedAfterWhatTheyAndTheirTestsRead() {
    List<String> seen = new ArrayList<>();
    for (SqlModel model : models) {
      List<String> reads = new ArrayList<>(model.refs());
      reads.addAll(model.tests().refs());
      reads.removeIf(model.name()::equals);
      assertThat(seen).as("models read by %s", model.name()).containsAll(reads);
      seen.add(model.name());
    }
    assertThat(model("fct_workorders_daily").refs())
        .containsExactly("stg_events__workorder_completed");
  }

  @Test
  void piiColumnsAreReadFromTheDocInColumnOrder() {
    SqlModel customers = model("dim_customer");
    assertThat(customers.piiColumns())
        .containsExactly("customer_name", "customer_phone", "customer_address");
    assertThat(customers.isPii("customer_id")).isFalse();
    assertThat(customers.columnComment("customer_phone")).isEqualTo("PII: Customer phone.");
    assertThat(customers.columnComment("region")).isEqualTo("Region of the installation site.");
    assertThat(model("fct_work_order").piiColumns()).isEmpty();
  }

  @Test
  void aPiiFlagOnAMissingColumnIsRejected() {
    assertThatThrownBy(
            () ->
                new SqlModel(
                    "marts",
                    "dim_x",
                    "select 1",
                    "X.",
                    Map.of("customer_id", "Id."),
                    Optional.empty(),
                    ModelTests.NONE,
                    List.of("customer_phone")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim_x")
        .hasMessageContaining("customer_phone")
        .hasMessageContaining("dim_x.json");
  }

  /**
   * Every column named after an event field the schemas mark {@code "x-pii": true} is flagged, in
   * every layer (the data-level check of renamed columns is in the jobs module's MartBuilderTest).
   */
  @Test
  void everyColumnFedFromAPiiSchemaFieldIsFlagged() {
    Set<String> piiFields =
        EventCatalog.load().all().stream()
            .flatMap(schema -> schema.fields().stream())
            .filter(FieldSpec::pii)
            .map(FieldSpec::name)
            .collect(Collectors.toSet());
    assertThat(piiFields).contains("customer_name", "customer_phone", "customer_address");
    for (SqlModel model : models) {
      for (String column : model.columns().keySet()) {
        if (piiFields.contains(column) || model.columns().get(column).startsWith("PII")) {
          assertThat(model.isPii(column))
              .as(
                  "%s.%s carries personal data but is not in the doc's \"pii\"",
                  model.name(), column)
              .isTrue();
        }
      }
    }
    assertThat(models)
        .filteredOn(m -> !m.piiColumns().isEmpty())
        .extracting(SqlModel::name)
        .contains("dim_customer", "stg_events__product_installed");
  }
}
