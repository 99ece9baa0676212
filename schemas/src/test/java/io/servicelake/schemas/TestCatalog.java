package io.servicelake.schemas;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The event catalogue and a validator whose clock stands still at 2026-11-01, so that the schema
 * examples (dated before it) never become "in the future" and a test's verdict never depends on the
 * day it runs.
 */
public final class TestCatalog {

  public static final EventCatalog CATALOG = EventCatalog.load();
  public static final EventValidator VALIDATOR =
      new EventValidator(
          CATALOG,
          EventValidator.DEFAULT_MAX_BYTES,
          EventValidator.DEFAULT_MAX_CLOCK_SKEW,
          Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));

  private TestCatalog() {}
}
