package io.servicelake.transforms.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
}
