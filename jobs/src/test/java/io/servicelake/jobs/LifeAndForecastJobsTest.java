package io.servicelake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.transforms.forecast.EvaluationResult;
import io.servicelake.transforms.forecast.ForecastEvaluation;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * fct_component_life and fct_parts_forecast on simulator output: 2 500 units of the default
 * catalogue (4 models × 4 components with known Weibull laws), shipped over 24 months from 2023-11
 * and observed to 2026-10; one region with 4 stores (64 part × store series of known Bernoulli ×
 * size counter demand plus repair consumption); seed 11, no bad records. Only the staging and
 * intermediate models the jobs read are built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifeAndForecastJobsTest {

  private static final int UNITS = 2_500;

  /** Groups with fewer failures are not held to the recovery tolerance (too little data). */
  private static final int MIN_FAILURES_FOR_RECOVERY = 30;

  /** Tolerance in standard errors of the log-parameter (both laws, every group). */
  private static final double TOLERANCE_SE = 3;

  private static final List<String> INPUT_MODELS =
      List.of(
          "stg_events__product_shipped",
          "stg_events__product_installed",
          "stg_events__service_requested",
          "stg_events__workorder_completed",
          "stg_events__workorder_signed_off",
          "stg_events__part_consumed",
          "int_as_of",
          "int_unit_components",
          "int_failures");

  private TestLake lake;
  private SimulatorConfig config;
  private ComponentLifeJob life;
  private PartsForecastJob forecast;

  @BeforeAll
  void simulateBuildAndRunJobs() {
    config = SimulatorConfig.defaults(11L, UNITS, 0.0).withNetwork(List.of("north"), 4, 3);
    List<String> events = new ArrayList<>();
    new Simulator(config)
        .run(
            (SimulatedEvent event) -> {
              if (!event.mustBeRejected()) {
                events.add(new String(event.value(), StandardCharsets.UTF_8));
              }
            });
    lake = TestLake.create("lifecast");
    lake.appendEvents(events);
    // The staging tables are partitioned by day and created with write.distribution-mode none:
    // unclustered rows open one Parquet writer per day in every task (fanout), which exhausts a
    // test heap on three years of history. Hash distribution clusters rows by partition first.
    lake.spark().conf().set("spark.sql.iceberg.distribution-mode", "hash");
    try {
      lake.builder().build(INPUT_MODELS, java.util.Optional.empty(), r -> {});
    } finally {
      lake.spark().conf().unset("spark.sql.iceberg.distribution-mode");
    }
    life = new ComponentLifeJob(lake.spark(), lake.settings());
    life.run();
    forecast =
        new PartsForecastJob(lake.spark(), lake.settings(), PartsForecastJob.Options.defaults());
    forecast.run();
  }

  @Test
  void weibullFitsRecoverTheConfiguredShapeAndB10WithinThreeFisherStandardErrors() {
    Map<String, double[]> configured = new LinkedHashMap<>();
    config
        .models()
        .forEach(
            m ->
                m.components()
                    .forEach(
                        c ->
                            configured.put(
                                m.name() + "/" + c.name(),
                                new double[] {c.life().beta(), c.life().eta()})));
    int checked = 0;
    SoftAssertions softly = new SoftAssertions();
    for (Row r :
        lake.sql(
            "select model, component, failures, suspensions, beta, beta_lower, beta_upper,"
                + " eta_days, eta_lower, eta_upper, b10_days, b10_lower, b10_upper"
                + " from lake.marts.fct_component_life"
                + " where cohort = 'all' and fit_status = 'ok' and beta_lower is not null"
                + " and eta_lower is not null order by model, component")) {
      String key = r.getString(0) + "/" + r.getString(1);
      double[] truth = configured.get(key);
      assertThat(truth).as("configured law of %s", key).isNotNull();
      long failures = r.getLong(2);
      System.out.printf(
          Locale.ROOT,
          "life %-28s failures %4d suspensions %5d beta %.3f [%.3f, %.3f] (true %.2f)"
              + " eta %8.0f [%8.0f, %9.0f] (true %.0f)%n",
          key,
          failures,
          r.getLong(3),
          r.getDouble(4),
          r.getDouble(5),
          r.getDouble(6),
          truth[0],
          r.getDouble(7),
          r.getDouble(8),
          r.getDouble(9),
          truth[1]);
      if (failures < MIN_FAILURES_FOR_RECOVERY) {
        continue;
      }
      checked++;
      assertWithinStandardErrors(
          softly, key + " beta", r.getDouble(4), r.getDouble(5), r.getDouble(6), truth[0]);
      // eta itself is not asserted: for infant-mortality parts (beta < 1, eta up to 16 000 days)
      // it is an extrapolation far beyond the <= 1 065 days observed, where Wald bounds are too
      // narrow (AC-200/control_board: 3.3 SE). B10 lies inside the window and pins eta given beta.
      double b10 = truth[1] * Math.pow(-Math.log(0.9), 1 / truth[0]);
      assertWithinStandardErrors(
          softly, key + " B10", r.getDouble(10), r.getDouble(11), r.getDouble(12), b10);
    }
    assertThat(checked)
        .as("groups with at least %d failures", MIN_FAILURES_FOR_RECOVERY)
        .isGreaterThanOrEqualTo(6);
    softly.assertAll();
  }

  /** Bounds are estimate·exp(±1.96·SE) on the log scale, so SE = ln(upper/lower) / (2·1.96). */
  private static void assertWithinStandardErrors(
      SoftAssertions softly,
      String what,
      double estimate,
      double lower,
      double upper,
      double truth) {
    double se = Math.log(upper / lower) / (2 * 1.959963984540054);
    softly
        .assertThat(Math.abs(Math.log(estimate) - Math.log(truth)))
        .as("%s: estimate %.4g, true %.4g, SE(log) %.3f", what, estimate, truth, se)
        .isLessThanOrEqualTo(TOLERANCE_SE * se);
  }

  @Test
  void lifeTableHasOneRowPerModelAndComponentAndPassesItsDataTests() {
    assertThat(new ModelTester(lake.spark(), life.builder()).test(ComponentLifeJob.TABLE))
        .isEmpty();
    long pairs =
        num("select count(distinct model, component) from lake.intermediate.int_unit_components");
    assertThat(pairs).isEqualTo(16);
    assertThat(num("select count(*) from lake.marts.fct_component_life where cohort = 'all'"))
        .isEqualTo(pairs);
    assertThat(num("select count(*) from lake.marts.fct_component_life where cohort <> 'all'"))
        .as("ship-month cohorts with enough failures")
        .isGreaterThan(0);
    assertThat(
            num(
                "select count(*) from lake.marts.fct_component_life where fit_status = 'ok'"
                    + " and not (predicted_returns_12m >= 0 and predicted_returns_12m <= suspensions"
                    + " and beta_lower < beta and beta < beta_upper and mttf_days > b10_days)"))
        .isZero();
  }

  @Test
  void tablesCarryTheirDocumentationAsComments() {
    for (String table : List.of("fct_component_life", "fct_parts_forecast")) {
      List<Row> described = lake.sql("describe table extended lake.marts." + table);
      assertThat(described)
          .as("columns of %s", table)
          .filteredOn(r -> r.getString(0).equals("horizon") || r.getString(0).equals("beta"))
          .allSatisfy(r -> assertThat(r.getString(2)).isNotBlank());
      // DESCRIBE lists the reserved 'comment' property as a "Comment" row (SHOW TBLPROPERTIES
      // hides it)
      assertThat(described)
          .filteredOn(r -> r.getString(0).equals("Comment"))
          .singleElement()
          .satisfies(r -> assertThat(r.getString(1)).as("comment of %s", table).contains("Grain:"));
    }
  }

  @Test
  void forecastTableHasTwelveOrderedQuantileRowsPerSeriesAndPassesItsDataTests() {
    assertThat(new ModelTester(lake.spark(), forecast.builder()).test(PartsForecastJob.TABLE))
        .isEmpty();
    long series = forecast.series().count();
    assertThat(series).isEqualTo(64);
    assertThat(num("select count(*) from lake.marts.fct_parts_forecast")).isEqualTo(12 * series);
    assertThat(
            num(
                "select count(*) from (select part_number, store_id from lake.marts.fct_parts_forecast"
                    + " group by part_number, store_id"
                    + " having min(horizon) <> 1 or max(horizon) <> 12 or count(*) <> 12)"))
        .isZero();
    assertThat(
            num(
                "select count(*) from lake.marts.fct_parts_forecast"
                    + " where not (p50 <= p90 and p90 <= p95 and reorder_point >= 0)"))
        .isZero();
    // every simulated model stopped shipping after 24 months: all parts under the obligation
    assertThat(
            num(
                "select count(*) from lake.marts.fct_parts_forecast where not availability_obligation"
                    + " or end_of_production_month <> date'2025-10-01'"))
        .isZero();
  }

  @Test
  void chosenMethodsBeatTheTrivialBaselinesOnSimulatorDemand() {
    Map<String, double[]> histories = new LinkedHashMap<>();
    for (Row r : forecast.series().select("part_number", "store_id", "history").collectAsList()) {
      List<Double> values = r.getList(2);
      histories.put(
          r.getString(0) + "@" + r.getString(1),
          values.stream().mapToDouble(Double::doubleValue).toArray());
    }
    EvaluationResult result = new ForecastEvaluation().evaluate(histories, 12, 12);
    System.out.printf(
        Locale.ROOT,
        "forecast series %d (excluded %d) months %d: MASE %.3f (seasonal naive %.3f, naive %.3f,"
            + " zero %.3f), scaled pinball %s (best baseline %.3f), P90 coverage %.3f, chosen %s%n",
        result.series(),
        result.excluded(),
        histories.values().iterator().next().length,
        result.mase(),
        result.maseSeasonalNaive(),
        result.maseNaive(),
        result.maseZero(),
        result.pinballScaled(),
        result.bestBaselinePinballScaled(),
        result.coverageP90(),
        result.chosenMethods());
    assertThat(result.mase()).isLessThanOrEqualTo(result.bestBaselineMase());
    assertThat(result.pinballScaled().get("mean")).isLessThan(result.bestBaselinePinballScaled());
    assertThat(result.coverageP90()).isBetween(0.85, 0.95);
  }

  private long num(String query) {
    return ((Number) lake.sql(query).get(0).get(0)).longValue();
  }
}
