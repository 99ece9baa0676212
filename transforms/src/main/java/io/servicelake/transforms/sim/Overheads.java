package io.servicelake.transforms.sim;

import io.servicelake.transforms.sim.Network.Station;

/**
 * Monthly overhead postings per station (facilities, management, marketing), sized so each is its
 * configured share of the station's total cost that month: {@code overhead = direct * share /
 * directShare}. Posted in the last second of the month, after every direct cost of the month (rank
 * 1 sorts it after units at the same second).
 */
final class Overheads extends Source {

  private int month;

  Overheads(World world) {
    super(1, world.nextSourceId());
    this.nextAt = world.monthStart(1) - 1;
  }

  private long nextAt;

  @Override
  long peekTime() {
    return nextAt;
  }

  @Override
  void step(World world) {
    SimulatorConfig.Costs costs = world.config.costs();
    for (Station station : world.network.stations()) {
      double direct = world.directCost[station.index()][month];
      if (direct <= 0) {
        continue;
      }
      post(world, station, "facilities", direct * costs.facilitiesShare() / costs.directShare());
      post(world, station, "management", direct * costs.managementShare() / costs.directShare());
      post(world, station, "marketing", direct * costs.marketingShare() / costs.directShare());
    }
    month++;
    nextAt = world.monthStart(month + 1) - 1;
  }

  private void post(World world, Station station, String category, double amount) {
    world.emitter.accept(
        EventDraft.of(world.costPosting(nextAt, category, amount, station).build(), station.id()));
  }
}
