package io.servicelake.transforms.sim;

import io.servicelake.schemas.events.CostPosted;
import io.servicelake.schemas.events.ProductInstalled;
import io.servicelake.schemas.events.ProductShipped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Shared state of one run: configuration, network, id counters, the merge queue and the emitter.
 * Single-threaded by design (determinism); never shared between runs.
 */
final class World {

  static final long HOUR = 3_600;
  static final long DAY = 86_400;

  final SimulatorConfig config;
  final Network network;
  final long end;
  final long start;
  final SplittableRandom random;
  final PriorityQueue<Source> queue;
  Emitter emitter;

  private long sourceIds;
  private long requests;
  private long workOrders;
  private long complaints;
  private long claims;
  private long surveys;
  private long contracts;
  private long postings;
  private long consumptions;
  private long returns;
  private long replacements;

  /** Direct cost per station and month since {@link #start}, for the overhead postings. */
  final double[][] directCost;

  World(SimulatorConfig config, Network network, SplittableRandom random) {
    this.config = config;
    this.network = network;
    this.random = random;
    this.start = config.shipStart().getEpochSecond();
    this.end = config.end().getEpochSecond();
    this.queue =
        new PriorityQueue<>(
            (a, b) -> {
              if (a.key != b.key) {
                return Long.compare(a.key, b.key);
              }
              if (a.rank != b.rank) {
                return Integer.compare(a.rank, b.rank);
              }
              return Long.compare(a.id, b.id);
            });
    this.directCost = new double[network.stations().size()][monthIndex(end) + 1];
  }

  private final java.util.Map<String, List<ProductShipped.Component>> shippedComponents =
      new java.util.HashMap<>();
  private final java.util.Map<String, List<ProductInstalled.Component>> installedComponents =
      new java.util.HashMap<>();

  /** The components of a model as carried by {@code product.shipped}, built once per model. */
  List<ProductShipped.Component> shippedComponents(SimulatorConfig.ProductModel model) {
    return shippedComponents.computeIfAbsent(
        model.name(),
        name ->
            model.components().stream()
                .map(
                    c ->
                        ProductShipped.Component.builder()
                            .component(c.name())
                            .componentGroup(c.group())
                            .warrantyMonths(c.warrantyMonths())
                            .supplier(c.supplier())
                            .build())
                .toList());
  }

  /** The components of a model as carried by {@code product.installed}, built once per model. */
  List<ProductInstalled.Component> installedComponents(SimulatorConfig.ProductModel model) {
    return installedComponents.computeIfAbsent(
        model.name(),
        name ->
            model.components().stream()
                .map(
                    c ->
                        ProductInstalled.Component.builder()
                            .component(c.name())
                            .componentGroup(c.group())
                            .warrantyMonths(c.warrantyMonths())
                            .supplier(c.supplier())
                            .build())
                .toList());
  }

  private static final String[] CITIES = {"哈尔滨市", "广州市", "上海市", "成都市", "武汉市", "西安市", "南京市"};

  /** A city for customer addresses in a region (PII test data, deliberately non-ASCII). */
  String city(String region) {
    return CITIES[Math.floorMod(region.hashCode(), CITIES.length)];
  }

  /**
   * A cost posting without work order; callers add work order and service type for direct costs,
   * then build it.
   */
  CostPosted.Builder costPosting(long at, String category, double amount, Network.Station station) {
    return CostPosted.builder()
        .eventId(EventDraft.PENDING_ID)
        .occurredAt(instant(at))
        .source("finance")
        .postingId(postingId())
        .category(category)
        .amount(amount)
        .currency(config.costs().currency())
        .period(period(at))
        .stationId(station.id())
        .region(station.region());
  }

  /** Emitter hook: accumulates direct costs per station and month for the overhead postings. */
  void observe(EventDraft event) {
    if (event.stationIndex >= 0) {
      int month = monthIndex(event.time);
      if (month >= 0 && month < directCost[event.stationIndex].length) {
        directCost[event.stationIndex][month] +=
            Math.round(((CostPosted) event.record).amount() * 100) / 100.0;
      }
    }
  }

  long nextSourceId() {
    return sourceIds++;
  }

  /** Schedules a source if it has anything to do before the end. */
  void schedule(Source source) {
    long next = source.peekTime();
    if (next < end) {
      source.key = next;
      queue.add(source);
    }
  }

  String requestId() {
    return id("SR-", ++requests);
  }

  String workOrderId() {
    return id("WO-", ++workOrders);
  }

  String complaintId() {
    return id("CP-", ++complaints);
  }

  String claimId() {
    return id("SC-", ++claims);
  }

  String surveyId() {
    return id("SV-", ++surveys);
  }

  String contractId() {
    return id("MC-", ++contracts);
  }

  String postingId() {
    return id("CO-", ++postings);
  }

  String consumptionId() {
    return id("PC-", ++consumptions);
  }

  String returnId() {
    return id("PR-", ++returns);
  }

  /** Serial of the next replacement unit: {@code SN-R000001}, apart from first-sale serials. */
  String replacementSerial() {
    String digits = Long.toString(++replacements);
    return "SN-R" + "0".repeat(Math.max(0, 6 - digits.length())) + digits;
  }

  private static String id(String prefix, long n) {
    String digits = Long.toString(n);
    return prefix + "0".repeat(Math.max(0, 8 - digits.length())) + digits;
  }

  static LocalDate date(long epochSecond) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
  }

  /** {@code YYYY-MM} of an instant. */
  static String period(long epochSecond) {
    return date(epochSecond).toString().substring(0, 7);
  }

  static long plusMonths(long epochSecond, int months) {
    return date(epochSecond).plusMonths(months).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
        + Math.floorMod(epochSecond, DAY);
  }

  /** Months from the first ship month to the month of {@code epochSecond}. */
  int monthIndex(long epochSecond) {
    LocalDate first = date(start);
    LocalDate at = date(epochSecond);
    return (at.getYear() - first.getYear()) * 12 + at.getMonthValue() - first.getMonthValue();
  }

  long monthStart(int index) {
    return date(start)
        .withDayOfMonth(1)
        .plusMonths(index)
        .atStartOfDay(ZoneOffset.UTC)
        .toEpochSecond();
  }

  static Instant instant(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond);
  }

  /** Exponential waiting time in seconds for a Poisson rate per year. */
  static long waitYears(SplittableRandom random, double ratePerYear) {
    if (ratePerYear <= 0) {
      return Long.MAX_VALUE / 4;
    }
    return (long) (-StrictMath.log(1 - random.nextDouble()) / ratePerYear * 365.25 * DAY);
  }

  static double lognormal(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian(random));
  }

  /** Box-Muller with StrictMath, so draws are identical on every JVM. */
  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }

  static int poisson(SplittableRandom random, double mean) {
    double limit = StrictMath.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }
}
