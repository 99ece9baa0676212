package io.servicelake.transforms.sim;

import java.time.Instant;

/**
 * Parameters of a simulated after-sales history. Same config, same seed: byte-identical events.
 *
 * @param seed random seed
 * @param requests number of service requests to simulate (each yields a request and, for repairs, a
 *     completed work order)
 * @param start first event time
 * @param badEventShare share of deliberately malformed records, 0..1
 */
public record SimulatorConfig(long seed, int requests, Instant start, double badEventShare) {

  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  public SimulatorConfig {
    if (requests < 0) {
      throw new IllegalArgumentException("requests must be >= 0, got " + requests);
    }
    if (badEventShare < 0 || badEventShare > 1) {
      throw new IllegalArgumentException("badEventShare must be in [0, 1], got " + badEventShare);
    }
  }

  public static SimulatorConfig demo(int requests) {
    return new SimulatorConfig(42L, requests, DEFAULT_START, 0.01);
  }
}
