package io.servicelake.transforms.sim;

/**
 * One generator of events merged by the simulator in event-time order: a unit's life, a store's
 * counter sales, the monthly overhead posting, the shipping schedule.
 *
 * <p>Contract: {@link #peekTime()} is the time of the next thing the source will do (emit or
 * expand), {@link Long#MAX_VALUE} when done; {@link #step} does exactly that next thing and never
 * emits an event earlier than the {@code peekTime()} it was merged under.
 */
abstract class Source {

  /** Merge key cached while the source sits in the priority queue. */
  long key;

  /** Tie-break among sources at the same second: lower rank goes first. */
  final int rank;

  /** Creation order: the final tie-break, so merging is deterministic. */
  final long id;

  Source(int rank, long id) {
    this.rank = rank;
    this.id = id;
  }

  abstract long peekTime();

  abstract void step(World world);
}
