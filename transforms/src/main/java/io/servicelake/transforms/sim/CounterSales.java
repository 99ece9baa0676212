package io.servicelake.transforms.sim;

import static io.servicelake.transforms.sim.World.DAY;

import io.servicelake.transforms.sim.EventDraft.Money;
import io.servicelake.transforms.sim.Network.CounterSeries;
import java.util.SplittableRandom;

/**
 * Over-the-counter sales of one part at one store: each week a sale happens with the series' known
 * probability, of {@code 1 + Poisson(extraMean)} units, at a random moment of the week.
 */
final class CounterSales extends Source {

  private static final long WEEK = 7 * DAY;

  private final CounterSeries series;
  private final SplittableRandom random;
  private final long end;
  private long weekStart;
  private long nextAt;

  CounterSales(World world, CounterSeries series, SplittableRandom random) {
    super(0, world.nextSourceId());
    this.series = series;
    this.random = random;
    this.end = world.end;
    this.weekStart = world.start;
    advance();
  }

  /** Finds the next week with a sale; one Bernoulli and one offset draw per week. */
  private void advance() {
    nextAt = Long.MAX_VALUE;
    while (weekStart < end) {
      boolean sale = random.nextDouble() < series.weeklyProbability();
      long at = weekStart + random.nextLong(WEEK);
      weekStart += WEEK;
      if (sale) {
        nextAt = at;
        return;
      }
    }
  }

  @Override
  long peekTime() {
    return nextAt;
  }

  @Override
  void step(World world) {
    int quantity = 1 + World.poisson(random, series.extraMean());
    world.emitter.accept(
        new EventDraft("part.consumed", 1, nextAt, "parts-store", series.storeId())
            .put("consumption_id", world.consumptionId())
            .put("part_number", series.partNumber())
            .put("component", series.component())
            .put("model", series.model())
            .put("quantity", quantity)
            .put("unit_cost", new Money(series.unitCost()))
            .put("currency", world.config.costs().currency())
            .put("store_id", series.storeId())
            .put("region", series.region())
            .put("supplier", series.supplier())
            .put("defective", false)
            .put("usage", "counter_sale")
            .put("unit_price", new Money(series.unitCost() * world.config.costs().partMarkup())));
    advance();
  }
}
