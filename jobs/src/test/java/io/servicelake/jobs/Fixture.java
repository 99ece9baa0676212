package io.servicelake.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A handful of hand-written events whose KPIs are computed by hand in the tests. Three units of
 * model AC-1 (compressor: electrical, 12 months, bought from SUP-A; frame: structural, 36 months,
 * in house); six repair requests in two regions; costs, parts, claims, complaints, surveys and a
 * contract. See {@code MartKpiTest} for the expected figures and how each was worked out.
 */
final class Fixture {

  private static final String COMPONENTS =
      "[{\"component\":\"compressor\",\"component_group\":\"electrical\",\"warranty_months\":12,"
          + "\"supplier\":\"SUP-A\"},{\"component\":\"frame\",\"component_group\":\"structural\","
          + "\"warranty_months\":36,\"supplier\":\"in_house\"}]";

  private final List<String> events = new ArrayList<>();
  private int next;

  static List<String> events() {
    Fixture f = new Fixture();
    f.build();
    return f.events;
  }

  private void build() {
    // installed base: SN-1 and SN-2 shipped 2024-01 to north, SN-3 shipped 2024-02 to south
    shipped("SN-1", "2024-01-03T00:00:00Z", "2024-01", "north");
    shipped("SN-2", "2024-01-04T00:00:00Z", "2024-01", "north");
    shipped("SN-3", "2024-02-01T00:00:00Z", "2024-02", "south");
    installed("SN-1", "2024-01-10", "pass", "north", "ST-1", "T-1", true);
    installed("SN-2", "2024-01-12", "fail", "north", "ST-1", "T-2", true);
    installed("SN-2", "2024-01-14", "pass", "north", "ST-1", "T-2", true);
    installed("SN-3", "2024-02-05", "pass", "south", "ST-2", "T-3", false);

    // SR-1: SN-1 compressor, fixed first visit by T-1, on time
    request("SR-1", "SN-1", "north", "repair", "2024-03-01T08:00:00Z");
    visit(
        "WO-1",
        "SR-1",
        "SN-1",
        "north",
        "ST-1",
        "T-1",
        1,
        "warranty",
        "2024-03-01T08:00:00Z",
        "2024-03-01T08:30:00Z",
        "2024-03-01T12:00:00Z",
        "2024-03-01T13:30:00Z",
        90,
        10,
        true,
        "compressor",
        "no_cooling",
        "material_defect",
        false);
    signedOff(
        "WO-1",
        "SR-1",
        "SN-1",
        "north",
        "ST-1",
        "T-1",
        "warranty",
        "2024-03-01T15:00:00Z",
        "compressor",
        "no_cooling",
        "material_defect",
        false,
        90,
        10,
        1,
        0,
        5);
    // SR-2: SN-2 compressor; T-2 arrives 2 h late and does not fix it; T-1 fixes it on visit 2
    request("SR-2", "SN-2", "north", "repair", "2024-03-05T08:00:00Z");
    visit(
        "WO-2",
        "SR-2",
        "SN-2",
        "north",
        "ST-1",
        "T-2",
        1,
        "warranty",
        "2024-03-05T08:00:00Z",
        "2024-03-05T09:00:00Z",
        "2024-03-06T10:00:00Z",
        "2024-03-06T11:00:00Z",
        60,
        20,
        false,
        "compressor",
        "no_cooling",
        "wear",
        false);
    visit(
        "WO-3",
        "SR-2",
        "SN-2",
        "north",
        "ST-1",
        "T-1",
        2,
        "warranty",
        "2024-03-06T14:00:00Z",
        "2024-03-06T15:00:00Z",
        "2024-03-07T09:00:00Z",
        "2024-03-07T10:00:00Z",
        60,
        20,
        true,
        "compressor",
        "no_cooling",
        "wear",
        false);
    signedOff(
        "WO-3",
        "SR-2",
        "SN-2",
        "north",
        "ST-1",
        "T-1",
        "warranty",
        "2024-03-07T12:00:00Z",
        "compressor",
        "no_cooling",
        "wear",
        false,
        120,
        40,
        2,
        0,
        2);
    // SR-3: SN-1 again 19 days after SR-1 closed: no fault found (a repeat repair)
    request("SR-3", "SN-1", "north", "repair", "2024-03-20T08:00:00Z");
    visit(
        "WO-4",
        "SR-3",
        "SN-1",
        "north",
        "ST-1",
        "T-1",
        1,
        "warranty",
        "2024-03-20T08:00:00Z",
        "2024-03-20T09:00:00Z",
        "2024-03-20T16:00:00Z",
        "2024-03-20T17:00:00Z",
        30,
        10,
        true,
        null,
        null,
        "none",
        true);
    signedOff(
        "WO-4",
        "SR-3",
        "SN-1",
        "north",
        "ST-1",
        "T-1",
        "warranty",
        "2024-03-20T18:00:00Z",
        null,
        null,
        "none",
        true,
        30,
        10,
        1,
        0,
        4);
    // SR-6: SN-1 compressor again, in warranty: its second in-warranty failure → replace
    request("SR-6", "SN-1", "north", "repair", "2024-06-01T08:00:00Z");
    visit(
        "WO-6",
        "SR-6",
        "SN-1",
        "north",
        "ST-1",
        "T-2",
        1,
        "warranty",
        "2024-06-01T08:00:00Z",
        "2024-06-01T08:30:00Z",
        "2024-06-01T10:00:00Z",
        "2024-06-01T11:00:00Z",
        45,
        10,
        true,
        "compressor",
        "noise",
        "wear",
        false);
    signedOff(
        "WO-6",
        "SR-6",
        "SN-1",
        "north",
        "ST-1",
        "T-2",
        "warranty",
        "2024-06-01T12:00:00Z",
        "compressor",
        "noise",
        "wear",
        false,
        45,
        10,
        1,
        0,
        5);
    // SR-4: SN-3 compressor out of its 12-month warranty: paid
    request("SR-4", "SN-3", "south", "repair", "2025-03-01T08:00:00Z");
    visit(
        "WO-5",
        "SR-4",
        "SN-3",
        "south",
        "ST-2",
        "T-3",
        1,
        "paid",
        "2025-03-01T08:00:00Z",
        "2025-03-01T09:00:00Z",
        "2025-03-01T20:00:00Z",
        "2025-03-01T22:00:00Z",
        120,
        30,
        true,
        "compressor",
        "no_cooling",
        "wear",
        false);
    signedOff(
        "WO-5",
        "SR-4",
        "SN-3",
        "south",
        "ST-2",
        "T-3",
        "paid",
        "2025-03-02T08:00:00Z",
        "compressor",
        "no_cooling",
        "wear",
        false,
        120,
        30,
        1,
        500,
        4);
    // SR-5: a consultation, SR-7: the same customer asks again two days later
    request("SR-5", "SN-3", "south", "consultation", "2024-04-01T08:00:00Z");
    request("SR-7", "SN-3", "south", "consultation", "2024-04-03T08:00:00Z");

    // costs: direct per work order (labour 5/min, transport), overheads per station-month
    cost("CP-1", "labour", "450.00", "2024-03", "ST-1", "north", "WO-1", "warranty");
    cost("CP-2", "material", "200.00", "2024-03", "ST-1", "north", "WO-1", "warranty");
    cost("CP-3", "transport", "60.00", "2024-03", "ST-1", "north", "WO-1", "warranty");
    cost("CP-4", "labour", "300.00", "2024-03", "ST-1", "north", "WO-2", "warranty");
    cost("CP-5", "labour", "300.00", "2024-03", "ST-1", "north", "WO-3", "warranty");
    cost("CP-6", "material", "200.00", "2024-03", "ST-1", "north", "WO-3", "warranty");
    cost("CP-7", "labour", "150.00", "2024-03", "ST-1", "north", "WO-4", "warranty");
    cost("CP-8", "facilities", "140.00", "2024-03", "ST-1", "north", null, null);
    cost("CP-9", "labour", "600.00", "2025-03", "ST-2", "south", "WO-5", "paid");
    cost("CP-10", "material", "200.00", "2025-03", "ST-2", "south", "WO-5", "paid");

    // parts: repair uses, a paid part and a counter sale; the failed compressor of WO-1 returned
    consumed("PC-1", "WO-1", "ST-1", "north", "2024-03-01T13:30:00Z", 1, null, "repair");
    consumed("PC-2", "WO-5", "ST-2", "south", "2025-03-01T22:00:00Z", 1, "280.00", "repair");
    consumed("PC-3", null, "ST-2", "south", "2025-03-10T10:00:00Z", 2, "280.00", "counter_sale");
    returned("PR-1", "WO-1", "2024-03-05T10:00:00Z");

    // supplier recovery: CL-1 partly settled, CL-2 outstanding
    claimFiled("CL-1", "WO-1", "SN-1", "650.00", "2024-03-10T10:00:00Z");
    claimSettled("CL-1", "650.00", "400.00", "partial", "2024-04-10T10:00:00Z");
    claimFiled("CL-2", "WO-3", "SN-2", "500.00", "2024-03-15T10:00:00Z");

    // complaints: staff conduct against T-2 (routed right); quality routed to the wrong desk
    complaintFiled(
        "CO-1",
        "SN-2",
        "north",
        "ST-1",
        "T-2",
        "WO-2",
        "staff_conduct",
        "service_management",
        "2024-03-06T12:00:00Z");
    complaintResolved(
        "CO-1", "staff_conduct", "service_management", 2.0, false, "2024-03-07T12:00:00Z");
    complaintFiled(
        "CO-2",
        "SN-2",
        "north",
        "ST-1",
        null,
        "WO-3",
        "quality",
        "warehouse_transport",
        "2024-03-08T12:00:00Z");
    complaintResolved("CO-2", "quality", "warehouse_transport", 30.0, true, "2024-03-20T12:00:00Z");

    survey("SV-1", "SR-1", "WO-1", "SN-1", "north", "ST-1", "T-1", 5, "2024-03-03T10:00:00Z");
    survey("SV-2", "SR-2", "WO-3", "SN-2", "north", "ST-1", "T-1", 3, "2024-03-09T10:00:00Z");

    contractSold("MC-1", "SN-3", "south", "ST-2", "2025-02-10", "300.00");
  }

  // ------------------------------------------------------------------ event writers

  private String envelope(String type, String at, String source) {
    next++;
    return String.format(
        Locale.ROOT,
        "{\"event_id\":\"00000000-0000-4000-8000-%012d\",\"event_type\":\"%s\","
            + "\"schema_version\":1,\"occurred_at\":\"%s\",\"source\":\"%s\"",
        next,
        type,
        at,
        source);
  }

  private static String q(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  private void add(String json) {
    events.add(json.replaceAll(",\"[a-z_]+\":null", "") + "}");
  }

  private void shipped(String serial, String at, String month, String region) {
    add(
        envelope("product.shipped", at, "erp")
            + ",\"serial\":\""
            + serial
            + "\",\"model\":\"AC-1\",\"product_line\":\"air_conditioning\""
            + ",\"build_date\":\""
            + at.substring(0, 10)
            + "\",\"ship_month\":\""
            + month
            + "\""
            + ",\"region\":\""
            + region
            + "\",\"dealer_id\":\"DL-1\",\"sale_price\":1000.00"
            + ",\"currency\":\"CNY\",\"components\":"
            + COMPONENTS);
  }

  private void installed(
      String serial,
      String date,
      String result,
      String region,
      String station,
      String technician,
      boolean completeRecord) {
    add(
        envelope("product.installed", date + "T09:00:00Z", "installer-app")
            + ",\"serial\":\""
            + serial
            + "\",\"model\":\"AC-1\",\"region\":\""
            + region
            + "\""
            + ",\"station_id\":\""
            + station
            + "\",\"technician_id\":\""
            + technician
            + "\""
            + ",\"install_date\":\""
            + date
            + "\",\"commissioning_result\":\""
            + result
            + "\""
            + ",\"distance_class\":\"near\",\"sale_price\":1000.00,\"currency\":\"CNY\""
            + ",\"components\":"
            + COMPONENTS
            + ",\"customer_id\":\"C-"
            + serial
            + "\""
            + ",\"customer_name\":\"王伟\",\"customer_address\":\"人民路1号\""
            + ",\"customer_phone\":"
            + q(completeRecord ? "+86 139 0000 0000" : null));
  }

  private void request(String id, String serial, String region, String category, String at) {
    add(
        envelope("service.requested", at, "call-centre")
            + ",\"request_id\":\""
            + id
            + "\",\"channel\":\"phone\",\"category\":\""
            + category
            + "\""
            + ",\"serial\":\""
            + serial
            + "\",\"model\":\"AC-1\",\"region\":\""
            + region
            + "\""
            + ",\"priority\":\"normal\"");
  }

  private String workOrder(
      String type,
      String at,
      String wo,
      String sr,
      String serial,
      String region,
      String station,
      String technician) {
    return envelope(type, at, "field-app")
        + ",\"work_order_id\":\""
        + wo
        + "\",\"request_id\":\""
        + sr
        + "\",\"serial\":\""
        + serial
        + "\",\"model\":\"AC-1\",\"region\":\""
        + region
        + "\",\"station_id\":\""
        + station
        + "\",\"technician_id\":\""
        + technician
        + "\"";
  }

  /** Dispatch, arrival and completion of one visit; the promise is 24 h to arrive, +24 h to fix. */
  private void visit(
      String wo,
      String sr,
      String serial,
      String region,
      String station,
      String technician,
      int visit,
      String serviceType,
      String registered,
      String dispatched,
      String arrived,
      String completed,
      int labour,
      double km,
      boolean fixed,
      String component,
      String mode,
      String rootCause,
      boolean noFault) {
    java.time.Instant reg = java.time.Instant.parse(registered);
    String promisedArrival = reg.plusSeconds(24 * 3600).toString();
    String promisedFix = reg.plusSeconds(48 * 3600).toString();
    add(
        workOrder("workorder.dispatched", dispatched, wo, sr, serial, region, station, technician)
            + ",\"visit\":"
            + visit
            + ",\"job_kind\":\"repair\",\"service_type\":\""
            + serviceType
            + "\",\"repair_mode\":\"on_site\",\"priority\":\"normal\",\"distance_class\":\"near\""
            + ",\"sla_hours\":24,\"requested_at\":\""
            + registered
            + "\",\"promised_arrival_at\":\""
            + promisedArrival
            + "\",\"promised_fix_at\":\""
            + promisedFix
            + "\"");
    add(
        workOrder("workorder.arrived", arrived, wo, sr, serial, region, station, technician)
            + ",\"promised_arrival_at\":\""
            + promisedArrival
            + "\",\"travel_km\":"
            + km);
    add(
        workOrder("workorder.completed", completed, wo, sr, serial, region, station, technician)
            + ",\"service_type\":\""
            + serviceType
            + "\",\"failure_mode\":"
            + q(mode)
            + ",\"failed_component\":"
            + q(component)
            + ",\"labour_minutes\":"
            + labour
            + ",\"travel_km\":"
            + km
            + ",\"fixed\":"
            + fixed
            + ",\"no_fault_found\":"
            + noFault
            + ",\"root_cause\":\""
            + rootCause
            + "\",\"promised_fix_at\":\""
            + promisedFix
            + "\"");
  }

  private void signedOff(
      String wo,
      String sr,
      String serial,
      String region,
      String station,
      String technician,
      String serviceType,
      String at,
      String component,
      String mode,
      String rootCause,
      boolean noFault,
      int labour,
      double km,
      int visits,
      int charged,
      int rating) {
    add(
        workOrder("workorder.signed_off", at, wo, sr, serial, region, station, technician)
            + ",\"service_type\":\""
            + serviceType
            + "\",\"job_kind\":\"repair\",\"failure_mode\":"
            + q(mode)
            + ",\"failed_component\":"
            + q(component)
            + ",\"root_cause\":\""
            + rootCause
            + "\",\"no_fault_found\":"
            + noFault
            + ",\"labour_minutes\":"
            + labour
            + ",\"travel_km\":"
            + km
            + ",\"visits\":"
            + visits
            + ",\"amount_charged\":"
            + charged
            + ",\"currency\":\"CNY\",\"supervisor_rating\":"
            + rating
            + ",\"customer_signature\":true");
  }

  private void cost(
      String id,
      String category,
      String amount,
      String period,
      String station,
      String region,
      String wo,
      String serviceType) {
    add(
        envelope("cost.posted", period + "-28T00:00:00Z", "finance")
            + ",\"posting_id\":\""
            + id
            + "\",\"category\":\""
            + category
            + "\",\"amount\":"
            + amount
            + ",\"currency\":\"CNY\",\"period\":\""
            + period
            + "\",\"station_id\":\""
            + station
            + "\",\"region\":\""
            + region
            + "\",\"work_order_id\":"
            + q(wo)
            + ",\"service_type\":"
            + q(serviceType));
  }

  private void consumed(
      String id,
      String wo,
      String station,
      String region,
      String at,
      int quantity,
      String price,
      String usage) {
    add(
        envelope("part.consumed", at, "parts-store")
            + ",\"consumption_id\":\""
            + id
            + "\",\"part_number\":\"P-AC1-COMPRESSOR\""
            + ",\"component\":\"compressor\",\"model\":\"AC-1\",\"quantity\":"
            + quantity
            + ",\"unit_cost\":200.00,\"currency\":\"CNY\",\"store_id\":\"STORE-"
            + station
            + "\",\"region\":\""
            + region
            + "\",\"supplier\":\"SUP-A\",\"defective\":false"
            + ",\"usage\":\""
            + usage
            + "\",\"work_order_id\":"
            + q(wo)
            + ",\"unit_price\":"
            + (price == null ? "null" : price));
  }

  private void returned(String id, String wo, String at) {
    add(
        envelope("part.returned", at, "parts-store")
            + ",\"return_id\":\""
            + id
            + "\",\"part_number\":\"P-AC1-COMPRESSOR\""
            + ",\"component\":\"compressor\",\"model\":\"AC-1\",\"quantity\":1,\"unit_cost\":200.00"
            + ",\"currency\":\"CNY\",\"store_id\":\"STORE-ST-1\",\"region\":\"north\""
            + ",\"supplier\":\"SUP-A\",\"defective\":true,\"reason\":\"replaced_failed\""
            + ",\"work_order_id\":\""
            + wo
            + "\"");
  }

  private void claimFiled(String id, String wo, String serial, String amount, String at) {
    add(
        envelope("supplier.claim.filed", at, "quality")
            + ",\"claim_id\":\""
            + id
            + "\",\"supplier\":\"SUP-A\",\"part_number\":\"P-AC1-COMPRESSOR\""
            + ",\"component\":\"compressor\",\"model\":\"AC-1\",\"serial\":\""
            + serial
            + "\""
            + ",\"work_order_id\":\""
            + wo
            + "\",\"claimed_amount\":"
            + amount
            + ",\"currency\":\"CNY\"");
  }

  private void claimSettled(
      String id, String claimed, String recovered, String outcome, String at) {
    add(
        envelope("supplier.claim.settled", at, "quality")
            + ",\"claim_id\":\""
            + id
            + "\",\"supplier\":\"SUP-A\",\"claimed_amount\":"
            + claimed
            + ",\"recovered_amount\":"
            + recovered
            + ",\"currency\":\"CNY\",\"outcome\":\""
            + outcome
            + "\"");
  }

  private void complaintFiled(
      String id,
      String serial,
      String region,
      String station,
      String technician,
      String wo,
      String cause,
      String department,
      String at) {
    add(
        envelope("complaint.filed", at, "call-centre")
            + ",\"complaint_id\":\""
            + id
            + "\",\"request_id\":\"SR-C-"
            + id
            + "\",\"serial\":\""
            + serial
            + "\",\"model\":\"AC-1\",\"region\":\""
            + region
            + "\",\"station_id\":"
            + q(station)
            + ",\"technician_id\":"
            + q(technician)
            + ",\"work_order_id\":"
            + q(wo)
            + ",\"cause_category\":\""
            + cause
            + "\",\"routed_department\":\""
            + department
            + "\",\"severity\":\"normal\"");
  }

  private void complaintResolved(
      String id, String cause, String department, double replyHours, boolean escalated, String at) {
    add(
        envelope("complaint.resolved", at, "call-centre")
            + ",\"complaint_id\":\""
            + id
            + "\",\"cause_category\":\""
            + cause
            + "\""
            + ",\"routed_department\":\""
            + department
            + "\",\"reply_hours\":"
            + replyHours
            + ",\"contacts\":"
            + (escalated ? 3 : 1)
            + ",\"escalated\":"
            + escalated
            + ",\"resolution\":\"explained\",\"customer_satisfied\":"
            + !escalated);
  }

  private void survey(
      String id,
      String sr,
      String wo,
      String serial,
      String region,
      String station,
      String technician,
      int csat,
      String at) {
    add(
        envelope("survey.completed", at, "survey")
            + ",\"survey_id\":\""
            + id
            + "\",\"request_id\":\""
            + sr
            + "\",\"work_order_id\":\""
            + wo
            + "\",\"serial\":\""
            + serial
            + "\",\"region\":\""
            + region
            + "\",\"station_id\":\""
            + station
            + "\",\"technician_id\":\""
            + technician
            + "\",\"csat\":"
            + csat);
  }

  private void contractSold(
      String id, String serial, String region, String station, String start, String fee) {
    add(
        envelope("contract.sold", start + "T10:00:00Z", "crm")
            + ",\"contract_id\":\""
            + id
            + "\",\"serial\":\""
            + serial
            + "\",\"model\":\"AC-1\""
            + ",\"region\":\""
            + region
            + "\",\"station_id\":\""
            + station
            + "\",\"start_date\":\""
            + start
            + "\",\"end_date\":\"2026-02-09\",\"fee\":"
            + fee
            + ",\"currency\":\"CNY\""
            + ",\"visits_per_year\":2,\"renewal\":false");
  }
}
