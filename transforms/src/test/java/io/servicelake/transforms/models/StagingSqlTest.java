package io.servicelake.transforms.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.EventCatalog;
import org.junit.jupiter.api.Test;

class StagingSqlTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCatalog CATALOG = EventCatalog.load();

  @Test
  void readsTheEventTableRenamesAndCasts() throws Exception {
    JsonNode doc =
        JSON.readTree(
            """
            {"source_event": "product.installed", "occurred_at_as": "installed_at",
             "renames": {"components_json": "components"},
             "types": {"sale_price": "decimal(18, 2)"},
             "columns": {"event_id": "", "schema_version": "", "installed_at": "",
                         "event_date": "", "serial": "", "sale_price": "",
                         "components_json": "", "install_date": ""}}
            """);
    String sql = StagingSql.generate("stg_x", doc, CATALOG);
    assertThat(sql)
        .contains("select * from {{ source('raw', 'product_installed') }}")
        .contains("partition by event_id order by kafka_topic, kafka_partition, kafka_offset")
        .contains(
            """
                    event_id,
                    cast(schema_version as int) as schema_version,
                    occurred_at as installed_at,
                    cast(occurred_at as date) as event_date,
                    serial,
                    cast(sale_price as decimal(18, 2)) as sale_price,
                    components as components_json,
                    install_date
                from deduplicated
                where copy_number = 1\
            """);
  }

  @Test
  void integersBecomeInt() throws Exception {
    JsonNode doc =
        JSON.readTree(
            """
            {"source_event": "survey.completed", "occurred_at_as": "surveyed_at",
             "columns": {"event_id": "", "csat": ""}}
            """);
    assertThat(StagingSql.generate("stg_x", doc, CATALOG)).contains("cast(csat as int) as csat");
  }

  @Test
  void aDocumentedColumnWithoutSchemaFieldFailsTheLoad() throws Exception {
    JsonNode doc =
        JSON.readTree(
            """
            {"source_event": "survey.completed", "columns": {"event_id": "", "no_such": ""}}
            """);
    assertThatThrownBy(() -> StagingSql.generate("stg_survey", doc, CATALOG))
        .hasMessageContaining("stg_survey documents column no_such")
        .hasMessageContaining("survey.completed have no field no_such");
    JsonNode unknown = JSON.readTree("{\"source_event\": \"no.such\", \"columns\": {}}");
    assertThatThrownBy(() -> StagingSql.generate("stg_x", unknown, CATALOG))
        .hasMessageContaining("source_event 'no.such' is not in the catalogue");
  }

  @Test
  void everyStagingModelIsGeneratedFromTheSchemas() {
    assertThat(SqlModels.load().stream().filter(m -> m.layer().equals("staging")))
        .hasSize(CATALOG.eventTypes().size())
        .allSatisfy(m -> assertThat(m.sql()).startsWith("-- generated from the schemas of "));
  }
}
