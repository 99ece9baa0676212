package io.servicelake.transforms.sim;

import static io.servicelake.transforms.sim.World.DAY;
import static io.servicelake.transforms.sim.World.HOUR;

import io.servicelake.transforms.sim.EventDraft.Money;
import io.servicelake.transforms.sim.EventDraft.Ts;
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
    super(0, id);
    this.serial =
        "SN-" + "0".repeat(Math.max(0, 7 - Integer.toString(index + 1).length())) + (index + 1);
    this.shipAt = shipAt;
    this.model = model;
    this.station = station;
    this.crew = crew;
    this.near = near;
    this.random = random;
    this.customer = random.nextInt(1 << 30);
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
        draft("product.shipped", shipAt, "erp")
            .put("serial", serial)
            .put("model", model.name())
            .put("product_line", model.productLine())
            .put("build_date", World.date(shipAt - random.nextLong(3 * DAY, 20 * DAY)).toString())
            .put("ship_month", World.period(shipAt))
            .put("region", station.region())
            .put(
                "dealer_id",
                "DL-"
                    + station.region().toUpperCase(java.util.Locale.ROOT)
                    + "-"
                    + (1 + random.nextInt(8)))
            .put("sale_price", new Money(model.salePrice()))
            .put("currency", config.costs().currency())
            .put("components", world.componentsJson(model)));
    long install = shipAt + random.nextLong(2 * DAY, 30 * DAY);
    if (random.nextDouble() < config.rates().commissioningFailShare()) {
      add(world, installed(world, install, "fail"));
      install += random.nextLong(DAY, 3 * DAY);
    }
    installAt = install;
    add(world, installed(world, install, "pass"));
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

  private EventDraft installed(World world, long at, String result) {
    return draft("product.installed", at, "installer-app")
        .put("serial", serial)
        .put("model", model.name())
        .put("region", station.region())
        .put("station_id", station.id())
        .put("technician_id", crew.get(random.nextInt(crew.size())).id())
        .put("install_date", World.date(at).toString())
        .put("commissioning_result", result)
        .put("distance_class", near ? "near" : "far")
        .put("sale_price", new Money(model.salePrice()))
        .put("currency", world.config.costs().currency())
        .put("components", world.componentsJson(model))
        .put("customer_id", "C-" + serial.substring(3))
        .put("customer_name", customerName())
        .put("customer_phone", customerPhone())
        .put("customer_address", customerAddress(world));
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
      boolean renewed = random.nextDouble() < world.config.rates().contractRenewal();
      add(
          world,
          draft("contract.expired", t, "crm")
              .put("contract_id", contractId)
              .put("serial", serial)
              .put("model", model.name())
              .put("region", station.region())
              .put("station_id", station.id())
              .put("end_date", World.date(t - 1).toString())
              .put("visits_done", contractVisits)
              .put("renewed", renewed));
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
        draft("contract.sold", t, "crm")
            .put("contract_id", contractId)
            .put("serial", serial)
            .put("model", model.name())
            .put("region", station.region())
            .put("station_id", station.id())
            .put("start_date", World.date(t).toString())
            .put("end_date", World.date(contractEnd - 1).toString())
            .put("fee", new Money(model.contractFee()))
            .put("currency", world.config.costs().currency())
            .put("visits_per_year", 2)
            .put("renewal", renewal)
            .put("customer_name", customerName()));
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
        workOrder(
                world, "workorder.dispatched", dispatched, "dispatch", workOrderId, job, technician)
            .put("visit", job.visits)
            .put("job_kind", job.kind)
            .put("service_type", job.serviceType)
            .put("repair_mode", carryIn ? "carry_in" : "on_site")
            .put("priority", job.priority)
            .put("distance_class", near ? "near" : "far")
            .put("sla_hours", new Money(slaHours))
            .put("requested_at", new Ts(registered))
            .put("promised_arrival_at", new Ts(promisedArrival))
            .put("promised_fix_at", new Ts(promisedFix)));
    add(
        world,
        workOrder(world, "workorder.arrived", arrival, "field-app", workOrderId, job, technician)
            .put("promised_arrival_at", new Ts(promisedArrival))
            .put("travel_km", km));
    add(
        world,
        draft("workorder.completed", completed, "field-app")
            .put("work_order_id", workOrderId)
            .put("request_id", job.requestId)
            .put("serial", serial)
            .put("model", model.name())
            .put("region", station.region())
            .put("station_id", station.id())
            .put("technician_id", technician.id())
            .put("service_type", job.serviceType)
            .put("failure_mode", job.failureMode)
            .put("failed_component", job.component == null ? null : job.component.name())
            .put("labour_minutes", minutes)
            .put("travel_km", km)
            .put("fixed", fixed)
            .put("no_fault_found", job.noFault)
            .put("root_cause", job.rootCause)
            .put("promised_fix_at", new Ts(promisedFix)));
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
    add(
        world,
        workOrder(
                world,
                "workorder.signed_off",
                fix.signedOff,
                "field-app",
                fix.workOrderId,
                job,
                fix.technician)
            .put("service_type", job.serviceType)
            .put("job_kind", job.kind)
            .put("failure_mode", job.failureMode)
            .put("failed_component", job.component == null ? null : job.component.name())
            .put("root_cause", job.rootCause)
            .put("no_fault_found", job.noFault)
            .put("labour_minutes", new Money(job.labourMinutes))
            .put("travel_km", new Money(job.travelKm))
            .put("visits", job.visits)
            .put("amount_charged", new Money(charged))
            .put("currency", config.costs().currency())
            .put("supervisor_rating", rating)
            .put("customer_signature", random.nextDouble() < 0.98));
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
      EventDraft survey =
          draft("survey.completed", at, "survey")
              .put("survey_id", world.surveyId())
              .put("request_id", job.requestId)
              .put("work_order_id", fix.workOrderId)
              .put("serial", serial)
              .put("region", station.region())
              .put("station_id", station.id())
              .put("technician_id", fix.technician.id())
              .put("csat", csat)
              .put(
                  "comments",
                  csat >= 4 ? "满意, thank you" : csat == 3 ? "ok" : "too slow, had to call twice");
      if (v2) {
        survey.version = 2;
        survey.put(
            "would_recommend", clamp((int) Math.round(csat * 2 + World.gaussian(random)), 0, 10));
      }
      add(world, survey);
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
        draft("complaint.filed", at + 60, "call-centre")
            .put("complaint_id", complaintId)
            .put("request_id", requestId)
            .put("serial", serial)
            .put("model", model.name())
            .put("region", station.region())
            .put("station_id", about == null ? null : station.id())
            .put(
                "technician_id",
                about != null && cause == ComplaintCause.STAFF_CONDUCT
                    ? about.technician.id()
                    : null)
            .put("work_order_id", about == null ? null : about.workOrderId)
            .put("cause_category", cause.id)
            .put("routed_department", cause.department)
            .put("severity", major ? "major" : "normal")
            .put("customer_name", customerName())
            .put("customer_phone", customerPhone()));
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
        draft("complaint.resolved", resolvedAt, "call-centre")
            .put("complaint_id", complaintId)
            .put("cause_category", cause.id)
            .put("routed_department", cause.department)
            .put("reply_hours", new Money(replyHours))
            .put(
                "contacts",
                escalated ? 3 + random.nextInt(4) : 1 + (random.nextDouble() < 0.3 ? 1 : 0))
            .put("escalated", escalated)
            .put(
                "resolution",
                random.nextDouble() < 0.7 ? cause.usualResolution : cause.otherResolution)
            .put("customer_satisfied", random.nextDouble() < (escalated ? 0.6 : 0.85)));
  }

  // ---------------------------------------------------------------- parts, claims, costs

  private void consume(
      World world, Visit fix, ComponentSpec component, boolean deadOnArrival, String serviceType) {
    add(
        world,
        part(world, "part.consumed", fix.completed, fix, component, deadOnArrival)
            .put("usage", "repair")
            .put("work_order_id", fix.workOrderId)
            .put(
                "unit_price",
                "paid".equals(serviceType)
                    ? new Money(component.partCost() * world.config.costs().partMarkup())
                    : null));
  }

  private void giveBack(World world, long at, Visit fix, ComponentSpec component, String reason) {
    add(
        world,
        part(world, "part.returned", at, fix, component, true)
            .put("reason", reason)
            .put("work_order_id", fix.workOrderId));
  }

  private EventDraft part(
      World world, String type, long at, Visit fix, ComponentSpec component, boolean defective) {
    return draft(type, at, "parts-store")
        .put(
            type.equals("part.consumed") ? "consumption_id" : "return_id",
            type.equals("part.consumed") ? world.consumptionId() : world.returnId())
        .put("part_number", Network.partNumber(model.name(), component.name()))
        .put("component", component.name())
        .put("model", model.name())
        .put("quantity", 1)
        .put("unit_cost", new Money(component.partCost()))
        .put("currency", world.config.costs().currency())
        .put("store_id", station.storeId())
        .put("region", station.region())
        .put("supplier", component.supplier())
        .put("defective", defective);
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
        draft("supplier.claim.filed", filed, "quality")
            .put("claim_id", claimId)
            .put("supplier", component.supplier())
            .put("part_number", Network.partNumber(model.name(), component.name()))
            .put("component", component.name())
            .put("model", model.name())
            .put("serial", serial)
            .put("work_order_id", fix.workOrderId)
            .put("claimed_amount", new Money(claimed))
            .put("currency", world.config.costs().currency()));
    if (random.nextDouble() < rates.supplierSettleShare()) {
      double u = random.nextDouble();
      String outcome = u < 0.6 ? "accepted" : u < 0.85 ? "partial" : "rejected";
      double recovered =
          switch (outcome) {
            case "accepted" -> claimed;
            case "partial" -> claimed * random.nextDouble(0.4, 0.9);
            default -> 0;
          };
      add(
          world,
          draft("supplier.claim.settled", filed + random.nextLong(20 * DAY, 90 * DAY), "quality")
              .put("claim_id", claimId)
              .put("supplier", component.supplier())
              .put("claimed_amount", new Money(claimed))
              .put("recovered_amount", new Money(recovered))
              .put("currency", world.config.costs().currency())
              .put("outcome", outcome));
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
        world
            .costPosting(at, category, amount, station, serial)
            .put("work_order_id", workOrderId)
            .put("service_type", serviceType);
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
    return draft("service.requested", at, "call-centre")
        .put("request_id", requestId)
        .put("channel", CHANNELS[channel])
        .put("category", category)
        .put("serial", serial)
        .put("model", model.name())
        .put("region", station.region())
        .put("symptom", symptom)
        .put("priority", priority)
        .put("customer_name", customerName())
        .put("customer_phone", customerPhone())
        .put("customer_address", customerAddress(world));
  }

  private EventDraft workOrder(
      World world,
      String type,
      long at,
      String source,
      String workOrderId,
      Job job,
      Technician technician) {
    return draft(type, at, source)
        .put("work_order_id", workOrderId)
        .put("request_id", job.requestId)
        .put("serial", serial)
        .put("model", model.name())
        .put("region", station.region())
        .put("station_id", station.id())
        .put("technician_id", technician.id());
  }

  private EventDraft draft(String type, long at, String source) {
    return new EventDraft(type, 1, at, source, serial);
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
