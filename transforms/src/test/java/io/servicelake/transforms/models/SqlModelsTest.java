package io.servicelake.transforms.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SqlModelsTest {

  private final List<SqlModel> models = SqlModels.load();

  @Test
  void rendersRefsAndSourcesToPhysicalNames() {
    SqlModel daily =
        models.stream()
            .filter(m -> m.name().equals("fct_workorders_daily"))
            .findFirst()
            .orElseThrow();
    String sql = daily.render(ref -> "lake.staging." + ref, (ns, t) -> "lake." + ns + "." + t);
    assertThat(sql).contains("from lake.staging.stg_events__workorder_completed");
    assertThat(sql).doesNotContain("{{");
  }

  @Test
  void everyOutputColumnIsDocumented() {
    Pattern finalColumn = Pattern.compile("\\bas (\\w+)\\s*(,|\\n\\s*from)");
    for (SqlModel model : models) {
      assertThat(model.description()).as(model.name()).contains("Grain:");
      finalColumn
          .matcher(model.sql())
          .results()
          .map(m -> m.group(1))
          .filter(column -> !column.equals("copy_number"))
          .forEach(
              column ->
                  assertThat(model.columns())
                      .as("column %s of %s needs a doc entry", column, model.name())
                      .containsKey(column));
    }
  }

  @Test
  void modelsAreListedAfterWhatTheyRead() {
    assertThat(models).extracting(SqlModel::name).startsWith("stg_events__service_requested");
    assertThat(models.get(models.size() - 1).refs())
        .containsExactly("stg_events__workorder_completed");
  }
}
