package io.servicelake.transforms.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every parameter of a simulated after-sales history. Same config: byte-identical records. All of
 * it is written to the ground truth, so a test can compare what the marts recover with what was put
 * in.
 *
 * @param seed random seed
 * @param units installed-base size: units shipped over {@code shipMonths} monthly cohorts
 * @param shipStart first instant of the first ship-month cohort
 * @param shipMonths number of monthly ship cohorts
 * @param end end of observation: nothing at or after it is emitted; units still running are
 *     censored here. Must lie after the ship period.
 * @param badEventShare share of extra deliberately bad records per good event, in [0, 1]
 * @param models product models with their component life laws; sampling weight {@link
 *     ProductModel#mix()}
 * @param regions sales / service regions; each gets {@code stationsPerRegion} stations
 * @param surveyV2From surveys at or after this instant are emitted as survey.completed v2
 */
public record SimulatorConfig(
    long seed,
    int units,
    Instant shipStart,
    int shipMonths,
    Instant end,
    double badEventShare,
    List<ProductModel> models,
    List<String> regions,
    int stationsPerRegion,
    int techniciansPerStation,
    Rates rates,
    Sla sla,
    Costs costs,
    Instant surveyV2From) {

  /** Default first ship cohort: November 2023. */
  public static final Instant DEFAULT_START = Instant.parse("2023-11-01T00:00:00Z");

  /** Default end of observation; before 2026-11-01 so a validator clock after it accepts all. */
  public static final Instant DEFAULT_END = Instant.parse("2026-10-01T00:00:00Z");

  public SimulatorConfig {
    if (units < 0) {
      throw new IllegalArgumentException("units must be >= 0, got " + units);
    }
    if (!(badEventShare >= 0 && badEventShare <= 1)) {
      throw new IllegalArgumentException("badEventShare must be in [0, 1], got " + badEventShare);
    }
    if (shipMonths < 1) {
      throw new IllegalArgumentException("shipMonths must be >= 1, got " + shipMonths);
    }
    if (!end.isAfter(shipStart.atZone(ZoneOffset.UTC).plusMonths(shipMonths).toInstant())) {
      throw new IllegalArgumentException("end " + end + " must lie after the last ship month");
    }
    if (models.isEmpty()
        || regions.isEmpty()
        || stationsPerRegion < 1
        || techniciansPerStation < 1) {
      throw new IllegalArgumentException("need at least one model, region, station and technician");
    }
    models = List.copyOf(models);
    regions = List.copyOf(regions);
  }

  /**
   * A product model.
   *
   * @param name model code, e.g. AC-200
   * @param productLine household, air_conditioning or rail_industrial
   * @param salePrice unit sale price
   * @param mix relative share of shipped units
   * @param contractFee yearly maintenance contract fee
   * @param components components with their own warranty and life law
   */
  public record ProductModel(
      String name,
      String productLine,
      double salePrice,
      double mix,
      double contractFee,
      List<ComponentSpec> components) {
    public ProductModel {
      components = List.copyOf(components);
    }
  }

  /**
   * A component of a model: its warranty and its KNOWN life law.
   *
   * @param group electrical, mechanical or structural (warranty group)
   * @param warrantyMonths warranty of this component from the install date
   * @param life Weibull life law, in days from install (renewed from the fix after a replacement)
   * @param supplier supplier of a purchased part, or {@code in_house}
   * @param partCost unit cost of the spare part
   * @param failureModes failure modes, drawn uniformly
   */
  public record ComponentSpec(
      String name,
      String group,
      int warrantyMonths,
      Weibull life,
      String supplier,
      double partCost,
      List<String> failureModes) {
    public ComponentSpec {
      failureModes = List.copyOf(failureModes);
    }

    public boolean purchased() {
      return !"in_house".equals(supplier);
    }
  }

  /**
   * Behavioural rates.
   *
   * @param consultationsPerUnitYear Poisson rate of consultation requests per installed unit
   * @param noFaultPerUnitYear Poisson rate of repair requests where no fault is found
   * @param commissioningFailShare share of installations failing commissioning (redone next days)
   * @param contractTakeUp share of units whose owner buys a contract when the first warranty ends
   * @param contractRenewal share of contracts renewed at expiry
   * @param surveyResponse share of closed requests with a survey answer
   * @param supplierClaimShare share of failed purchased parts claimed back from the supplier
   * @param supplierSettleShare share of claims the supplier answers (others stay outstanding)
   * @param doaShare share of new parts dead on arrival
   * @param carryInShare share of repairs done carry-in rather than on site
   * @param complaintBase base share of repairs followed by a complaint; breaches and repeat visits
   *     add {@code complaintIfBreach} and {@code complaintIfRepeat}
   * @param escalationShare share of complaints escalated to an individual case
   */
  public record Rates(
      double consultationsPerUnitYear,
      double noFaultPerUnitYear,
      double commissioningFailShare,
      double contractTakeUp,
      double contractRenewal,
      double surveyResponse,
      double supplierClaimShare,
      double supplierSettleShare,
      double doaShare,
      double carryInShare,
      double complaintBase,
      double complaintIfBreach,
      double complaintIfRepeat,
      double escalationShare) {}

  /**
   * Service-level promises and how often they are broken.
   *
   * @param nearHours promised arrival for near customers (request to arrival)
   * @param farHours promised arrival elsewhere
   * @param contractHours promised arrival under a maintenance contract
   * @param fixHours promised fix after the promised arrival
   * @param nearShare share of customers in the near zone
   * @param breachShare probability that a visit arrives after its promised time
   */
  public record Sla(
      double nearHours,
      double farHours,
      double contractHours,
      double fixHours,
      double nearShare,
      double breachShare) {}

  /**
   * Cost model. Direct costs (labour, material, transport) follow from the work; overheads are
   * posted monthly per station as fixed shares of the station's total cost.
   *
   * @param labourPerMinute labour cost per minute on site
   * @param transportPerKm transport cost per km travelled
   * @param calloutFee fixed transport cost per visit (vehicle, tolls)
   * @param facilitiesShare target share of facilities in total cost
   * @param managementShare target share of management in total cost
   * @param marketingShare target share of marketing in total cost
   * @param partMarkup price / cost of parts sold to customers
   */
  public record Costs(
      String currency,
      double labourPerMinute,
      double transportPerKm,
      double calloutFee,
      double facilitiesShare,
      double managementShare,
      double marketingShare,
      double partMarkup) {

    /** Share of total cost that is direct: 1 - overhead shares. */
    public double directShare() {
      return 1 - facilitiesShare - managementShare - marketingShare;
    }
  }

  /** Quickstart: {@code units} units, seed 42, 1 % bad records, default period. */
  public static SimulatorConfig demo(int units) {
    return defaults(42L, units, 0.01);
  }

  /** The default installed base and behaviour with a given seed, size and bad-record share. */
  public static SimulatorConfig defaults(long seed, int units, double badEventShare) {
    return new SimulatorConfig(
        seed,
        units,
        DEFAULT_START,
        24,
        DEFAULT_END,
        badEventShare,
        DefaultCatalogue.MODELS,
        List.of("north", "south", "east", "west", "central"),
        2,
        6,
        new Rates(0.15, 0.04, 0.03, 0.3, 0.55, 0.35, 0.7, 0.85, 0.015, 0.1, 0.01, 0.15, 0.10, 0.1),
        new Sla(24, 48, 8, 24, 0.7, 0.08),
        new Costs("CNY", 5.0, 2.0, 40, 0.09, 0.04, 0.03, 1.4),
        Instant.parse("2025-07-01T00:00:00Z"));
  }

  public SimulatorConfig withSeed(long newSeed) {
    return new SimulatorConfig(
        newSeed,
        units,
        shipStart,
        shipMonths,
        end,
        badEventShare,
        models,
        regions,
        stationsPerRegion,
        techniciansPerStation,
        rates,
        sla,
        costs,
        surveyV2From);
  }

  public SimulatorConfig withUnits(int newUnits) {
    return new SimulatorConfig(
        seed,
        newUnits,
        shipStart,
        shipMonths,
        end,
        badEventShare,
        models,
        regions,
        stationsPerRegion,
        techniciansPerStation,
        rates,
        sla,
        costs,
        surveyV2From);
  }

  public SimulatorConfig withBadEventShare(double share) {
    return new SimulatorConfig(
        seed,
        units,
        shipStart,
        shipMonths,
        end,
        share,
        models,
        regions,
        stationsPerRegion,
        techniciansPerStation,
        rates,
        sla,
        costs,
        surveyV2From);
  }

  public SimulatorConfig withSla(Sla newSla) {
    return new SimulatorConfig(
        seed,
        units,
        shipStart,
        shipMonths,
        end,
        badEventShare,
        models,
        regions,
        stationsPerRegion,
        techniciansPerStation,
        rates,
        newSla,
        costs,
        surveyV2From);
  }

  /** The same history on another service network: regions, stations per region, technicians. */
  public SimulatorConfig withNetwork(
      List<String> newRegions, int newStationsPerRegion, int newTechniciansPerStation) {
    return new SimulatorConfig(
        seed,
        units,
        shipStart,
        shipMonths,
        end,
        badEventShare,
        models,
        newRegions,
        newStationsPerRegion,
        newTechniciansPerStation,
        rates,
        sla,
        costs,
        surveyV2From);
  }
}
