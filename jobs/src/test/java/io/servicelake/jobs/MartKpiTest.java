package io.servicelake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every KPI on the hand-written {@link Fixture}, against numbers worked out by hand from its events
 * (the working is in the comments). Observation date (latest event): 2025-03-28.
 */
class MartKpiTest {

  private final TestLake lake = FixtureLake.lake();

  // ---------------------------------------------------------------- work orders and requests

  @Test
  void workOrderBreachesAndTimesFollowThePromise() {
    // only WO-2 arrived after its promise: requested 03-05 08:00 + 24 h = 03-06 08:00, arrived
    // 10:00
    assertThat(
            strings("select work_order_id from lake.marts.fct_work_order where arrival_breached"))
        .containsExactly("WO-2");
    assertThat(
            text(
                "select cast(arrival_breached_at as string) from lake.marts.fct_work_order"
                    + " where work_order_id = 'WO-2'"))
        .isEqualTo("2024-03-06 08:00:00");
    assertThat(num("select count(*) from lake.marts.fct_work_order where fix_breached")).isZero();
    // WO-1: dispatched 30 min after the request, 90 min from arrival to fix
    assertThat(
            num(
                "select response_minutes from lake.marts.fct_work_order where work_order_id = 'WO-1'"))
        .isEqualTo(30.0);
    assertThat(
            num(
                "select arrival_to_fix_minutes from lake.marts.fct_work_order where work_order_id = 'WO-1'"))
        .isEqualTo(90.0);
    assertThat(strings("select billing from lake.marts.fct_work_order order by work_order_id"))
        .containsExactly("free", "free", "free", "free", "paid", "free");
  }

  @Test
  void workOrderCostsAreAllocated() {
    // WO-1 direct: labour 450 + material 200 + transport 60 = 710; parts consumed 1 × 200
    // ST-1 2024-03 overhead 140 over direct 710 + 300 + 500 + 150 = 1660: 140 × 710 / 1660
    assertThat(
            nums(
                "select direct_cost, parts_cost, allocated_overhead from lake.marts.fct_work_order"
                    + " where work_order_id = 'WO-1'"))
        .containsExactly(new double[] {710, 200, 140 * 710 / 1660.0}, within(1e-4));
    assertThat(num("select sum(allocated_overhead) from lake.intermediate.int_work_order_costs"))
        .isCloseTo(140.0, within(0.001));
  }

  @Test
  void requestLevelFirstTimeFixRepeatsAndSignOff() {
    // closed repairs with a fault: SR-1 (1 visit), SR-2 (2 visits), SR-6 (1), SR-4 (1) → 3 / 4
    assertThat(
            num(
                "select avg(case when first_time_fix then 1.0 else 0.0 end)"
                    + " from lake.marts.fct_service_request"
                    + " where category = 'repair' and is_closed and not no_fault_found"))
        .isEqualTo(0.75);
    // SR-3 came 19 days after SR-1 of the same unit was signed off; SR-6 came 73 days after SR-3
    assertThat(
            strings(
                "select request_id from lake.marts.fct_service_request where repeat_within_30d"))
        .containsExactly("SR-3");
    assertThat(
            strings(
                "select request_id from lake.marts.fct_service_request"
                    + " where signed_off_within_24h order by request_id"))
        .containsExactly("SR-1", "SR-3", "SR-4", "SR-6"); // SR-4: exactly 24 h counts as within
  }

  @Test
  void repairQualityPerMonth() {
    // March 2024, north: SR-1, SR-2, SR-3 closed; SR-3 no fault found and a repeat; SR-1 FTF
    assertThat(
            nums(
                "select repair_requests_closed, no_fault_found_rate, first_time_fix_rate,"
                    + " repeat_repair_rate from lake.marts.fct_repair_quality"
                    + " where month_start = date'2024-03-01' and region = 'north'"))
        .containsExactly(new double[] {3, 1 / 3.0, 0.5, 1 / 3.0}, within(1e-6));
  }

  // ---------------------------------------------------------------- product engineering

  @Test
  void warrantyIsPerComponentFromTheInstallDate() {
    // compressor 12 months: SN-1 (installed 2024-01-10) and SN-2 (2024-01-14) failures in 2024
    // are claims; SN-3 installed 2024-02-05 failed 2025-03-01, after its 2025-02-05 warranty end
    assertThat(
            strings(
                "select request_id from lake.intermediate.int_failures where in_warranty"
                    + " order by request_id"))
        .containsExactly("SR-1", "SR-2", "SR-6");
    assertThat(
            strings(
                "select cast(months_in_service as string) from lake.intermediate.int_failures"
                    + " order by request_id"))
        .containsExactly("1", "1", "12", "4");
    assertThat(
            text(
                "select cast(warranty_end_date as string) from lake.intermediate.int_unit_components"
                    + " where serial = 'SN-3' and component = 'frame'"))
        .isEqualTo("2027-02-05");
  }

  @Test
  void claimsPer1000ByMonthsInService() {
    // cohort 2024-01: SN-1 and SN-2 both have >= 14 MIS on 2025-03-28.
    // claims within the first 2 months: SR-1 and SR-2 (MIS 1) → 2 / 2 units = 1000 per 1000;
    // within 5 months SR-6 (MIS 4) adds one → 1500; within 1 month none.
    assertThat(claimRate("2024-01", 1)).isEqualTo(0.0);
    assertThat(claimRate("2024-01", 2)).isEqualTo(1000.0);
    assertThat(claimRate("2024-01", 5)).isEqualTo(1500.0);
    assertThat(
            num(
                "select max(mis_months) from lake.marts.fct_claim_rate_mis where ship_month = '2024-01'"))
        .isEqualTo(14.0);
    // cohort 2024-02: SN-3's only failure was out of warranty
    assertThat(claimRate("2024-02", 13)).isEqualTo(0.0);
  }

  @Test
  void failuresPerUnitMonthAtRisk() {
    // north 2024-01 compressor: 3 failures over (14 + 18/31) + (14 + 14/31) = 900/31 unit-months
    String north =
        " from lake.marts.fct_failure_rate where region = 'north' and component = 'compressor'";
    assertThat(nums("select failures, unit_months_at_risk" + north))
        .containsExactly(new double[] {3, 900 / 31.0}, within(1e-4));
    assertThat(num("select failures_per_unit_month" + north))
        .isCloseTo(3 * 31 / 900.0, within(1e-7));
  }

  @Test
  void failureModeParetoAndReplacements() {
    // compressor no_cooling 3 (SR-1, SR-2, SR-4), noise 1 (SR-6)
    List<Row> pareto =
        lake.sql(
            "select failure_mode, failures, share, cumulative_share"
                + " from lake.marts.fct_failure_mode_pareto order by pareto_rank");
    assertThat(pareto).hasSize(2);
    assertThat(pareto.get(0).getString(0)).isEqualTo("no_cooling");
    assertThat(((Number) pareto.get(0).get(2)).doubleValue()).isEqualTo(0.75);
    assertThat(((Number) pareto.get(1).get(3)).doubleValue()).isEqualTo(1.0);
    // SN-1 failed twice in warranty (SR-1, SR-6): replaced from the second failure on
    assertThat(
            strings(
                "select concat(serial, ' ', cast(second_failure_date as string))"
                    + " from lake.marts.fct_unit_replacement"))
        .containsExactly("SN-1 2024-06-01");
  }

  @Test
  void supplierQualityCountsDefectiveParts() {
    // March 2024: one compressor used (PC-1), the failed one returned defective (PR-1)
    assertThat(
            nums(
                "select parts_used, defective_parts, defective_per_part_used"
                    + " from lake.marts.fct_supplier_quality where month_start = date'2024-03-01'"))
        .containsExactly(1, 1, 1);
  }

  // ---------------------------------------------------------------- finance

  @Test
  void costCompositionReconcilesWithPostings() {
    // all postings: 2600; labour 450 + 300 + 300 + 150 + 600 = 1800
    assertThat(num("select sum(amount) from lake.marts.fct_cost_composition")).isEqualTo(2600.0);
    assertThat(
            num(
                "select sum(amount) from lake.marts.fct_cost_composition where category = 'labour'"))
        .isEqualTo(1800.0);
    // March 2024 north: 1800 in all, of which warranty labour 1200
    assertThat(
            num(
                "select share_of_region_month from lake.marts.fct_cost_composition"
                    + " where month_start = date'2024-03-01' and category = 'labour'"))
        .isCloseTo(1200 / 1800.0, within(1e-6));
    assertThat(
            text(
                "select service_type from lake.marts.fct_cost_composition where category = 'facilities'"))
        .isEqualTo("overhead");
  }

  @Test
  void costPerClaimRevenueAndCostShareOfSales() {
    // March 2024 north: warranty direct 1660, claims SR-1 and SR-2 → 830 per claim
    assertThat(
            nums(
                "select service_cost, warranty_direct_cost, claims, cost_per_claim"
                    + " from lake.marts.fct_service_cost_monthly"
                    + " where month_start = date'2024-03-01' and region = 'north'"))
        .containsExactly(1800, 1660, 2, 830);
    // January 2024 north: two units sold at 1000, no service cost yet → 0 % of sales
    assertThat(
            num(
                "select service_cost_pct_of_sales from lake.marts.fct_service_cost_monthly"
                    + " where month_start = date'2024-01-01' and region = 'north'"))
        .isEqualTo(0.0);
    // March 2025 south: cost 800, paid repair charged 500, counter sale 2 × 280
    assertThat(
            nums(
                "select service_cost, paid_service_revenue, parts_sales_revenue"
                    + " from lake.marts.fct_service_cost_monthly"
                    + " where month_start = date'2025-03-01' and region = 'south'"))
        .containsExactly(800, 500, 560);
  }

  @Test
  void supplierRecoveryClaimedSettledOutstanding() {
    // CL-1 650 claimed, 400 recovered (partial); CL-2 500 still open
    assertThat(
            nums(
                "select claims_filed, claimed_amount, recovered_amount, outstanding_amount,"
                    + " written_off_amount, recovery_rate from lake.marts.fct_supplier_recovery"))
        .containsExactly(new double[] {2, 1150, 400, 500, 250, 400 / 650.0}, within(1e-6));
  }

  @Test
  void partsCommissionIsTwoPercentOfProfitSplitOneAndAHalfToHalf() {
    // WO-5 (T-3): 1 × (280 - 200) = 80 profit → 1.20 + 0.40; counter: 2 × 80 = 160 → 2.40 + 0.80
    assertThat(
            nums(
                "select parts_profit, individual_commission, department_commission,"
                    + " total_commission from lake.marts.fct_parts_commission"
                    + " where seller_id = 'T-3'"))
        .containsExactly(80, 1.2, 0.4, 1.6);
    String counter = " from lake.marts.fct_parts_commission where seller_id = 'counter'";
    assertThat(nums("select individual_commission, department_commission" + counter))
        .containsExactly(2.4, 0.8);
    assertThat(text("select station_id" + counter)).isEqualTo("ST-2");
  }

  // ---------------------------------------------------------------- service management

  @Test
  void technicianScorecard() {
    // T-1 in March 2024: WO-1, WO-3, WO-4 on three days; arrival→fix 90, 60, 60 min;
    // request→arrival 4 h, 19 h, 8 h; closed SR-1, SR-2, SR-3 of which SR-1 came back (SR-3);
    // surveys 5 and 3 (one praise → 300)
    // (the mart rounds mean_response_hours to 4 places: hence the tolerance)
    assertThat(
            nums(
                "select jobs_completed, jobs_per_day, mttr_minutes, first_time_fix_rate,"
                    + " repeat_rate, mean_response_hours, sla_on_time_rate, mean_csat,"
                    + " praise_rewards, delay_fines, complaints_against"
                    + " from lake.marts.fct_technician_scorecard"
                    + " where technician_id = 'T-1' and month_start = date'2024-03-01'"))
        .containsExactly(
            new double[] {3, 1, 70, 1, 1 / 3.0, 31 / 3.0, 1, 4, 300, 0, 0}, within(1e-4));
    // T-2 in March 2024: WO-2 arrived 2 h late (fine 100), not fixed, one complaint
    assertThat(
            nums(
                "select jobs_completed, first_time_fix_rate, sla_on_time_rate, delay_fines,"
                    + " complaints_against from lake.marts.fct_technician_scorecard"
                    + " where technician_id = 'T-2' and month_start = date'2024-03-01'"))
        .containsExactly(1, 0, 0, 100, 1);
  }

  @Test
  void stationScorecard() {
    // ST-1 in March 2024: WO-1..WO-4; complaints CO-1 and CO-2 both name ST-1
    assertThat(
            nums(
                "select jobs_completed, arrival_breaches, complaints_against, praise_rewards"
                    + " from lake.marts.fct_station_scorecard"
                    + " where station_id = 'ST-1' and month_start = date'2024-03-01'"))
        .containsExactly(4, 1, 2, 300);
  }

  @Test
  void theSevenCommitments() {
    assertThat(commitment("2024-04-01", "n/a", "consultation_follow_through")).isEqualTo(0.5);
    assertThat(commitment("2024-03-01", "ST-1", "complaint_reply")).isEqualTo(0.5);
    assertThat(commitment("2024-01-01", "ST-1", "installation_commissioning_pass"))
        .isCloseTo(2 / 3.0, within(1e-6));
    assertThat(commitment("2024-03-01", "ST-1", "repair_pass")).isCloseTo(2 / 3.0, within(1e-6));
    assertThat(commitment("2024-01-01", "ST-1", "customer_record_complete")).isEqualTo(1.0);
    assertThat(commitment("2024-02-01", "ST-2", "customer_record_complete")).isEqualTo(0.0);
    assertThat(commitment("2024-03-01", "ST-1", "on_site_arrival")).isEqualTo(0.75);
    assertThat(commitment("2024-03-01", "ST-1", "on_time_completion")).isEqualTo(1.0);
    assertThat(strings("select distinct commitment from lake.marts.fct_commitments")).hasSize(7);
  }

  @Test
  void complaintMetrics() {
    // March 2024 north: 1 staff-conduct complaint over 2 installed units = 500 per 1000
    assertThat(
            nums(
                "select complaints, installed_units, complaints_per_1000_units, misrouted"
                    + " from lake.marts.fct_complaints where cause_category = 'staff_conduct'"))
        .containsExactly(1, 2, 500, 0);
    // the quality complaint went to warehouse/transport (misrouted), replied in 30 h, escalated
    assertThat(
            nums(
                "select misrouted, mean_reply_hours, replied_within_24h, escalated,"
                    + " resolution_rate from lake.marts.fct_complaints"
                    + " where cause_category = 'quality'"))
        .containsExactly(1, 30, 0, 1, 1);
  }

  @Test
  void maintenanceOutreachAndContracts() {
    // compressor warranties ended 2025-01-10 / 01-14 / 02-05; only SN-3 bought a contract
    assertThat(
            strings(
                "select serial from lake.marts.fct_maintenance_outreach where outreach_target"
                    + " order by serial"))
        .containsExactly("SN-1", "SN-2");
    Row feb =
        row(
            "select contracts_sold, fees from lake.marts.fct_contracts_monthly"
                + " where month_start = date'2025-02-01'");
    assertThat(feb.getLong(0)).isEqualTo(1);
    assertThat(((Number) feb.get(1)).doubleValue()).isEqualTo(300.0);
  }

  @Test
  void dimensionsAndDailyWorkOrders() {
    assertThat(strings("select customer_id from lake.marts.dim_customer where not record_complete"))
        .containsExactly("C-SN-3");
    assertThat(
            num("select warranty_months from lake.marts.dim_component where component = 'frame'"))
        .isEqualTo(36.0);
    assertThat(strings("select technician_id from lake.marts.dim_technician order by 1"))
        .containsExactly("T-1", "T-2", "T-3");
    // 2024-03-06: WO-2 alone, 60 min, not fixed
    assertThat(
            nums(
                "select work_orders, mean_labour_minutes, total_labour_minutes, first_time_fix_rate"
                    + " from lake.marts.fct_workorders_daily where completion_date = date'2024-03-06'"))
        .containsExactly(1, 60, 60, 0);
  }

  // ---------------------------------------------------------------- helpers

  private double claimRate(String cohort, int mis) {
    return num(
        "select claims_per_1000 from lake.marts.fct_claim_rate_mis where ship_month = '"
            + cohort
            + "' and mis_months = "
            + mis);
  }

  private double commitment(String month, String station, String commitment) {
    return num(
        "select rate from lake.marts.fct_commitments where month_start = date'"
            + month
            + "' and station_id = '"
            + station
            + "' and commitment = '"
            + commitment
            + "'");
  }

  /** The one row of {@code query}, every column a number (counts, decimals, doubles), none null. */
  private double[] nums(String query) {
    Row row = row(query);
    double[] values = new double[row.length()];
    for (int i = 0; i < values.length; i++) {
      assertThat(row.isNullAt(i)).as("column %d null from %s", i, query).isFalse();
      values[i] = ((Number) row.get(i)).doubleValue();
    }
    return values;
  }

  private Row row(String query) {
    List<Row> rows = lake.sql(query);
    assertThat(rows).as(query).hasSize(1);
    return rows.get(0);
  }

  private double num(String query) {
    Row row = row(query);
    assertThat(row.isNullAt(0)).as("null from " + query).isFalse();
    return ((Number) row.get(0)).doubleValue();
  }

  private String text(String query) {
    return row(query).getString(0);
  }

  private List<String> strings(String query) {
    return lake.sql(query).stream().map(r -> r.getString(0)).toList();
  }
}
