package io.servicelake.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    // SR-1: SN-1 compressor, fixed first visit by T-1, on time.
    // SR-2: SN-2 compressor; T-2 arrives 2 h late and does not fix it; T-1 fixes it on visit 2.
    // SR-3: SN-1 again 19 days after SR-1 closed: no fault found (a repeat repair).
    // SR-6: SN-1 compressor again, in warranty: its second in-warranty failure → replace.
    // SR-4: SN-3 compressor out of its 12-month warranty: paid.
    // SR-5: a consultation, SR-7: the same customer asks again two days later.
    requests(
        """
        SR-1 SN-1 north repair       2024-03-01T08:00:00Z
        SR-2 SN-2 north repair       2024-03-05T08:00:00Z
        SR-3 SN-1 north repair       2024-03-20T08:00:00Z
        SR-6 SN-1 north repair       2024-06-01T08:00:00Z
        SR-4 SN-3 south repair       2025-03-01T08:00:00Z
        SR-5 SN-3 south consultation 2024-04-01T08:00:00Z
        SR-7 SN-3 south consultation 2024-04-03T08:00:00Z
        """);
    // one visit a row: dispatched, arrived, completed; promised 24 h to arrive and 48 h to fix
    // from the visit's registration; "-" is no value
    visits(
        """
        #WO  SR   station tech # service  registered       dispatched       arrived          completed        min km fixed component  mode       root_cause      nff
        WO-1 SR-1 ST-1 T-1 1 warranty 2024-03-01T08:00 2024-03-01T08:30 2024-03-01T12:00 2024-03-01T13:30  90 10 true  compressor no_cooling material_defect false
        WO-2 SR-2 ST-1 T-2 1 warranty 2024-03-05T08:00 2024-03-05T09:00 2024-03-06T10:00 2024-03-06T11:00  60 20 false compressor no_cooling wear            false
        WO-3 SR-2 ST-1 T-1 2 warranty 2024-03-06T14:00 2024-03-06T15:00 2024-03-07T09:00 2024-03-07T10:00  60 20 true  compressor no_cooling wear            false
        WO-4 SR-3 ST-1 T-1 1 warranty 2024-03-20T08:00 2024-03-20T09:00 2024-03-20T16:00 2024-03-20T17:00  30 10 true  -          -          none            true
        WO-6 SR-6 ST-1 T-2 1 warranty 2024-06-01T08:00 2024-06-01T08:30 2024-06-01T10:00 2024-06-01T11:00  45 10 true  compressor noise      wear            false
        WO-5 SR-4 ST-2 T-3 1 paid     2025-03-01T08:00 2025-03-01T09:00 2025-03-01T20:00 2025-03-01T22:00 120 30 true  compressor no_cooling wear            false
        """);
    // the closing visit's sign-off: labour, km and visits are the request's totals
    signOffs(
        """
        #WO  signed off           charged rating
        WO-1 2024-03-01T15:00:00Z   0     5
        WO-3 2024-03-07T12:00:00Z   0     2
        WO-4 2024-03-20T18:00:00Z   0     4
        WO-6 2024-06-01T12:00:00Z   0     5
        WO-5 2025-03-02T08:00:00Z 500     4
        """);

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
    complaints(
        """
        #id  unit region station tech wo   cause         routed to          filed at
        CO-1 SN-2 north  ST-1    T-2  WO-2 staff_conduct service_management 2024-03-06T12:00:00Z
        CO-2 SN-2 north  ST-1    -    WO-3 quality       warehouse_transport 2024-03-08T12:00:00Z
        """);
    complaintResolved(
        "CO-1", "staff_conduct", "service_management", 2.0, false, "2024-03-07T12:00:00Z");
    complaintResolved("CO-2", "quality", "warehouse_transport", 30.0, true, "2024-03-20T12:00:00Z");

    survey("SV-1", "WO-1", 5, "2024-03-03T10:00:00Z");
    survey("SV-2", "WO-3", 3, "2024-03-09T10:00:00Z");

    contractSold("MC-1", "SN-3", "south", "ST-2", "2025-02-10", "300.00");
  }

  // ------------------------------------------------------------------ event writers

  /** A request and the fields its visits inherit. */
  private record Request(String id, String serial, String region) {}

  /** A visit row of {@link #visits}, by column name. */
  private record Visit(Request request, Map<String, String> row) {
    String get(String column) {
      return row.get(column);
    }
  }

  private final Map<String, Request> requests = new LinkedHashMap<>();
  private final Map<String, Visit> visits = new LinkedHashMap<>();

  private static final String[] VISIT_COLUMNS = {
    "wo",
    "sr",
    "station",
    "tech",
    "visit",
    "service",
    "registered",
    "dispatched",
    "arrived",
    "completed",
    "labour",
    "km",
    "fixed",
    "component",
    "mode",
    "root_cause",
    "nff"
  };

  /** The non-comment rows of a text table, split on blanks; "-" stands for null. */
  private static List<String[]> rows(String table) {
    return table
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(
            line ->
                Arrays.stream(line.split("\\s+"))
                    .map(v -> v.equals("-") ? null : v)
                    .toArray(String[]::new))
        .toList();
  }

  private void requests(String table) {
    for (String[] r : rows(table)) {
      requests.put(r[0], new Request(r[0], r[1], r[2]));
      add(
          envelope("service.requested", r[4], "call-centre")
              + json(
                  ",\"request_id\":%s,\"channel\":\"phone\",\"category\":%s,\"serial\":%s,"
                      + "\"model\":\"AC-1\",\"region\":%s,\"priority\":\"normal\"",
                  r[0], r[3], r[1], r[2]));
    }
  }

  /**
   * Dispatch, arrival and completion of each visit; the promise is 24 h to arrive, +24 h to fix.
   */
  private void visits(String table) {
    for (String[] r : rows(table)) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < VISIT_COLUMNS.length; i++) {
        row.put(VISIT_COLUMNS[i], r[i]);
      }
      Visit v = new Visit(requests.get(row.get("sr")), row);
      visits.put(row.get("wo"), v);
      Instant registered = Instant.parse(v.get("registered") + ":00Z");
      String promisedArrival = registered.plusSeconds(24 * 3600).toString();
      String promisedFix = registered.plusSeconds(48 * 3600).toString();
      add(
          workOrder("workorder.dispatched", v.get("dispatched") + ":00Z", v)
              + json(
                  ",\"visit\":%s,\"job_kind\":\"repair\",\"service_type\":%s,"
                      + "\"repair_mode\":\"on_site\",\"priority\":\"normal\",\"distance_class\":\"near\","
                      + "\"sla_hours\":24,\"requested_at\":%s,\"promised_arrival_at\":%s,"
                      + "\"promised_fix_at\":%s",
                  v.get("visit"), v.get("service"), registered, promisedArrival, promisedFix));
      add(
          workOrder("workorder.arrived", v.get("arrived") + ":00Z", v)
              + json(",\"promised_arrival_at\":%s,\"travel_km\":%s", promisedArrival, km(v)));
      add(
          workOrder("workorder.completed", v.get("completed") + ":00Z", v)
              + json(
                  ",\"service_type\":%s,\"failure_mode\":%s,\"failed_component\":%s,"
                      + "\"labour_minutes\":%s,\"travel_km\":%s,\"fixed\":%s,\"no_fault_found\":%s,"
                      + "\"root_cause\":%s,\"promised_fix_at\":%s",
                  v.get("service"),
                  v.get("mode"),
                  v.get("component"),
                  v.get("labour"),
                  km(v),
                  v.get("fixed"),
                  v.get("nff"),
                  v.get("root_cause"),
                  promisedFix));
    }
  }

  /** Sign-off of a request by its closing visit, with the request's labour, km and visit totals. */
  private void signOffs(String table) {
    for (String[] r : rows(table)) {
      Visit v = visits.get(r[0]);
      List<Visit> all =
          visits.values().stream().filter(o -> o.request().equals(v.request())).toList();
      int labour = all.stream().mapToInt(o -> Integer.parseInt(o.get("labour"))).sum();
      double km = all.stream().mapToDouble(o -> Double.parseDouble(o.get("km"))).sum();
      add(
          workOrder("workorder.signed_off", r[1], v)
              + json(
                  ",\"service_type\":%s,\"job_kind\":\"repair\",\"failure_mode\":%s,"
                      + "\"failed_component\":%s,\"root_cause\":%s,\"no_fault_found\":%s,"
                      + "\"labour_minutes\":%s,\"travel_km\":%s,\"visits\":%s,\"amount_charged\":%s,"
                      + "\"currency\":\"CNY\",\"supervisor_rating\":%s,\"customer_signature\":true",
                  v.get("service"),
                  v.get("mode"),
                  v.get("component"),
                  v.get("root_cause"),
                  v.get("nff"),
                  labour,
                  km,
                  all.size(),
                  r[2],
                  r[3]));
    }
  }

  private static String km(Visit v) {
    return Double.toString(Double.parseDouble(v.get("km")));
  }

  private String workOrder(String type, String at, Visit v) {
    return envelope(type, at, "field-app")
        + json(
            ",\"work_order_id\":%s,\"request_id\":%s,\"serial\":%s,\"model\":\"AC-1\",\"region\":%s,"
                + "\"station_id\":%s,\"technician_id\":%s",
            v.get("wo"),
            v.request().id(),
            v.request().serial(),
            v.request().region(),
            v.get("station"),
            v.get("tech"));
  }

  private void complaints(String table) {
    for (String[] r : rows(table)) {
      add(
          envelope("complaint.filed", r[8], "call-centre")
              + json(
                  ",\"complaint_id\":%s,\"request_id\":%s,\"serial\":%s,\"model\":\"AC-1\","
                      + "\"region\":%s,\"station_id\":%s,\"technician_id\":%s,\"work_order_id\":%s,"
                      + "\"cause_category\":%s,\"routed_department\":%s,\"severity\":\"normal\"",
                  r[0], "SR-C-" + r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]));
    }
  }

  private void survey(String id, String wo, int csat, String at) {
    Visit v = visits.get(wo);
    add(
        envelope("survey.completed", at, "survey")
            + json(
                ",\"survey_id\":%s,\"request_id\":%s,\"work_order_id\":%s,\"serial\":%s,"
                    + "\"region\":%s,\"station_id\":%s,\"technician_id\":%s,\"csat\":%s",
                id,
                v.request().id(),
                wo,
                v.request().serial(),
                v.request().region(),
                v.get("station"),
                v.get("tech"),
                csat));
  }

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

  /**
   * JSON fields from a template: each {@code %s} becomes a JSON value: a string quoted, a number or
   * boolean (or text that reads as one) bare, null as null (dropped by {@link #add}).
   */
  private static String json(String template, Object... values) {
    Object[] encoded = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      boolean bare =
          v == null
              || v instanceof Number
              || v instanceof Boolean
              || v.toString().matches("-?[0-9]+(\\.[0-9]+)?|true|false");
      encoded[i] = bare ? String.valueOf(v) : "\"" + v + "\"";
    }
    return String.format(Locale.ROOT, template, encoded);
  }

  private void add(String json) {
    events.add(json.replaceAll(",\"[a-z_]+\":null", "") + "}");
  }

  private void shipped(String serial, String at, String month, String region) {
    add(
        envelope("product.shipped", at, "erp")
            + json(
                ",\"serial\":%s,\"model\":\"AC-1\",\"product_line\":\"air_conditioning\","
                    + "\"build_date\":%s,\"ship_month\":%s,\"region\":%s,\"dealer_id\":\"DL-1\","
                    + "\"sale_price\":1000.00,\"currency\":\"CNY\",\"components\":"
                    + COMPONENTS,
                serial,
                at.substring(0, 10),
                month,
                region));
  }

  private void installed(
      String serial,
      String date,
      String result,
      String region,
      String station,
      String tech,
      boolean completeRecord) {
    add(
        envelope("product.installed", date + "T09:00:00Z", "installer-app")
            + json(
                ",\"serial\":%s,\"model\":\"AC-1\",\"region\":%s,\"station_id\":%s,"
                    + "\"technician_id\":%s,\"install_date\":%s,\"commissioning_result\":%s,"
                    + "\"distance_class\":\"near\",\"sale_price\":1000.00,\"currency\":\"CNY\","
                    + "\"components\":"
                    + COMPONENTS
                    + ",\"customer_id\":%s,"
                    + "\"customer_name\":\"王伟\",\"customer_address\":\"人民路1号\","
                    + "\"customer_phone\":%s",
                serial,
                region,
                station,
                tech,
                date,
                result,
                "C-" + serial,
                completeRecord ? "+86 139 0000 0000" : null));
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
            + json(
                ",\"posting_id\":%s,\"category\":%s,\"amount\":%s,\"currency\":\"CNY\","
                    + "\"period\":%s,\"station_id\":%s,\"region\":%s,\"work_order_id\":%s,"
                    + "\"service_type\":%s",
                id, category, amount, period, station, region, wo, serviceType));
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
            + json(
                ",\"consumption_id\":%s,\"part_number\":\"P-AC1-COMPRESSOR\","
                    + "\"component\":\"compressor\",\"model\":\"AC-1\",\"quantity\":%s,"
                    + "\"unit_cost\":200.00,\"currency\":\"CNY\",\"store_id\":%s,\"region\":%s,"
                    + "\"supplier\":\"SUP-A\",\"defective\":false,\"usage\":%s,"
                    + "\"work_order_id\":%s,\"unit_price\":%s",
                id, quantity, "STORE-" + station, region, usage, wo, price));
  }

  private void returned(String id, String wo, String at) {
    add(
        envelope("part.returned", at, "parts-store")
            + json(
                ",\"return_id\":%s,\"part_number\":\"P-AC1-COMPRESSOR\","
                    + "\"component\":\"compressor\",\"model\":\"AC-1\",\"quantity\":1,"
                    + "\"unit_cost\":200.00,\"currency\":\"CNY\",\"store_id\":\"STORE-ST-1\","
                    + "\"region\":\"north\",\"supplier\":\"SUP-A\",\"defective\":true,"
                    + "\"reason\":\"replaced_failed\",\"work_order_id\":%s",
                id, wo));
  }

  private void claimFiled(String id, String wo, String serial, String amount, String at) {
    add(
        envelope("supplier.claim.filed", at, "quality")
            + json(
                ",\"claim_id\":%s,\"supplier\":\"SUP-A\",\"part_number\":\"P-AC1-COMPRESSOR\","
                    + "\"component\":\"compressor\",\"model\":\"AC-1\",\"serial\":%s,"
                    + "\"work_order_id\":%s,\"claimed_amount\":%s,\"currency\":\"CNY\"",
                id, serial, wo, amount));
  }

  private void claimSettled(
      String id, String claimed, String recovered, String outcome, String at) {
    add(
        envelope("supplier.claim.settled", at, "quality")
            + json(
                ",\"claim_id\":%s,\"supplier\":\"SUP-A\",\"claimed_amount\":%s,"
                    + "\"recovered_amount\":%s,\"currency\":\"CNY\",\"outcome\":%s",
                id, claimed, recovered, outcome));
  }

  private void complaintResolved(
      String id, String cause, String department, double replyHours, boolean escalated, String at) {
    add(
        envelope("complaint.resolved", at, "call-centre")
            + json(
                ",\"complaint_id\":%s,\"cause_category\":%s,\"routed_department\":%s,"
                    + "\"reply_hours\":%s,\"contacts\":%s,\"escalated\":%s,"
                    + "\"resolution\":\"explained\",\"customer_satisfied\":%s",
                id, cause, department, replyHours, escalated ? 3 : 1, escalated, !escalated));
  }

  private void contractSold(
      String id, String serial, String region, String station, String start, String fee) {
    add(
        envelope("contract.sold", start + "T10:00:00Z", "crm")
            + json(
                ",\"contract_id\":%s,\"serial\":%s,\"model\":\"AC-1\",\"region\":%s,"
                    + "\"station_id\":%s,\"start_date\":%s,\"end_date\":\"2026-02-09\","
                    + "\"fee\":%s,\"currency\":\"CNY\",\"visits_per_year\":2,\"renewal\":false",
                id, serial, region, station, start, fee));
  }
}
