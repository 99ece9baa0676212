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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
  private GroundTruth groundTruth;

  @BeforeAll
  void simulateAndBuild() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults(7L, UNITS, 0.02).withNetwork(List.of("north"), 2, 4);
    List<String> events = new ArrayList<>();
    groundTruth =
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

  /**
   * The exchange rule takes a unit out of the installed base when its replacement ships: its
   * components' exposure (int_unit_components.exposure_end_date, the censoring of its running lives
   * in the Weibull life data, the unit-months of fct_failure_rate, the months in service of
   * fct_claim_rate_mis) ends there, not at the as-of date. Checked serial by serial against the
   * replacements the simulator shipped.
   */
  @Test
  void exchangedUnitsStopBeingAtRiskWhenTheirReplacementShips() {
    Map<String, GroundTruth.Exchange> exchanges = groundTruth.exchanges();
    assertThat((long) exchanges.size())
        .as("exchanged serials = replacement units shipped")
        .isEqualTo(truth.at("/replacement/replacement_units_shipped").asLong())
        .isGreaterThan(10);
    String asOf =
        lake.sql("select cast(as_of_date as string) from lake.intermediate.int_as_of")
            .get(0)
            .getString(0);
    List<Row> truthRows = new ArrayList<>();
    exchanges.forEach(
        (serial, x) ->
            truthRows.add(
                RowFactory.create(
                    serial,
                    x.replacementSerial(),
                    java.sql.Timestamp.from(x.shippedAt()),
                    x.shippedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())));
    lake.spark()
        .createDataFrame(
            truthRows,
            new StructType()
                .add("serial", DataTypes.StringType)
                .add("replacement_serial", DataTypes.StringType)
                .add("shipped_at", DataTypes.TimestampType)
                .add("ship_date", DataTypes.StringType))
        .createOrReplaceTempView("truth_exchanges");

    // int_unit_components: one replacement per exchanged serial, exposure ends on its ship date
    Map<String, String> exposureEnd = new HashMap<>();
    for (Row r :
        lake.sql(
            "select serial, min(replaced_by_serial), max(replaced_by_serial), min(replaced_at),"
                + " max(replaced_at), cast(min(exposure_end_date) as string),"
                + " cast(max(exposure_end_date) as string)"
                + " from lake.intermediate.int_unit_components"
                + " where replaced_by_serial is not null or replaced_at is not null group by serial")) {
      String serial = r.getString(0);
      GroundTruth.Exchange x = exchanges.get(serial);
      assertThat(x).as("%s has a replacement in int_unit_components", serial).isNotNull();
      assertThat(r.getString(1)).as("replaced_by_serial of %s", serial).isEqualTo(r.getString(2));
      assertThat(r.getString(1))
          .as("replaced_by_serial of %s", serial)
          .isEqualTo(x.replacementSerial());
      assertThat(r.getTimestamp(3).toInstant())
          .as("replaced_at of %s", serial)
          .isEqualTo(x.shippedAt());
      assertThat(r.getTimestamp(4).toInstant()).isEqualTo(x.shippedAt());
      String shipDate = x.shippedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
      assertThat(r.getString(5)).as("exposure_end_date of %s", serial).isEqualTo(shipDate);
      assertThat(r.getString(6)).as("exposure_end_date of %s", serial).isEqualTo(shipDate);
      assertThat(shipDate).as("ship date of the replacement of %s", serial).isLessThan(asOf);
      exposureEnd.put(serial, shipDate);
    }
    assertThat(exposureEnd.keySet())
        .as("exchanged serials in int_unit_components")
        .isEqualTo(exchanges.keySet());
    assertThat(
            num(
                "select count(*) from lake.intermediate.int_unit_components"
                    + " where replaced_by_serial is null and exposure_end_date <> date'"
                    + asOf
                    + "'"))
        .as("units still in the installed base are at risk to the as-of date")
        .isZero();

    // Weibull life data: every running life of an exchanged unit is censored at the ship time of
    // its replacement (and is no longer in the base that predicts returns); all others at the end
    // of the as-of day
    new ComponentLifeJob(lake.spark(), lake.settings())
        .lives()
        .createOrReplaceTempView("simulated_lives");
    Row censoring =
        lake.sql(
                "select"
                    + " sum(case when x.serial is not null then 1 else 0 end),"
                    + " sum(case when x.serial is not null and l.ended_at = x.shipped_at"
                    + "   and not l.in_base then 1 else 0 end),"
                    + " sum(case when x.serial is null and l.ended_at = timestamp'"
                    + asOf
                    + " 00:00:00' + interval 1 day and l.in_base then 1 else 0 end),"
                    + " sum(case when x.serial is null then 1 else 0 end),"
                    + " sum(case when x.serial is not null then l.age_days else 0 end),"
                    + " sum(case when x.serial is not null then (unix_seconds(timestamp'"
                    + asOf
                    + " 00:00:00' + interval 1 day) - unix_seconds(l.ended_at)) / 86400.0"
                    + "   else 0 end)"
                    + " from simulated_lives l left join truth_exchanges x on x.serial = l.serial"
                    + " where not l.failed")
            .get(0);
    long exchangedLives = censoring.getLong(0);
    System.out.printf(
        "exchanged units %d: %d censored lives, %.0f days at risk to the replacement's shipment;"
            + " censoring them at the as-of date instead would add %.0f days%n",
        exchanges.size(),
        exchangedLives,
        ((Number) censoring.get(4)).doubleValue(),
        ((Number) censoring.get(5)).doubleValue());
    assertThat(exchangedLives).as("censored lives of exchanged units").isGreaterThan(10);
    assertThat(censoring.getLong(1))
        .as("censored at the replacement's ship time")
        .isEqualTo(exchangedLives);
    assertThat(censoring.getLong(2))
        .as("other running lives censored at the end of the as-of day")
        .isEqualTo(censoring.getLong(3));
    assertThat(((Number) censoring.get(5)).doubleValue()).isGreaterThan(exchanges.size());

    // fct_failure_rate and fct_claim_rate_mis, recomputed from dim_unit and the ground truth
    String unitEnds =
        " from lake.marts.dim_unit u left join truth_exchanges x on x.serial = u.serial"
            + " where u.is_installed";
    String end = "coalesce(to_date(x.ship_date), date'" + asOf + "')";
    Row expected =
        lake.sql(
                "select sum(greatest(months_between("
                    + end
                    + ", u.install_date), 0) * c.components),"
                    + " sum(greatest(months_between(date'"
                    + asOf
                    + "', u.install_date), 0) * c.components),"
                    + " sum(greatest(cast(floor(months_between("
                    + end
                    + ", u.install_date)) as int), 0))"
                    + unitEnds.replace(
                        " where",
                        " join (select model, count(*) as components from lake.marts.dim_component"
                            + " group by model) c on c.model = u.model where"))
            .get(0);
    double unitMonths =
        ((Number)
                lake.sql("select sum(unit_months_at_risk) from lake.marts.fct_failure_rate")
                    .get(0)
                    .get(0))
            .doubleValue();
    double expectedUnitMonths = ((Number) expected.get(0)).doubleValue();
    double toAsOf = ((Number) expected.get(1)).doubleValue();
    System.out.printf(
        "fct_failure_rate unit-months at risk %.1f (ground truth %.1f; to the as-of date for"
            + " every unit %.1f)%n",
        unitMonths, expectedUnitMonths, toAsOf);
    long rows = num("select count(*) from lake.marts.fct_failure_rate");
    assertThat(unitMonths).isCloseTo(expectedUnitMonths, within(rows * 0.0001));
    assertThat(toAsOf - expectedUnitMonths).isGreaterThan(100 * rows * 0.0001);
    assertThat(num("select sum(units_with_mis) from lake.marts.fct_claim_rate_mis"))
        .as("unit-months in service of fct_claim_rate_mis")
        .isEqualTo(((Number) expected.get(2)).longValue());

    // the installed base at the end of the last complaint month and the outreach list
    assertThat(
            num(
                "select sum(installed_units) from (select distinct month_start, region,"
                    + " installed_units from lake.marts.fct_complaints"
                    + " where month_start = (select max(month_start) from lake.marts.fct_complaints))"))
        .isEqualTo(
            num(
                "select count(*)"
                    + unitEnds
                    + " and u.region in (select region from lake.marts.fct_complaints"
                    + "   where month_start = (select max(month_start) from lake.marts.fct_complaints))"
                    + " and u.install_date <= (select last_day(max(month_start))"
                    + "   from lake.marts.fct_complaints)"
                    + " and not coalesce(to_date(x.ship_date) <= (select last_day(max(month_start))"
                    + "   from lake.marts.fct_complaints), false)"));
    assertThat(
            num(
                "select count(*) from lake.marts.fct_maintenance_outreach o"
                    + " join truth_exchanges x on x.serial = o.serial where o.outreach_target"))
        .as("exchanged units on the outreach list")
        .isZero();
  }

  @Test
  void lastShipMonthOfAModelCountsSalesNotReplacementShipments() {
    Map<String, String> lastSale = groundTruth.lastSaleShipMonth();
    Map<String, String> lastReplacement = groundTruth.lastReplacementShipMonth();
    System.out.println(
        "last sale ship month " + lastSale + ", last replacement ship month " + lastReplacement);
    assertThat(lastSale).hasSize(4);
    // the rule matters here: replacements still ship after the last sale
    assertThat(lastReplacement)
        .anySatisfy((model, month) -> assertThat(month).isGreaterThan(lastSale.get(model)));
    Map<String, String> dim = new HashMap<>();
    for (Row r :
        lake.sql(
            "select model, date_format(last_ship_month, 'yyyy-MM'), day(last_ship_month),"
                + " sale_price from lake.marts.dim_product_model")) {
      dim.put(r.getString(0), r.getString(1));
      assertThat(r.getInt(2)).as("last_ship_month of %s is a month start", r.getString(0)).isOne();
      assertThat(((Number) r.get(3)).doubleValue())
          .as("sale price of %s (replacements are free)", r.getString(0))
          .isPositive();
    }
    assertThat(dim).isEqualTo(lastSale);
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
