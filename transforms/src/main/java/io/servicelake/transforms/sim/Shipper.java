package io.servicelake.transforms.sim;

import io.servicelake.transforms.sim.Network.Station;
import io.servicelake.transforms.sim.SimulatorConfig.ProductModel;
import java.util.SplittableRandom;

/**
 * Releases the installed base: unit {@code i} ships in slot {@code i} of {@code units} equal slots
 * over the ship period (jittered within its slot), so ship times are sorted and the monthly cohorts
 * are proportional to the month lengths. Each unit gets its own random stream split from this one.
 */
final class Shipper extends Source {

  private final SimulatorConfig config;
  private final SplittableRandom random;
  private final long start;
  private final long span;
  private final double totalMix;
  private int next;
  private long nextAt;

  Shipper(World world, SplittableRandom random) {
    super(0, world.nextSourceId());
    this.config = world.config;
    this.random = random;
    this.start = world.start;
    this.span = World.plusMonths(start, config.shipMonths()) - start;
    this.totalMix = config.models().stream().mapToDouble(ProductModel::mix).sum();
    this.nextAt = slot(0);
  }

  private long slot(int i) {
    return i >= config.units()
        ? Long.MAX_VALUE
        : start + (long) ((i + random.nextDouble()) / config.units() * span);
  }

  @Override
  long peekTime() {
    return nextAt;
  }

  @Override
  void step(World world) {
    double u = random.nextDouble() * totalMix;
    ProductModel model = config.models().get(config.models().size() - 1);
    for (ProductModel candidate : config.models()) {
      if (u < candidate.mix()) {
        model = candidate;
        break;
      }
      u -= candidate.mix();
    }
    Station station = world.network.stations().get(random.nextInt(world.network.stations().size()));
    boolean near = random.nextDouble() < config.sla().nearShare();
    world.schedule(
        new UnitLife(
            world.nextSourceId(),
            next,
            nextAt,
            model,
            station,
            world.network.technicians().get(station.index()),
            near,
            random.split()));
    next++;
    nextAt = slot(next);
  }
}
