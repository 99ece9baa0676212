package io.servicelake.transforms.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.servicelake.schemas.events.ComplaintFiled;
import io.servicelake.schemas.events.ComplaintResolved;
import io.servicelake.schemas.events.ContractExpired;
import io.servicelake.schemas.events.ContractSold;
import io.servicelake.schemas.events.CostPosted;
import io.servicelake.schemas.events.PartConsumed;
import io.servicelake.schemas.events.ProductInstalled;
import io.servicelake.schemas.events.ProductShipped;
import io.servicelake.schemas.events.ServiceEvent;
import io.servicelake.schemas.events.ServiceRequested;
import io.servicelake.schemas.events.SupplierClaimFiled;
import io.servicelake.schemas.events.SupplierClaimSettled;
import io.servicelake.schemas.events.SurveyCompleted;
import io.servicelake.schemas.events.WorkorderArrived;
import io.servicelake.schemas.events.WorkorderCompleted;
import io.servicelake.schemas.events.WorkorderSignedOff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one simulation run put in (every parameter) and exactly what it produced (counts and sums
 * over the emitted good events). Tests and marts compare against it. Filled while the simulator
 * runs; complete once {@link Simulator#run} returns.
 *
 * <p>Counts of events are over records as emitted: a duplicate or a corrupted copy counts under its
 * defect, not under its event type; a late event counts under both (it is a good event).
 */
public final class GroundTruth {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(
              new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final SimulatorConfig config;
  private final Network network;

  long records;
  final Map<String, Long> eventsByType = new TreeMap<>();
  final Map<String, Long> eventsByTypeVersion = new TreeMap<>();
  final Map<String, Long> defects = new TreeMap<>();
  final Map<String, Map<String, Long>> defectsByType = new TreeMap<>();

  final Map<String, Long> unitsShipped = new TreeMap<>();

  /** Last ship month (YYYY-MM) per model of a sold unit (replacements excluded). */
  final Map<String, String> lastSaleShipMonth = new TreeMap<>();

  /** Last ship month (YYYY-MM) per model of a replacement unit. */
  final Map<String, String> lastReplacementShipMonth = new TreeMap<>();

  /** Exchanged serial → its replacement (serial and ship time). */
  final Map<String, Exchange> exchanges = new TreeMap<>();

  final Map<String, Long> unitsInstalled = new TreeMap<>();
  double salesRevenue;
  long commissioningFailures;

  /** model/component → [failures, first failures, failures in warranty]. */
  final Map<String, long[]> failures = new TreeMap<>();

  final Map<String, Long> requestsByCategory = new TreeMap<>();
  final Map<String, Long> requestsByChannel = new TreeMap<>();
  long emergencies;
  long visitsArrived;
  long slaBreaches;
  long visitsCompleted;
  long fixBreaches;
  long repairRequestsClosed;
  long fixedFirstVisit;
  long noFaultFound;
  final Map<String, Long> signOffsByServiceType = new TreeMap<>();
  final Map<String, Double> costByCategory = new TreeMap<>();
  final Map<String, Double> directCostByServiceType = new TreeMap<>();
  final Map<String, Long> complaintsByCause = new TreeMap<>();
  final Map<String, Long> complaintsByDepartment = new TreeMap<>();
  long complaintsEscalated;
  final Map<String, Long> surveysByVersion = new TreeMap<>();
  long csatSum;
  long contractsSold;
  long contractRenewals;
  long contractsExpired;
  double contractFees;
  long claimsFiled;
  double claimedAmount;
  long claimsSettled;
  double recoveredAmount;
  final Map<String, Long> partQuantityByUsage = new TreeMap<>();
  final Map<String, Long> counterQuantityBySeries = new TreeMap<>();
  long defectivePartsConsumed;
  long unitsDueForReplacement;
  long replacementUnitsShipped;

  GroundTruth(SimulatorConfig config, Network network) {
    this.config = config;
    this.network = network;
  }

  /** Counts one record exactly as it went to the sink. */
  void recordEmitted(SimulatedEvent event) {
    records++;
    if (!event.defect().isEmpty()) {
      defects.merge(event.defect(), 1L, Long::sum);
      defectsByType
          .computeIfAbsent(event.eventType(), t -> new TreeMap<>())
          .merge(event.defect(), 1L, Long::sum);
    }
  }

  /**
   * Counts one good event (at the moment it is accepted for emission, before any late delay). Reads
   * the typed record the event was built from, so a schema rename breaks this too.
   */
  void observe(EventDraft event) {
    eventsByType.merge(event.type, 1L, Long::sum);
    eventsByTypeVersion.merge(event.type + "/v" + event.version, 1L, Long::sum);
    ServiceEvent record = event.record;
    if (record instanceof ProductShipped e) {
      unitsShipped.merge(e.model(), 1L, Long::sum);
      salesRevenue += cents(e.salePrice());
      if (e.replacesSerial() != null) {
        replacementUnitsShipped++;
        exchanges.put(e.replacesSerial(), new Exchange(e.serial(), e.occurredAt()));
        lastReplacementShipMonth.merge(e.model(), e.shipMonth(), GroundTruth::later);
      } else {
        lastSaleShipMonth.merge(e.model(), e.shipMonth(), GroundTruth::later);
      }
    } else if (record instanceof ProductInstalled e) {
      if (ProductInstalled.CommissioningResult.FAIL.equals(e.commissioningResult())) {
        commissioningFailures++;
      } else {
        unitsInstalled.merge(e.model(), 1L, Long::sum);
      }
    } else if (record instanceof ServiceRequested e) {
      requestsByCategory.merge(e.category(), 1L, Long::sum);
      requestsByChannel.merge(e.channel(), 1L, Long::sum);
      if (ServiceRequested.Priority.EMERGENCY.equals(e.priority())) {
        emergencies++;
      }
      if (event.truthTag.startsWith("failure|")) {
        // failure|model/component|first|inWarranty
        String[] tag = event.truthTag.split("\\|");
        long[] counts = failures.computeIfAbsent(tag[1], k -> new long[3]);
        counts[0]++;
        counts[1] += Boolean.parseBoolean(tag[2]) ? 1 : 0;
        counts[2] += Boolean.parseBoolean(tag[3]) ? 1 : 0;
      }
    } else if (record instanceof WorkorderArrived e) {
      visitsArrived++;
      if (e.occurredAt().isAfter(e.promisedArrivalAt())) {
        slaBreaches++;
      }
    } else if (record instanceof WorkorderCompleted e) {
      visitsCompleted++;
      if (e.occurredAt().isAfter(e.promisedFixAt())) {
        fixBreaches++;
      }
    } else if (record instanceof WorkorderSignedOff e) {
      signOffsByServiceType.merge(e.serviceType(), 1L, Long::sum);
      if (event.inWarrantyFailuresOfUnit != null && ++event.inWarrantyFailuresOfUnit[0] == 2) {
        unitsDueForReplacement++;
      }
      if (WorkorderSignedOff.JobKind.REPAIR.equals(e.jobKind())) {
        if (e.noFaultFound()) {
          noFaultFound++;
        } else {
          repairRequestsClosed++;
          fixedFirstVisit += e.visits() == 1 ? 1 : 0;
        }
      }
    } else if (record instanceof CostPosted e) {
      double amount = cents(e.amount());
      costByCategory.merge(e.category(), amount, Double::sum);
      if (e.serviceType() != null) {
        directCostByServiceType.merge(e.serviceType(), amount, Double::sum);
      }
    } else if (record instanceof ComplaintFiled e) {
      complaintsByCause.merge(e.causeCategory(), 1L, Long::sum);
      complaintsByDepartment.merge(e.routedDepartment(), 1L, Long::sum);
    } else if (record instanceof ComplaintResolved e) {
      complaintsEscalated += e.escalated() ? 1 : 0;
    } else if (record instanceof SurveyCompleted e) {
      surveysByVersion.merge("v" + event.version, 1L, Long::sum);
      csatSum += e.csat();
    } else if (record instanceof ContractSold e) {
      contractsSold++;
      contractRenewals += e.renewal() ? 1 : 0;
      contractFees += cents(e.fee());
    } else if (record instanceof ContractExpired) {
      contractsExpired++;
    } else if (record instanceof SupplierClaimFiled e) {
      claimsFiled++;
      claimedAmount += cents(e.claimedAmount());
    } else if (record instanceof SupplierClaimSettled e) {
      claimsSettled++;
      recoveredAmount += cents(e.recoveredAmount());
    } else if (record instanceof PartConsumed e) {
      long quantity = e.quantity();
      partQuantityByUsage.merge(e.usage(), quantity, Long::sum);
      if (e.defective()) {
        defectivePartsConsumed++;
      }
      if (PartConsumed.Usage.COUNTER_SALE.equals(e.usage())) {
        counterQuantityBySeries.merge(e.partNumber() + "@" + e.storeId(), quantity, Long::sum);
      }
    }
  }

  public SimulatorConfig config() {
    return config;
  }

  public long records() {
    return records;
  }

  /** Good events per type (late ones included, duplicates and corrupted copies excluded). */
  public Map<String, Long> eventsByType() {
    return Collections.unmodifiableMap(eventsByType);
  }

  /** Good events per {@code type/vN}. */
  public Map<String, Long> eventsByTypeVersion() {
    return Collections.unmodifiableMap(eventsByTypeVersion);
  }

  /** Records per defect id. */
  public Map<String, Long> defects() {
    return Collections.unmodifiableMap(defects);
  }

  public Map<String, Map<String, Long>> defectsByType() {
    return Collections.unmodifiableMap(defectsByType);
  }

  public long visitsArrived() {
    return visitsArrived;
  }

  public long slaBreaches() {
    return slaBreaches;
  }

  /** Cost per category, summed over emitted cost.posted events. */
  public Map<String, Double> costByCategory() {
    return Collections.unmodifiableMap(costByCategory);
  }

  /** Failures (service requests caused by a component failure) for {@code model/component}. */
  public long failures(String model, String component) {
    long[] counts = failures.get(model + "/" + component);
    return counts == null ? 0 : counts[0];
  }

  /** First failures of {@code model/component} (lifetimes measured from install). */
  public long firstFailures(String model, String component) {
    long[] counts = failures.get(model + "/" + component);
    return counts == null ? 0 : counts[1];
  }

  /**
   * Units with two in-warranty failures whose repairs were signed off within the run: the rows of
   * {@code fct_unit_replacement}.
   */
  public long unitsDueForReplacement() {
    return unitsDueForReplacement;
  }

  /** {@code product.shipped} events of replacement units (v2, with {@code replaces_serial}). */
  public long replacementUnitsShipped() {
    return replacementUnitsShipped;
  }

  /**
   * A unit exchanged under the exchange rule: the replacement's serial and the time it shipped,
   * when the exchanged unit left the installed base.
   */
  public record Exchange(String replacementSerial, Instant shippedAt) {}

  /**
   * Every exchanged serial with its replacement (the {@code product.shipped} v2 events with {@code
   * replaces_serial}). Not in {@link #toJson} (one entry per exchange); the JSON has the counts.
   */
  public Map<String, Exchange> exchanges() {
    return Collections.unmodifiableMap(exchanges);
  }

  /** Last ship month (YYYY-MM) per model of a sold unit: replacement units do not count. */
  public Map<String, String> lastSaleShipMonth() {
    return Collections.unmodifiableMap(lastSaleShipMonth);
  }

  /** Last ship month (YYYY-MM) per model of a replacement unit (models with an exchange). */
  public Map<String, String> lastReplacementShipMonth() {
    return Collections.unmodifiableMap(lastReplacementShipMonth);
  }

  public long unitsInstalled(String model) {
    return unitsInstalled.getOrDefault(model, 0L);
  }

  /** Writes every parameter and every count as pretty-printed JSON with sorted keys. */
  public void writeJson(Path file) {
    try {
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ground truth to " + file, e);
    }
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode parameters = root.putObject("parameters");
    parameters.set("config", JSON.valueToTree(config));
    parameters.set("technicians", JSON.valueToTree(network.technicians()));
    parameters.set("stations", JSON.valueToTree(network.stations()));
    parameters.set("counter_demand", JSON.valueToTree(network.counterSeries()));
    ObjectNode counts = root.putObject("counts");
    counts.put("records", records);
    counts.put("good_events", eventsByType.values().stream().mapToLong(Long::longValue).sum());
    counts.put("bad_records", defects.values().stream().mapToLong(Long::longValue).sum());
    counts.set("events_by_type", JSON.valueToTree(eventsByType));
    counts.set("events_by_type_version", JSON.valueToTree(eventsByTypeVersion));
    counts.set("defects", JSON.valueToTree(defects));
    counts.set("defects_by_type", JSON.valueToTree(defectsByType));
    ObjectNode base = root.putObject("installed_base");
    base.set("units_shipped", JSON.valueToTree(unitsShipped));
    base.set("units_installed", JSON.valueToTree(unitsInstalled));
    base.set("last_sale_ship_month", JSON.valueToTree(lastSaleShipMonth));
    base.put("commissioning_failures", commissioningFailures);
    base.put("sales_revenue", cents(salesRevenue));
    ObjectNode life = root.putObject("failures");
    failures.forEach(
        (key, c) -> {
          ObjectNode node = life.putObject(key);
          node.put("failures", c[0]);
          node.put("first_failures", c[1]);
          node.put("in_warranty", c[2]);
          long installed = unitsInstalled.getOrDefault(key.substring(0, key.indexOf('/')), 0L);
          node.put("first_lives_censored", installed - c[1]);
        });
    ObjectNode service = root.putObject("service");
    service.set("requests_by_category", JSON.valueToTree(requestsByCategory));
    service.set("requests_by_channel", JSON.valueToTree(requestsByChannel));
    service.put("emergencies", emergencies);
    service.put("visits_arrived", visitsArrived);
    service.put("sla_breaches", slaBreaches);
    service.put("sla_breach_share", visitsArrived == 0 ? 0 : (double) slaBreaches / visitsArrived);
    service.put("visits_completed", visitsCompleted);
    service.put("fix_promise_breaches", fixBreaches);
    service.put("repair_requests_closed", repairRequestsClosed);
    service.put("fixed_first_visit", fixedFirstVisit);
    service.put("no_fault_found", noFaultFound);
    service.set("sign_offs_by_service_type", JSON.valueToTree(signOffsByServiceType));
    ObjectNode cost = root.putObject("cost");
    double total = costByCategory.values().stream().mapToDouble(Double::doubleValue).sum();
    ObjectNode byCategory = cost.putObject("by_category");
    ObjectNode shares = cost.putObject("shares");
    costByCategory.forEach(
        (category, amount) -> {
          byCategory.put(category, cents(amount));
          shares.put(category, total == 0 ? 0 : amount / total);
        });
    cost.put("total", cents(total));
    ObjectNode byType = cost.putObject("direct_by_service_type");
    directCostByServiceType.forEach((type, amount) -> byType.put(type, cents(amount)));
    ObjectNode complaints = root.putObject("complaints");
    complaints.set("by_cause", JSON.valueToTree(complaintsByCause));
    complaints.set("by_department", JSON.valueToTree(complaintsByDepartment));
    complaints.put("escalated", complaintsEscalated);
    ObjectNode surveys = root.putObject("surveys");
    surveys.set("by_version", JSON.valueToTree(surveysByVersion));
    long surveyCount = surveysByVersion.values().stream().mapToLong(Long::longValue).sum();
    surveys.put("mean_csat", surveyCount == 0 ? 0 : (double) csatSum / surveyCount);
    ObjectNode contracts = root.putObject("contracts");
    contracts.put("sold", contractsSold);
    contracts.put("renewals", contractRenewals);
    contracts.put("expired", contractsExpired);
    contracts.put("fees", cents(contractFees));
    ObjectNode claims = root.putObject("supplier_recovery");
    claims.put("claims_filed", claimsFiled);
    claims.put("claimed_amount", cents(claimedAmount));
    claims.put("claims_settled", claimsSettled);
    claims.put("recovered_amount", cents(recoveredAmount));
    ObjectNode parts = root.putObject("parts");
    parts.set("quantity_by_usage", JSON.valueToTree(partQuantityByUsage));
    parts.put("defective_consumed", defectivePartsConsumed);
    parts.set("counter_quantity_by_series", JSON.valueToTree(counterQuantityBySeries));
    ObjectNode replacement = root.putObject("replacement");
    replacement.put(
        "rule", "a unit with two in-warranty failures (signed-off repairs) is replaced");
    replacement.put("units_due", unitsDueForReplacement);
    replacement.put(
        "exchange_requests",
        requestsByCategory.getOrDefault(ServiceRequested.Category.RETURN_EXCHANGE, 0L));
    replacement.put("replacement_units_shipped", replacementUnitsShipped);
    replacement.set("last_replacement_ship_month", JSON.valueToTree(lastReplacementShipMonth));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String later(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static double cents(double amount) {
    return Math.round(amount * 100) / 100.0;
  }
}
