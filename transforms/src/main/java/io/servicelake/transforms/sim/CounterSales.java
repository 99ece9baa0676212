package io.servicelake.transforms.sim;

import static io.servicelake.transforms.sim.World.DAY;

import io.servicelake.schemas.events.PartConsumed;
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
        EventDraft.of(
            PartConsumed.builder()
                .eventId(EventDraft.PENDING_ID)
                .occurredAt(World.instant(nextAt))
                .source("parts-store")
                .consumptionId(world.consumptionId())
                .partNumber(series.partNumber())
                .component(series.component())
                .model(series.model())
                .quantity(quantity)
                .unitCost(series.unitCost())
                .currency(world.config.costs().currency())
                .storeId(series.storeId())
                .region(series.region())
                .supplier(series.supplier())
                .defective(false)
                .usage(PartConsumed.Usage.COUNTER_SALE)
                .unitPrice(series.unitCost() * world.config.costs().partMarkup())
                .build(),
            series.storeId()));
    advance();
  }
}
