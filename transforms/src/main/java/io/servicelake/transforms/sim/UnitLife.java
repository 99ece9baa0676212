package io.servicelake.transforms.sim;

import static io.servicelake.transforms.sim.World.DAY;
import static io.servicelake.transforms.sim.World.HOUR;

import io.servicelake.schemas.events.ComplaintFiled;
import io.servicelake.schemas.events.ComplaintResolved;
import io.servicelake.schemas.events.ContractExpired;
import io.servicelake.schemas.events.ContractSold;
import io.servicelake.schemas.events.PartConsumed;
import io.servicelake.schemas.events.PartReturned;
import io.servicelake.schemas.events.ProductInstalled;
import io.servicelake.schemas.events.ProductShipped;
import io.servicelake.schemas.events.ServiceEvent;
import io.servicelake.schemas.events.ServiceRequested;
import io.servicelake.schemas.events.SupplierClaimFiled;
import io.servicelake.schemas.events.SupplierClaimSettled;
import io.servicelake.schemas.events.SurveyCompleted;
import io.servicelake.schemas.events.WorkorderArrived;
import io.servicelake.schemas.events.WorkorderCompleted;
import io.servicelake.schemas.events.WorkorderDispatched;
import io.servicelake.schemas.events.WorkorderSignedOff;
import io.servicelake.transforms.sim.Network.Station;
import io.servicelake.transforms.sim.Network.Technician;
import io.servicelake.transforms.sim.SimulatorConfig.ComponentSpec;
import io.servicelake.transforms.sim.SimulatorConfig.ProductModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The after-sales life of one unit, generated lazily one episode at a time (shipping and
 * installation, a component failure and its repair, a no-fault-found call, a consultation, a
 * contract sale or expiry, a maintenance visit). Only the unit's own pending events are held, so
 * memory is bounded by the installed base, not by the number of events.
 *
 * <p>Each unit draws from its own random stream, so its history does not depend on how the merge
 * interleaves it with other units.
 */
final class UnitLife extends Source {

  private static final long NEVER = Long.MAX_VALUE / 4;
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
  private static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "磊", "强", "军", "燕", "涛", "洋", "勇"
  };
  private static final String[] STREETS = {"解放路", "人民路", "中山路", "建设路", "和平街", "长江路"};
  private static final String[] ROOT_CAUSES = {
    "wear", "material_defect", "assembly_defect", "design", "installation", "misuse", "environment"
  };
  private static final String[] CHANNELS = {"phone", "web", "visit", "letter"};
  private static final double[] CHANNEL_WEIGHTS = {0.6, 0.25, 0.1, 0.05};

  private final SplittableRandom random;
  private final String serial;
  private final ProductModel model;
  private final Station station;
  private final List<Technician> crew;
  private final boolean near;
  private final long shipAt;
  private final int customer;
  private final String customerId;

  /** Set for a replacement unit: the serial it replaces and the return/exchange request. */
  private final String replacesSerial;

  private final String exchangeRequestId;

  /**
   * In-warranty failures by the marts' rule (failure date before install date + warranty months),
   * in failure order: the second one makes the unit due for replacement.
   */
  private int inWarrantyFailures;

  /**
   * The same count as the emitted sign-offs see it, shared with their drafts: the ground truth
   * counts a unit due when it observes the second one, exactly as {@code fct_unit_replacement} does
   * from the closed work orders in the data.
   */
  private final int[] signedOffInWarrantyFailures = new int[1];

  /** Exchanged for a new unit: no further episodes (pending events still go out). */
  private boolean retired;

  private boolean shipped;
  private long installAt;
  private final long[] failAt;
  private final long[] warrantyEnd;
  private final boolean[] failedBefore;
  private long firstWarrantyEnd;
  private long nextConsultation = NEVER;
  private long nextNoFault = NEVER;
  private long contractEventAt = NEVER;
  private boolean contractActive;
  private boolean renewal;
  private String contractId;
  private long contractEnd;
  private int contractVisits;
  private long nextMaintenance = NEVER;

  private ArrayList<EventDraft> pending;
  private long sequence;

  UnitLife(
      long id,
      int index,
      long shipAt,
      ProductModel model,
      Station station,
      List<Technician> crew,
      boolean near,
      SplittableRandom random) {
    this(
        id,
        "SN-" + "0".repeat(Math.max(0, 7 - Integer.toString(index + 1).length())) + (index + 1),
        shipAt,
        model,
        station,
        crew,
        near,
        random,
        random.nextInt(1 << 30),
        null,
        null,
        null);
  }

  /** A unit; a replacement passes the customer it goes to and what it replaces. */
  private UnitLife(
      long id,
      String serial,
      long shipAt,
      ProductModel model,
      Station station,
      List<Technician> crew,
      boolean near,
      SplittableRandom random,
      int customer,
      String customerId,
      String replacesSerial,
      String exchangeRequestId) {
    super(0, id);
    this.serial = serial;
    this.shipAt = shipAt;
    this.model = model;
    this.station = station;
    this.crew = crew;
    this.near = near;
    this.random = random;
    this.customer = customer;
    this.customerId = customerId != null ? customerId : "C-" + serial.substring(3);
    this.replacesSerial = replacesSerial;
    this.exchangeRequestId = exchangeRequestId;
    int components = model.components().size();
    this.failAt = new long[components];
    this.warrantyEnd = new long[components];
    this.failedBefore = new boolean[components];
  }

  @Override
  long peekTime() {
    long episode = nextEpisode();
    return pending == null || pending.isEmpty() ? episode : Math.min(pending.get(0).time, episode);
  }

  @Override
  void step(World world) {
    long episode = nextEpisode();
    if (pending != null && !pending.isEmpty() && pending.get(0).time <= episode) {
      world.emitter.accept(pending.remove(0));
      return;
    }
    if (!shipped) {
      ship(world);
      return;
    }
    for (int i = 0; i < failAt.length; i++) {
      if (failAt[i] == episode) {
        failure(world, i, episode);
        return;
      }
    }
    if (nextConsultation == episode) {
      consultation(world, episode);
    } else if (nextNoFault == episode) {
      noFaultFound(world, episode);
    } else if (contractEventAt == episode) {
      contractEvent(world, episode);
    } else {
      maintenance(world, episode);
    }
  }

  private long nextEpisode() {
    if (!shipped) {
      return shipAt;
    }
    long next =
        Math.min(
            Math.min(nextConsultation, nextNoFault), Math.min(contractEventAt, nextMaintenance));
    for (long t : failAt) {
      next = Math.min(next, t);
    }
    return next;
  }

  // ---------------------------------------------------------------- episodes

  private void ship(World world) {
    shipped = true;
    SimulatorConfig config = world.config;
    add(
        world,
        ProductShipped.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(shipAt))
            .source("erp")
            // v2 only where its new fields are needed: first sales stay v1 events
            .schemaVersion(replacesSerial == null ? 1 : 2)
            .serial(serial)
            .model(model.name())
            .productLine(model.productLine())
            .buildDate(World.date(shipAt - random.nextLong(3 * DAY, 20 * DAY)))
            .shipMonth(World.period(shipAt))
            .region(station.region())
            .dealerId(
                "DL-"
                    + station.region().toUpperCase(java.util.Locale.ROOT)
                    + "-"
                    + (1 + random.nextInt(8)))
            .salePrice(salePrice())
            .currency(config.costs().currency())
            .components(world.shippedComponents(model))
            .replacesSerial(replacesSerial)
            .exchangeRequestId(exchangeRequestId)
            .build());
    long install = shipAt + random.nextLong(2 * DAY, 30 * DAY);
    if (random.nextDouble() < config.rates().commissioningFailShare()) {
      add(world, installed(world, install, ProductInstalled.CommissioningResult.FAIL));
      install += random.nextLong(DAY, 3 * DAY);
    }
    installAt = install;
    add(world, installed(world, install, ProductInstalled.CommissioningResult.PASS));
    firstWarrantyEnd = NEVER;
    for (int i = 0; i < failAt.length; i++) {
      ComponentSpec component = model.components().get(i);
      failAt[i] = lifeEnd(install, component);
      warrantyEnd[i] = World.plusMonths(install, component.warrantyMonths());
      firstWarrantyEnd = Math.min(firstWarrantyEnd, warrantyEnd[i]);
    }
    nextConsultation = install + World.waitYears(random, config.rates().consultationsPerUnitYear());
    nextNoFault = install + World.waitYears(random, config.rates().noFaultPerUnitYear());
    if (random.nextDouble() < config.rates().contractTakeUp()) {
      // outreach to customers whose (first) warranty expired: some buy a maintenance contract
      contractEventAt = firstWarrantyEnd + random.nextLong(0, 60 * DAY);
    }
    if (random.nextDouble() < 0.015) {
      complaint(world, install + random.nextLong(HOUR, 10 * DAY), ComplaintCause.PACKAGING, null);
    }
    if (random.nextDouble() < 0.006) {
      complaint(world, install + random.nextLong(HOUR, 10 * DAY), ComplaintCause.DEALER, null);
    }
  }

  private ProductInstalled installed(World world, long at, String result) {
    return ProductInstalled.builder()
        .eventId(EventDraft.PENDING_ID)
        .occurredAt(World.instant(at))
        .source("installer-app")
        .serial(serial)
        .model(model.name())
        .region(station.region())
        .stationId(station.id())
        .technicianId(crew.get(random.nextInt(crew.size())).id())
        .installDate(World.date(at))
        .commissioningResult(result)
        .distanceClass(distanceClass())
        .salePrice(salePrice())
        .currency(world.config.costs().currency())
        .components(world.installedComponents(model))
        .customerId(customerId)
        .customerName(customerName())
        .customerPhone(customerPhone())
        .customerAddress(customerAddress(world))
        .build();
  }

  /** A component failure at {@code t}: request, visits until fixed, parts, claims, sign-off. */
  private void failure(World world, int index, long t) {
    SimulatorConfig config = world.config;
    ComponentSpec component = model.components().get(index);
    boolean first = !failedBefore[index];
    failedBefore[index] = true;
    boolean inWarranty = t < warrantyEnd[index];
    String serviceType = serviceType(inWarranty, t);
    String mode = component.failureModes().get(random.nextInt(component.failureModes().size()));
    double p = random.nextDouble();
    String priority = p < 0.01 ? "emergency" : p < 0.15 ? "urgent" : "normal";
    String requestId = world.requestId();
    EventDraft request = request(world, t, requestId, "repair", priority, mode.replace('_', ' '));
    request.truthTag =
        "failure|" + model.name() + "/" + component.name() + "|" + first + "|" + inWarranty;
    add(world, request);

    Job job = new Job(requestId, "repair", serviceType, priority, component, mode, false);
    job.inWarrantyByDate =
        World.date(t).isBefore(World.date(installAt).plusMonths(component.warrantyMonths()));
    job.rootCause =
        component.life().beta() < 1 && random.nextDouble() < 0.7
            ? "material_defect"
            : random.nextDouble() < 0.7 ? "wear" : ROOT_CAUSES[random.nextInt(ROOT_CAUSES.length)];
    Visit fix = visits(world, job, t);

    // parts: a dead-on-arrival part is returned and replaced; the failed part always comes back
    double material = component.partCost();
    if (random.nextDouble() < config.rates().doaShare()) {
      consume(world, fix, component, true, serviceType);
      long back = fix.completed + random.nextLong(DAY, 10 * DAY);
      giveBack(world, back, fix, component, "dead_on_arrival");
      maybeClaim(world, back, fix, component, component.partCost());
      material += component.partCost();
    }
    consume(world, fix, component, false, serviceType);
    long back = fix.completed + random.nextLong(DAY, 10 * DAY);
    giveBack(world, back, fix, component, "replaced_failed");
    if (inWarranty) {
      maybeClaim(world, back, fix, component, component.partCost() + fix.labourCost);
    }
    cost(world, fix.completed, "material", material, fix.workOrderId, serviceType);
    job.partsPrice = component.partCost() * config.costs().partMarkup();
    close(world, job, fix);
    if (random.nextDouble() < 0.002) {
      complaint(world, fix.signedOff + random.nextLong(HOUR, 3 * DAY), ComplaintCause.MAJOR, fix);
    }
    failAt[index] = lifeEnd(fix.completed, component); // renewal: the new part starts a new life
    if (job.inWarrantyByDate && ++inWarrantyFailures == 2) {
      replace(world, fix);
    }
  }

  /**
   * The seeds' exchange rule (三包: a unit that fails twice within warranty is replaced): after the
   * second in-warranty repair is signed off the customer's return/exchange request is registered, a
   * new unit (new serial, same model and customer, fresh warranty) ships free of charge as a {@code
   * product.shipped} v2 naming the serial it replaces, and this unit leaves the installed base.
   */
  private void replace(World world, Visit fix) {
    long requestedAt = fix.signedOff + random.nextLong(HOUR, 3 * DAY);
    String requestId = world.requestId();
    add(
        world,
        request(
            world,
            requestedAt,
            requestId,
            ServiceRequested.Category.RETURN_EXCHANGE,
            ServiceRequested.Priority.NORMAL,
            "exchange: failed twice within warranty"));
    long replacementShipAt = requestedAt + random.nextLong(DAY, 7 * DAY);
    world.schedule(
        new UnitLife(
            world.nextSourceId(),
            world.replacementSerial(),
            replacementShipAt,
            model,
            station,
            crew,
            near,
            random.split(),
            customer,
            customerId,
            serial,
            requestId));
    retired = true;
    java.util.Arrays.fill(failAt, NEVER);
    nextConsultation = NEVER;
    nextNoFault = NEVER;
    nextMaintenance = NEVER;
    if (!contractActive) {
      contractEventAt = NEVER; // no contract outreach for a unit that is gone
    }
  }

  /** An exchange is free: a replacement unit carries no sale price. */
  private double salePrice() {
    return replacesSerial == null ? model.salePrice() : 0;
  }

  private void noFaultFound(World world, long t) {
    ComponentSpec suspected = model.components().get(random.nextInt(model.components().size()));
    String mode = suspected.failureModes().get(random.nextInt(suspected.failureModes().size()));
    String requestId = world.requestId();
    add(world, request(world, t, requestId, "repair", "normal", mode.replace('_', ' ')));
    Job job =
        new Job(
            requestId, "repair", serviceType(t < firstWarrantyEnd, t), "normal", null, null, true);
    job.rootCause = "none";
    close(world, job, visits(world, job, t));
    nextNoFault = t + World.waitYears(random, world.config.rates().noFaultPerUnitYear());
  }

  private void consultation(World world, long t) {
    add(
        world,
        request(world, t, world.requestId(), "consultation", "normal", "question about use"));
    nextConsultation = t + World.waitYears(random, world.config.rates().consultationsPerUnitYear());
  }

  private void maintenance(World world, long t) {
    String requestId = world.requestId();
    add(world, request(world, t, requestId, "maintenance", "normal", "periodic inspection"));
    Job job = new Job(requestId, "maintenance", "contract", "normal", null, null, false);
    job.rootCause = "none";
    close(world, job, visits(world, job, t));
    contractVisits++;
    long next = t + 180 * DAY;
    nextMaintenance = contractVisits < 2 && next < contractEnd ? next : NEVER;
  }

  /** Sale at the first event, expiry (and possibly renewal) at the end of the term. */
  private void contractEvent(World world, long t) {
    if (contractActive) {
      // a running contract ends with the exchanged unit (the draw is kept: same stream either way)
      boolean renewed = random.nextDouble() < world.config.rates().contractRenewal() && !retired;
      add(
          world,
          ContractExpired.builder()
              .eventId(EventDraft.PENDING_ID)
              .occurredAt(World.instant(t))
              .source("crm")
              .contractId(contractId)
              .serial(serial)
              .model(model.name())
              .region(station.region())
              .stationId(station.id())
              .endDate(World.date(t - 1))
              .visitsDone(contractVisits)
              .renewed(renewed)
              .build());
      contractActive = false;
      nextMaintenance = NEVER;
      contractEventAt = NEVER;
      if (!renewed) {
        return;
      }
      renewal = true;
    }
    contractActive = true;
    contractId = world.contractId();
    contractEnd = t + 365 * DAY;
    contractVisits = 0;
    nextMaintenance = t + 90 * DAY;
    contractEventAt = contractEnd;
    add(
        world,
        ContractSold.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(t))
            .source("crm")
            .contractId(contractId)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .stationId(station.id())
            .startDate(World.date(t))
            .endDate(World.date(contractEnd - 1))
            .fee(model.contractFee())
            .currency(world.config.costs().currency())
            .visitsPerYear(2)
            .renewal(renewal)
            .customerName(customerName())
            .build());
  }

  // ---------------------------------------------------------------- work orders

  /** What a request needs done; mutable only while its visits are generated. */
  private static final class Job {
    final String requestId;
    final String kind;
    final String serviceType;
    final String priority;
    final ComponentSpec component;
    final String failureMode;
    final boolean noFault;
    String rootCause;
    boolean inWarrantyByDate;
    int visits;
    int labourMinutes;
    double travelKm;
    double labourAndTransportCost;
    double partsPrice;
    boolean breached;

    Job(
        String requestId,
        String kind,
        String serviceType,
        String priority,
        ComponentSpec component,
        String failureMode,
        boolean noFault) {
      this.requestId = requestId;
      this.kind = kind;
      this.serviceType = serviceType;
      this.priority = priority;
      this.component = component;
      this.failureMode = failureMode;
      this.noFault = noFault;
    }
  }

  /** One visit's outcome. */
  private record Visit(
      String workOrderId,
      Technician technician,
      long completed,
      double labourCost,
      long signedOff) {}

  /**
   * Visits until fixed (a repair the technician cannot fix on the spot gets a revisit, at most 3).
   */
  private Visit visits(World world, Job job, long requestedAt) {
    long registered = requestedAt;
    while (true) {
      job.visits++;
      Visit visit = visit(world, job, registered);
      if (visit != null) {
        return visit;
      }
      registered = lastCompleted + random.nextLong(2 * HOUR, 36 * HOUR);
    }
  }

  private long lastCompleted;

  /**
   * Dispatch, arrival and completion of one work order, with its direct costs. Returns null when
   * the visit did not fix the fault.
   */
  private Visit visit(World world, Job job, long registered) {
    SimulatorConfig.Sla sla = world.config.sla();
    SimulatorConfig.Costs costs = world.config.costs();
    Technician technician = crew.get(random.nextInt(crew.size()));
    String workOrderId = world.workOrderId();
    boolean contract = contractActive && registered < contractEnd;
    double slaHours = contract ? sla.contractHours() : near ? sla.nearHours() : sla.farHours();
    long promisedArrival = registered + (long) (slaHours * HOUR);
    long promisedFix = promisedArrival + (long) (sla.fixHours() * HOUR);
    long dispatchDelay = (long) (-StrictMath.log(1 - random.nextDouble()) * 1.5 * HOUR);
    long dispatched =
        registered + Math.max(60, Math.min(dispatchDelay, (long) (0.3 * slaHours * HOUR)));
    // the breach is drawn explicitly, so the breach share is a known parameter
    boolean breach = random.nextDouble() < sla.breachShare();
    long arrival =
        breach
            ? promisedArrival + random.nextLong(HOUR / 2, 24 * HOUR)
            : dispatched + (long) ((promisedArrival - dispatched) * random.nextDouble(0.05, 0.95));
    boolean carryIn =
        "repair".equals(job.kind) && random.nextDouble() < world.config.rates().carryInShare();
    double km =
        carryIn
            ? 0
            : Math.round((near ? random.nextDouble(3, 40) : random.nextDouble(40, 160)) * 10)
                / 10.0;
    double effort = "maintenance".equals(job.kind) ? 0.6 : job.noFault ? 0.5 : 1.0;
    int minutes =
        (int)
            Math.max(
                5,
                Math.round(
                    World.lognormal(
                        random, technician.medianMinutes() * effort, technician.sigma())));
    long completed = arrival + minutes * 60L + (carryIn ? random.nextLong(2 * HOUR, 48 * HOUR) : 0);
    boolean repair = "repair".equals(job.kind) && !job.noFault;
    boolean fixed = !repair || job.visits >= 3 || random.nextDouble() < technician.firstTimeFix();

    add(
        world,
        WorkorderDispatched.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(dispatched))
            .source("dispatch")
            .workOrderId(workOrderId)
            .requestId(job.requestId)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .stationId(station.id())
            .technicianId(technician.id())
            .visit(job.visits)
            .jobKind(job.kind)
            .serviceType(job.serviceType)
            .repairMode(
                carryIn
                    ? WorkorderDispatched.RepairMode.CARRY_IN
                    : WorkorderDispatched.RepairMode.ON_SITE)
            .priority(job.priority)
            .distanceClass(distanceClass())
            .slaHours(slaHours)
            .requestedAt(World.instant(registered))
            .promisedArrivalAt(World.instant(promisedArrival))
            .promisedFixAt(World.instant(promisedFix))
            .build());
    add(
        world,
        WorkorderArrived.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(arrival))
            .source("field-app")
            .workOrderId(workOrderId)
            .requestId(job.requestId)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .stationId(station.id())
            .technicianId(technician.id())
            .promisedArrivalAt(World.instant(promisedArrival))
            .travelKm(km)
            .build());
    add(
        world,
        WorkorderCompleted.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(completed))
            .source("field-app")
            .workOrderId(workOrderId)
            .requestId(job.requestId)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .stationId(station.id())
            .technicianId(technician.id())
            .serviceType(job.serviceType)
            .failureMode(job.failureMode)
            .failedComponent(job.component == null ? null : job.component.name())
            .labourMinutes((double) minutes)
            .travelKm(km)
            .fixed(fixed)
            .noFaultFound(job.noFault)
            .rootCause(job.rootCause)
            .promisedFixAt(World.instant(promisedFix))
            .build());
    double labourCost = minutes * costs.labourPerMinute();
    double transportCost = carryIn ? 0 : km * costs.transportPerKm() + costs.calloutFee();
    cost(world, completed, "labour", labourCost, workOrderId, job.serviceType);
    if (transportCost > 0) {
      cost(world, completed, "transport", transportCost, workOrderId, job.serviceType);
    }
    job.labourMinutes += minutes;
    job.travelKm += km;
    job.labourAndTransportCost += labourCost + transportCost;
    job.breached |= breach;
    lastCompleted = completed;
    if (!fixed) {
      return null;
    }
    long signedOff = completed + random.nextLong(HOUR / 10, 12 * HOUR);
    return new Visit(workOrderId, technician, completed, labourCost, signedOff);
  }

  /** Sign-off, survey and maybe a complaint once the request is closed. */
  private void close(World world, Job job, Visit fix) {
    SimulatorConfig config = world.config;
    boolean paid = "paid".equals(job.serviceType);
    double charged = paid ? job.labourAndTransportCost * 1.2 + job.partsPrice : 0;
    int rating =
        clamp(
            (int)
                Math.round(
                    4.6
                        - (job.breached ? 1 : 0)
                        - (job.visits - 1) * 0.8
                        + World.gaussian(random) * 0.5),
            1,
            5);
    EventDraft signOff =
        EventDraft.of(
            WorkorderSignedOff.builder()
                .eventId(EventDraft.PENDING_ID)
                .occurredAt(World.instant(fix.signedOff))
                .source("field-app")
                .workOrderId(fix.workOrderId)
                .requestId(job.requestId)
                .serial(serial)
                .model(model.name())
                .region(station.region())
                .stationId(station.id())
                .technicianId(fix.technician.id())
                .serviceType(job.serviceType)
                .jobKind(job.kind)
                .failureMode(job.failureMode)
                .failedComponent(job.component == null ? null : job.component.name())
                .rootCause(job.rootCause)
                .noFaultFound(job.noFault)
                .labourMinutes((double) job.labourMinutes)
                .travelKm(job.travelKm)
                .visits(job.visits)
                .amountCharged(charged)
                .currency(config.costs().currency())
                .supervisorRating(rating)
                .customerSignature(random.nextDouble() < 0.98)
                .build(),
            serial);
    if (job.inWarrantyByDate) {
      signOff.inWarrantyFailuresOfUnit = signedOffInWarrantyFailures;
    }
    add(world, signOff);
    if (random.nextDouble() < config.rates().surveyResponse()) {
      long at = fix.signedOff + random.nextLong(DAY, 7 * DAY);
      int csat =
          clamp(
              (int)
                  Math.round(
                      4.7
                          - (job.breached ? 1.2 : 0)
                          - (job.visits - 1)
                          + (job.noFault ? -0.5 : 0)
                          + World.gaussian(random) * 0.7),
              1,
              5);
      boolean v2 = at >= config.surveyV2From().getEpochSecond();
      add(
          world,
          SurveyCompleted.builder()
              .eventId(EventDraft.PENDING_ID)
              .occurredAt(World.instant(at))
              .source("survey")
              .schemaVersion(v2 ? 2 : 1)
              .surveyId(world.surveyId())
              .requestId(job.requestId)
              .workOrderId(fix.workOrderId)
              .serial(serial)
              .region(station.region())
              .stationId(station.id())
              .technicianId(fix.technician.id())
              .csat(csat)
              .comments(
                  csat >= 4 ? "满意, thank you" : csat == 3 ? "ok" : "too slow, had to call twice")
              // v2 added the NPS question; v1 events do not carry it
              .wouldRecommend(
                  v2
                      ? (long) clamp((int) Math.round(csat * 2 + World.gaussian(random)), 0, 10)
                      : null)
              .build());
    }
    double p =
        config.rates().complaintBase()
            + (job.breached ? config.rates().complaintIfBreach() : 0)
            + (job.visits > 1 ? config.rates().complaintIfRepeat() : 0);
    if (random.nextDouble() < p) {
      ComplaintCause cause =
          job.breached && (job.visits == 1 || random.nextBoolean())
              ? ComplaintCause.STAFF_CONDUCT
              : job.visits > 1
                  ? ComplaintCause.QUALITY
                  : random.nextBoolean() ? ComplaintCause.QUALITY : ComplaintCause.STAFF_CONDUCT;
      complaint(world, fix.signedOff + random.nextLong(HOUR, 3 * DAY), cause, fix);
    }
  }

  private void complaint(World world, long at, ComplaintCause cause, Visit about) {
    SimulatorConfig.Rates rates = world.config.rates();
    String requestId = world.requestId();
    String complaintId = world.complaintId();
    boolean major = cause == ComplaintCause.MAJOR;
    add(
        world,
        request(
            world,
            at,
            requestId,
            "complaint",
            major ? "emergency" : "normal",
            "complaint: " + cause.id));
    add(
        world,
        ComplaintFiled.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(at + 60))
            .source("call-centre")
            .complaintId(complaintId)
            .requestId(requestId)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .stationId(about == null ? null : station.id())
            .technicianId(
                about != null && cause == ComplaintCause.STAFF_CONDUCT
                    ? about.technician.id()
                    : null)
            .workOrderId(about == null ? null : about.workOrderId)
            .causeCategory(cause.id)
            .routedDepartment(cause.department)
            .severity(major ? ComplaintFiled.Severity.MAJOR : ComplaintFiled.Severity.NORMAL)
            .customerName(customerName())
            .customerPhone(customerPhone())
            .build());
    boolean escalated =
        random.nextDouble() < Math.min(0.9, rates.escalationShare() * (major ? 4 : 1));
    double replyHours =
        escalated
            ? random.nextDouble(4, 48)
            : Math.max(0.1, -StrictMath.log(1 - random.nextDouble()) * 6);
    replyHours = Math.round(replyHours * 10) / 10.0;
    long resolvedAt =
        escalated
            ? at + random.nextLong(7 * DAY, 30 * DAY)
            : at + (long) (replyHours * HOUR) + random.nextLong(HOUR, 5 * DAY);
    add(
        world,
        ComplaintResolved.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(resolvedAt))
            .source("call-centre")
            .complaintId(complaintId)
            .causeCategory(cause.id)
            .routedDepartment(cause.department)
            .replyHours(replyHours)
            .contacts(escalated ? 3 + random.nextInt(4) : 1 + (random.nextDouble() < 0.3 ? 1 : 0))
            .escalated(escalated)
            .resolution(random.nextDouble() < 0.7 ? cause.usualResolution : cause.otherResolution)
            .customerSatisfied(random.nextDouble() < (escalated ? 0.6 : 0.85))
            .build());
  }

  // ---------------------------------------------------------------- parts, claims, costs

  private void consume(
      World world, Visit fix, ComponentSpec component, boolean deadOnArrival, String serviceType) {
    add(
        world,
        PartConsumed.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(fix.completed))
            .source("parts-store")
            .consumptionId(world.consumptionId())
            .partNumber(Network.partNumber(model.name(), component.name()))
            .component(component.name())
            .model(model.name())
            .quantity(1)
            .unitCost(component.partCost())
            .currency(world.config.costs().currency())
            .storeId(station.storeId())
            .region(station.region())
            .supplier(component.supplier())
            .defective(deadOnArrival)
            .usage(PartConsumed.Usage.REPAIR)
            .workOrderId(fix.workOrderId)
            .unitPrice(
                "paid".equals(serviceType)
                    ? component.partCost() * world.config.costs().partMarkup()
                    : null)
            .build());
  }

  private void giveBack(World world, long at, Visit fix, ComponentSpec component, String reason) {
    add(
        world,
        PartReturned.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(at))
            .source("parts-store")
            .returnId(world.returnId())
            .partNumber(Network.partNumber(model.name(), component.name()))
            .component(component.name())
            .model(model.name())
            .quantity(1)
            .unitCost(component.partCost())
            .currency(world.config.costs().currency())
            .storeId(station.storeId())
            .region(station.region())
            .supplier(component.supplier())
            .defective(true)
            .reason(reason)
            .workOrderId(fix.workOrderId)
            .build());
  }

  /** Purchased parts that failed are claimed back from the supplier, most of the time. */
  private void maybeClaim(
      World world, long returnedAt, Visit fix, ComponentSpec component, double amount) {
    SimulatorConfig.Rates rates = world.config.rates();
    if (!component.purchased() || random.nextDouble() >= rates.supplierClaimShare()) {
      return;
    }
    String claimId = world.claimId();
    double claimed = Math.round(amount * 100) / 100.0;
    long filed = returnedAt + random.nextLong(DAY, 14 * DAY);
    add(
        world,
        SupplierClaimFiled.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(filed))
            .source("quality")
            .claimId(claimId)
            .supplier(component.supplier())
            .partNumber(Network.partNumber(model.name(), component.name()))
            .component(component.name())
            .model(model.name())
            .serial(serial)
            .workOrderId(fix.workOrderId)
            .claimedAmount(claimed)
            .currency(world.config.costs().currency())
            .build());
    if (random.nextDouble() < rates.supplierSettleShare()) {
      double u = random.nextDouble();
      String outcome =
          u < 0.6
              ? SupplierClaimSettled.Outcome.ACCEPTED
              : u < 0.85
                  ? SupplierClaimSettled.Outcome.PARTIAL
                  : SupplierClaimSettled.Outcome.REJECTED;
      double recovered =
          switch (outcome) {
            case SupplierClaimSettled.Outcome.ACCEPTED -> claimed;
            case SupplierClaimSettled.Outcome.PARTIAL -> claimed * random.nextDouble(0.4, 0.9);
            default -> 0;
          };
      add(
          world,
          SupplierClaimSettled.builder()
              .eventId(EventDraft.PENDING_ID)
              .occurredAt(World.instant(filed + random.nextLong(20 * DAY, 90 * DAY)))
              .source("quality")
              .claimId(claimId)
              .supplier(component.supplier())
              .claimedAmount(claimed)
              .recoveredAmount(recovered)
              .currency(world.config.costs().currency())
              .outcome(outcome)
              .build());
    }
  }

  private void cost(
      World world,
      long at,
      String category,
      double amount,
      String workOrderId,
      String serviceType) {
    EventDraft posting =
        EventDraft.of(
            world
                .costPosting(at, category, amount, station)
                .workOrderId(workOrderId)
                .serviceType(serviceType)
                .build(),
            serial);
    posting.stationIndex = station.index();
    add(world, posting);
  }

  // ---------------------------------------------------------------- helpers

  private String serviceType(boolean inWarranty, long t) {
    return inWarranty ? "warranty" : contractActive && t < contractEnd ? "contract" : "paid";
  }

  private long lifeEnd(long from, ComponentSpec component) {
    double days = component.life().sample(random);
    return days * DAY >= NEVER - from ? NEVER : from + (long) (days * DAY);
  }

  private EventDraft request(
      World world, long at, String requestId, String category, String priority, String symptom) {
    double u = random.nextDouble();
    int channel = 0;
    while (channel < CHANNELS.length - 1 && u >= CHANNEL_WEIGHTS[channel]) {
      u -= CHANNEL_WEIGHTS[channel];
      channel++;
    }
    return EventDraft.of(
        ServiceRequested.builder()
            .eventId(EventDraft.PENDING_ID)
            .occurredAt(World.instant(at))
            .source("call-centre")
            .requestId(requestId)
            .channel(CHANNELS[channel])
            .category(category)
            .serial(serial)
            .model(model.name())
            .region(station.region())
            .symptom(symptom)
            .priority(priority)
            .customerName(customerName())
            .customerPhone(customerPhone())
            .customerAddress(customerAddress(world))
            .build(),
        serial);
  }

  private String distanceClass() {
    return near ? ProductInstalled.DistanceClass.NEAR : ProductInstalled.DistanceClass.FAR;
  }

  private void add(World world, ServiceEvent event) {
    add(world, EventDraft.of(event, serial));
  }

  /** Queues an event of this unit in time order; events at or after the end are never emitted. */
  private void add(World world, EventDraft event) {
    if (event.time >= world.end) {
      return;
    }
    event.sequence = sequence++;
    if (pending == null) {
      pending = new ArrayList<>(8);
    }
    int at = pending.size();
    while (at > 0 && pending.get(at - 1).time > event.time) {
      at--;
    }
    pending.add(at, event);
  }

  private String customerName() {
    return SURNAMES[customer % SURNAMES.length]
        + GIVEN[(customer >>> 4) % GIVEN.length]
        + ((customer & 1) == 0 ? GIVEN[(customer >>> 9) % GIVEN.length] : "");
  }

  private String customerPhone() {
    String digits = Integer.toString(100_000_000 + (customer % 900_000_000));
    return "+86 13"
        + digits.charAt(0)
        + " "
        + digits.substring(1, 5)
        + " "
        + digits.substring(5, 9);
  }

  private String customerAddress(World world) {
    return world.city(station.region())
        + STREETS[(customer >>> 12) % STREETS.length]
        + (1 + (customer >>> 16) % 300)
        + "号";
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}
