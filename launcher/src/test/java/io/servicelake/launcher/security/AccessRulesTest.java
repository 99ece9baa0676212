package io.servicelake.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void piiColumnsComeFromTheEventSchemas() {
    assertThat(PiiColumns.load())
        .containsExactlyInAnyOrder("customer_name", "customer_phone", "customer_address");
  }

  @Test
  void theRosterHasTheFiveGroupsAndARegionalManager() {
    AccessRules rules = AccessRules.load();
    assertThat(rules.userNames())
        .containsExactly("admin", "analyst", "engineering", "finance", "planner", "manager_north");
    assertThat(rules.admin()).isEqualTo("admin");
  }

  @Test
  void everyPiiColumnIsMaskedForTheAnalystAndHiddenFromTheOtherGroups() throws Exception {
    JsonNode rules = JSON.readTree(AccessRules.load().toTrinoRules("lake"));
    int analystRules = 0;
    for (JsonNode rule : rules.path("tables")) {
      String user = rule.path("user").asText();
      if (user.isEmpty() || user.equals("^admin$")) {
        continue;
      }
      assertThat(rule.path("catalog").asText()).as("only the read-only mount").isEqualTo("lake");
      assertThat(rule.path("privileges")).hasSize(1);
      assertThat(rule.path("privileges").get(0).asText()).isEqualTo("SELECT");
      List<String> masked = new ArrayList<>();
      List<String> hidden = new ArrayList<>();
      for (JsonNode column : rule.path("columns")) {
        if (column.has("mask")) {
          masked.add(column.path("name").asText());
          assertThat(column.path("mask").asText()).contains("'***'");
        } else if (!column.path("allow").asBoolean(true)) {
          hidden.add(column.path("name").asText());
        }
      }
      if (user.equals("^analyst$")) {
        analystRules++;
        assertThat(masked)
            .containsExactlyInAnyOrder("customer_name", "customer_phone", "customer_address");
      } else {
        assertThat(masked).isEmpty();
        assertThat(hidden).contains("customer_name", "customer_phone", "customer_address");
      }
    }
    assertThat(analystRules).isEqualTo(2);
  }

  @Test
  void theRegionIsSubstitutedIntoEveryRowFilter() throws Exception {
    JsonNode rules = JSON.readTree(AccessRules.load().toTrinoRules("lake"));
    int filters = 0;
    for (JsonNode rule : rules.path("tables")) {
      if (rule.has("filter")) {
        filters++;
        assertThat(rule.path("user").asText()).isEqualTo("^manager_north$");
        assertThat(rule.path("filter").asText()).contains("'north'").doesNotContain("${");
      }
    }
    assertThat(filters).isEqualTo(4);
  }

  @Test
  void onlyTheAdminMayRunProceduresOrOwnAnything() throws Exception {
    JsonNode rules = JSON.readTree(AccessRules.load().toTrinoRules("lake"));
    assertThat(rules.path("procedures")).hasSize(1);
    assertThat(rules.path("procedures").get(0).path("user").asText()).isEqualTo("^admin$");
    for (JsonNode rule : rules.path("catalogs")) {
      if (rule.path("allow").asText().equals("all")) {
        assertThat(rule.path("user").asText()).isEqualTo("^admin$");
      }
    }
  }

  @Test
  void aRegionFilterWithoutARegionIsRejected() throws Exception {
    JsonNode roster =
        JSON.readTree(
            "{\"users\":[{\"user\":\"x\",\"grants\":[{\"schema\":\"marts\",\"table\":\"t\","
                + "\"filter\":\"region = '${region}'\"}]}]}");
    assertThatThrownBy(() -> AccessRules.parse(roster, java.util.Set.of()))
        .hasMessageContaining("user x: a filter uses ${region} but the user has no region");
  }
}
