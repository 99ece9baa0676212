package io.servicelake.transforms.sim;

import io.servicelake.schemas.EventCatalog;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Deterministic generator of a realistic after-sales history (see {@link SimulatorConfig} for every
 * knob, {@link GroundTruth} for what it reports). It streams: sources (units, counter sales,
 * monthly overheads) are merged in event-time order and each event goes to the consumer as soon as
 * it is made, so memory grows with the installed base, never with the number of events.
 *
 * <p>Order: records reach the sink in non-decreasing event time, except events flagged {@code late}
 * (held back 2-10 days of stream time) and the bad records that follow their good event.
 *
 * <p>Same config, same records, byte for byte. Not thread-safe; one run at a time per instance.
 */
public final class Simulator {

  private final SimulatorConfig config;
  private GroundTruth lastRun;

  public Simulator(SimulatorConfig config) {
    this.config = config;
  }

  /**
   * Streams every record of the simulated history to {@code sink} and returns the ground truth of
   * this run (also available afterwards from {@link #groundTruth()}).
   */
  public GroundTruth run(Consumer<SimulatedEvent> sink) {
    SplittableRandom master = new SplittableRandom(config.seed());
    Network network = Network.build(config, master.split());
    GroundTruth truth = new GroundTruth(config, network);
    World world = new World(config, network, master.split());
    world.emitter =
        new Emitter(config, EventCatalog.load(), truth, sink, master.split(), world::observe);
    world.schedule(new Shipper(world, master.split()));
    for (Network.CounterSeries series : network.counterSeries()) {
      world.schedule(new CounterSales(world, series, master.split()));
    }
    world.schedule(new Overheads(world));
    while (!world.queue.isEmpty()) {
      Source source = world.queue.poll();
      source.step(world);
      world.schedule(source);
    }
    world.emitter.finish();
    lastRun = truth;
    return truth;
  }

  /** The ground truth of the last completed {@link #run}. */
  public GroundTruth groundTruth() {
    if (lastRun == null) {
      throw new IllegalStateException("run() has not completed yet");
    }
    return lastRun;
  }

  public SimulatorConfig config() {
    return config;
  }
}
