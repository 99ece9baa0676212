package io.servicelake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.transforms.sim.GroundTruth;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The marts recover what the simulator put in. One run: 2 500 units, seed 7, one region with two
 * stations of four technicians (8 technicians, 60-90 repair visits each), 2 % bad records (rejected
 * ones are dropped as the ingestion job would; duplicates and late events are kept so staging must
 * de-duplicate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorGroundTruthTest {

  private static final int UNITS = 2_500;

  private TestLake lake;
  private MartBuilder builder;
  private JsonNode truth;

  @BeforeAll
  void simulateAndBuild() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(7L, UNITS, 0.02).withNetwork(List.of("north"), 2, 4);
    List<String> events = new ArrayList<>();
    GroundTruth groundTruth =
        new Simulator(config)
            .run(
                event -> {
                  if (!acceptedByIngestion(event)) {
                    return;
                  }
                  events.add(new String(event.value(), StandardCharsets.UTF_8));
                });
    truth = new ObjectMapper().readTree(groundTruth.toJson());
    lake = TestLake.create("simulated");
    lake.appendEvents(events);
    builder = lake.builder();
    builder.buildAll(r -> {});
  }

  private static boolean acceptedByIngestion(SimulatedEvent event) {
    return !event.mustBeRejected();
  }

  @Test
  void everyDeclaredDataTestPassesOnSimulatedData() {
    assertThat(new ModelTester(lake.spark(), builder).testAll()).as("failed data tests").isEmpty();
  }

  @Test
  void slaBreachCountIsExact() {
    long breaches = truth.at("/service/sla_breaches").asLong();
    System.out.println("SLA breaches (ground truth) = " + breaches);
    assertThat(breaches).isGreaterThan(50);
    assertThat(num("select count(*) from lake.marts.fct_work_order where arrival_breached"))
        .isEqualTo(breaches);
    assertThat(num("select count(*) from lake.marts.fct_work_order where arrived_at is not null"))
        .isEqualTo(truth.at("/service/visits_arrived").asLong());
    assertThat(
            num(
                "select sum(total - kept) from lake.marts.fct_commitments"
                    + " where commitment = 'on_site_arrival'"))
        .isEqualTo(breaches);
    assertThat(num("select count(*) from lake.marts.fct_work_order where fix_breached"))
        .isEqualTo(truth.at("/service/fix_promise_breaches").asLong());
  }

  @Test
  void costSharesMatchTheConfiguredAndEmittedShares() {
    Map<String, Double> amounts = new HashMap<>();
    for (Row row :
        lake.sql(
            "select category, sum(amount) from lake.marts.fct_cost_composition group by category")) {
      amounts.put(row.getString(0), ((Number) row.get(1)).doubleValue());
    }
    double total = amounts.values().stream().mapToDouble(Double::doubleValue).sum();
    amounts.forEach((k, v) -> System.out.printf("cost share %s = %.4f%n", k, v / total));
    assertThat(total).isCloseTo(truth.at("/cost/total").asDouble(), within(0.01));
    truth
        .at("/cost/shares")
        .fields()
        .forEachRemaining(
            share ->
                assertThat(amounts.get(share.getKey()) / total)
                    .as("share of %s", share.getKey())
                    .isCloseTo(share.getValue().asDouble(), within(1e-9)));
    // overheads are posted as fixed shares of total cost: ±2 percentage points
    assertThat(amounts.get("facilities") / total).isCloseTo(0.09, within(0.02));
    assertThat(amounts.get("management") / total).isCloseTo(0.04, within(0.02));
    assertThat(amounts.get("marketing") / total).isCloseTo(0.03, within(0.02));
  }

  @Test
  void firstTimeFixAndNoFaultFoundCountsAreExact() {
    String closedRepairs =
        "from lake.marts.fct_service_request where category = 'repair' and is_closed";
    assertThat(num("select count(*) " + closedRepairs + " and not no_fault_found"))
        .isEqualTo(truth.at("/service/repair_requests_closed").asLong());
    assertThat(num("select count(*) " + closedRepairs + " and first_time_fix"))
        .isEqualTo(truth.at("/service/fixed_first_visit").asLong());
    assertThat(num("select count(*) " + closedRepairs + " and no_fault_found"))
        .isEqualTo(truth.at("/service/no_fault_found").asLong());
  }

  @Test
  void technicianRankingBySkillIsRecovered() {
    // skill = the technician's median repair minutes; estimate: median labour minutes of repair
    // visits with a fault found (effort factor 1), about 100 visits per technician
    Map<String, Double> skill = new HashMap<>();
    for (JsonNode crew : truth.at("/parameters/technicians")) {
      for (JsonNode technician : crew) {
        skill.put(technician.path("id").asText(), technician.path("medianMinutes").asDouble());
      }
    }
    List<String> ids = new ArrayList<>();
    List<Double> estimated = new ArrayList<>();
    List<Double> actual = new ArrayList<>();
    for (Row row :
        lake.sql(
            "select technician_id, percentile(labour_minutes, 0.5), count(*)"
                + " from lake.marts.fct_work_order where job_kind = 'repair'"
                + " and not no_fault_found group by technician_id")) {
      assertThat(row.getLong(2)).as("repair visits of %s", row.getString(0)).isGreaterThan(40);
      System.out.printf(
          "technician %s: %d repair visits, median %.1f min, simulated median %.1f%n",
          row.getString(0),
          row.getLong(2),
          ((Number) row.get(1)).doubleValue(),
          skill.get(row.getString(0)));
      ids.add(row.getString(0));
      estimated.add(((Number) row.get(1)).doubleValue());
      actual.add(skill.get(row.getString(0)));
    }
    assertThat(ids).hasSize(8);
    double rho = spearman(estimated, actual);
    System.out.println("Spearman(median labour minutes, simulated skill) = " + rho);
    assertThat(rho).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void installedBaseComplaintsClaimsAndContractsAreExact() {
    truth
        .at("/installed_base/units_installed")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(
                        num(
                            "select count(*) from lake.marts.dim_unit where is_installed"
                                + " and model = '"
                                + e.getKey()
                                + "'"))
                    .as("installed %s", e.getKey())
                    .isEqualTo(e.getValue().asLong()));
    truth
        .at("/complaints/by_department")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(
                        num(
                            "select sum(complaints) from lake.marts.fct_complaints"
                                + " where routed_department = '"
                                + e.getKey()
                                + "'"))
                    .as("complaints routed to %s", e.getKey())
                    .isEqualTo(e.getValue().asLong()));
    assertThat(num("select sum(escalated) from lake.marts.fct_complaints"))
        .isEqualTo(truth.at("/complaints/escalated").asLong());
    assertThat(
            (double) num("select sum(claimed_amount) * 100 from lake.marts.fct_supplier_recovery")
                / 100)
        .isCloseTo(truth.at("/supplier_recovery/claimed_amount").asDouble(), within(0.01));
    assertThat(
            (double) num("select sum(recovered_amount) * 100 from lake.marts.fct_supplier_recovery")
                / 100)
        .isCloseTo(truth.at("/supplier_recovery/recovered_amount").asDouble(), within(0.01));
    assertThat(num("select sum(contracts_sold) from lake.marts.fct_contracts_monthly"))
        .isEqualTo(truth.at("/contracts/sold").asLong());
    assertThat(
            ((Number)
                    lake.sql("select avg(csat) from lake.staging.stg_events__survey_completed")
                        .get(0)
                        .get(0))
                .doubleValue())
        .isCloseTo(truth.at("/surveys/mean_csat").asDouble(), within(1e-9));
  }

  @Test
  void unitsDueForReplacementAndExchangeRequestsAreExact() {
    long due = truth.at("/replacement/units_due").asLong();
    System.out.println(
        "units due for replacement (ground truth) = "
            + due
            + ", return/exchange requests = "
            + truth.at("/replacement/exchange_requests").asLong()
            + ", replacement units shipped = "
            + truth.at("/replacement/replacement_units_shipped").asLong());
    assertThat(due).isGreaterThan(10);
    assertThat(num("select count(*) from lake.marts.fct_unit_replacement")).isEqualTo(due);
    assertThat(num("select min(in_warranty_failures) from lake.marts.fct_unit_replacement"))
        .isEqualTo(2);
    assertThat(
            num(
                "select count(*) from lake.marts.fct_service_request"
                    + " where category = 'return_exchange'"))
        .isEqualTo(truth.at("/replacement/exchange_requests").asLong());
  }

  private long num(String query) {
    return ((Number) lake.sql(query).get(0).get(0)).longValue();
  }

  /** Spearman rank correlation (no ties expected in continuous data). */
  static double spearman(List<Double> x, List<Double> y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    int n = x.size();
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
    }
    return 1 - 6 * d2 / (n * ((double) n * n - 1));
  }

  private static double[] ranks(List<Double> values) {
    double[] ranks = new double[values.size()];
    for (int i = 0; i < values.size(); i++) {
      int below = 0;
      for (double v : values) {
        below += v < values.get(i) ? 1 : 0;
      }
      ranks[i] = below + 1;
    }
    return ranks;
  }
}
