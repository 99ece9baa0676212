package io.servicelake.transforms.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Deterministic generator of service events. It streams: events go to the consumer as they are
 * made, so any volume fits in memory.
 */
public final class Simulator {

  static final String[] REGIONS = {"north", "south", "east", "west", "central"};
  static final String[] CHANNELS = {"phone", "letter", "visit", "web"};
  static final String[] MODELS = {"AC-200", "AC-300", "WM-10", "RF-7"};
  static final String[] FAILURE_MODES = {"no_cooling", "leak", "noise", "no_power", "error_code"};
  static final String[] COMPONENTS = {"compressor", "fan_motor", "control_board", "valve", "seal"};

  private final SimulatorConfig config;

  public Simulator(SimulatorConfig config) {
    this.config = config;
  }

  /** Streams every event of the simulated history to {@code sink}, in event-time order per unit. */
  public void run(Consumer<SimulatedEvent> sink) {
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = 0; i < config.requests(); i++) {
      String serial = String.format(Locale.ROOT, "SN-%07d", random.nextInt(1, 5_000_000));
      String region = pick(random, REGIONS);
      String model = pick(random, MODELS);
      Instant requested =
          config.start().plusSeconds(random.nextLong(0, Duration.ofDays(60).toSeconds()));
      String requestId = String.format(Locale.ROOT, "SR-%08d", i);
      emit(
          sink,
          random,
          serial,
          "service.requested",
          envelope(random, "service.requested", requested, "call-centre")
              + String.format(
                  Locale.ROOT,
                  ",\"request_id\":\"%s\",\"channel\":\"%s\",\"category\":\"repair\",\"serial\":\"%s\","
                      + "\"model\":\"%s\",\"region\":\"%s\",\"priority\":\"normal\"}",
                  requestId,
                  pick(random, CHANNELS),
                  serial,
                  model,
                  region));
      Instant completed =
          requested.plusSeconds(random.nextLong(3_600, Duration.ofDays(3).toSeconds()));
      int station = random.nextInt(1, 11);
      emit(
          sink,
          random,
          serial,
          "workorder.completed",
          envelope(random, "workorder.completed", completed, "field-app")
              + String.format(
                  Locale.ROOT,
                  ",\"work_order_id\":\"WO-%08d\",\"request_id\":\"%s\",\"serial\":\"%s\",\"model\":\"%s\","
                      + "\"region\":\"%s\",\"station_id\":\"ST-%02d\",\"technician_id\":\"T-%03d\","
                      + "\"service_type\":\"warranty\",\"failure_mode\":\"%s\",\"failed_component\":\"%s\","
                      + "\"labour_minutes\":%d,\"travel_km\":%.1f,\"fixed\":%b}",
                  i,
                  requestId,
                  serial,
                  model,
                  region,
                  station,
                  station * 10 + random.nextInt(5),
                  pick(random, FAILURE_MODES),
                  pick(random, COMPONENTS),
                  random.nextInt(15, 240),
                  random.nextDouble(0, 80),
                  random.nextDouble() < 0.85));
    }
  }

  private void emit(
      Consumer<SimulatedEvent> sink,
      SplittableRandom random,
      String key,
      String type,
      String json) {
    if (random.nextDouble() < config.badEventShare()) {
      // A malformed record in place of a good one: truncated JSON, as a crashed producer leaves it.
      byte[] truncated = json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8);
      sink.accept(new SimulatedEvent(key, truncated, type, "malformed_json"));
    } else {
      sink.accept(new SimulatedEvent(key, json.getBytes(StandardCharsets.UTF_8), type, ""));
    }
  }

  private static String envelope(SplittableRandom random, String type, Instant at, String source) {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    return String.format(
        Locale.ROOT,
        "{\"event_id\":\"%s\",\"event_type\":\"%s\",\"schema_version\":1,\"occurred_at\":\"%s\",\"source\":\"%s\"",
        id,
        type,
        at,
        source);
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
