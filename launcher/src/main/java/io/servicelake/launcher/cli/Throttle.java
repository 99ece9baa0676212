package io.servicelake.launcher.cli;

/**
 * Caps a loop at a rate: {@link #acquire()} before each item sleeps while the loop is ahead of
 * {@code rate} items per second since the first call. Rate 0 means unlimited. Not thread-safe.
 */
final class Throttle {

  private final double nanosPerItem;
  private long start;
  private long items;

  Throttle(double perSecond) {
    this.nanosPerItem = perSecond > 0 ? 1e9 / perSecond : 0;
  }

  void acquire() {
    if (nanosPerItem == 0) {
      return;
    }
    long now = System.nanoTime();
    if (items == 0) {
      start = now;
    }
    long due = start + (long) (items++ * nanosPerItem);
    long ahead = due - now;
    // sleeping for less than a millisecond costs more than it smooths
    if (ahead >= 1_000_000) {
      try {
        Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
