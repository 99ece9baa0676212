package io.servicelake.transforms.sim;

import io.servicelake.schemas.EventCatalog;
import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The last stage: gives each accepted event its id, serialises it, injects bad records, delays late
 * ones, counts everything into the {@link GroundTruth} and hands records to the sink.
 *
 * <p>Bad records are extra records next to the good event (a corrupted copy with its own id, or an
 * exact duplicate), so the clean stream stays complete and the domain ground truth does not depend
 * on the bad share. A late event is the good event itself, held back 2-10 days of stream time.
 */
final class Emitter {

  private static final long DAY = 86_400;
  private static final Defect[] KINDS = Defect.values();
  private static final long MASK62 = (1L << 62) - 1;

  /** A late event waiting for its release point in stream time. */
  private record Held(long release, long order, SimulatedEvent event) {}

  private final double badShare;
  private final DefectInjector injector;
  private final GroundTruth truth;
  private final Consumer<SimulatedEvent> sink;
  private final SplittableRandom random;
  private final long idPrefix;
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(
          (a, b) ->
              a.release() != b.release()
                  ? Long.compare(a.release(), b.release())
                  : Long.compare(a.order(), b.order()));
  private long idCounter;
  private long heldCounter;

  /** Called with every accepted good event, before serialisation (e.g. cost accumulation). */
  private final Consumer<EventDraft> observer;

  Emitter(
      SimulatorConfig config,
      EventCatalog catalog,
      GroundTruth truth,
      Consumer<SimulatedEvent> sink,
      SplittableRandom random,
      Consumer<EventDraft> observer) {
    this.badShare = config.badEventShare();
    this.injector = new DefectInjector(catalog);
    this.truth = truth;
    this.sink = sink;
    this.random = random;
    this.idPrefix = random.nextLong();
    this.observer = observer;
  }

  /** Emits one good event (and possibly a bad record derived from it). */
  void accept(EventDraft event) {
    release(event.time);
    truth.observe(event);
    observer.accept(event);
    String eventId = nextId();
    byte[] value = event.toJson(eventId).getBytes(StandardCharsets.UTF_8);
    java.time.Instant at = java.time.Instant.ofEpochSecond(event.time);
    if (badShare == 0 || random.nextDouble() >= badShare) {
      send(new SimulatedEvent(event.key, value, event.type, "", eventId, at));
      return;
    }
    Defect defect = KINDS[random.nextInt(KINDS.length)];
    while (!injector.applicable(defect, event)) {
      defect = KINDS[random.nextInt(KINDS.length)];
    }
    switch (defect) {
      case LATE -> {
        long delay = random.nextLong(2 * DAY, 10 * DAY);
        held.add(
            new Held(
                event.time + delay,
                heldCounter++,
                new SimulatedEvent(event.key, value, event.type, defect.id(), eventId, at)));
      }
      case DUPLICATE -> {
        send(new SimulatedEvent(event.key, value, event.type, "", eventId, at));
        send(new SimulatedEvent(event.key, value, event.type, defect.id(), eventId, at));
      }
      default -> {
        send(new SimulatedEvent(event.key, value, event.type, "", eventId, at));
        String badId = nextId();
        byte[] bad = injector.corrupt(defect, event, badId, random);
        send(new SimulatedEvent(event.key, bad, event.type, defect.id(), badId, at));
      }
    }
  }

  /** Flushes late events still held when the history ends. */
  void finish() {
    release(Long.MAX_VALUE);
  }

  private void release(long streamTime) {
    while (!held.isEmpty() && held.peek().release() <= streamTime) {
      send(held.poll().event());
    }
  }

  private void send(SimulatedEvent event) {
    truth.recordEmitted(event);
    sink.accept(event);
  }

  /**
   * A version-4 UUID unique by construction: the low 62 bits are a bijective scramble of a counter
   * (so ids never collide within a run), the high bits depend on the seed and the counter.
   */
  private String nextId() {
    long n = idCounter++;
    long low = scramble(n);
    long high = (idPrefix ^ (n * 0x9E3779B97F4A7C15L));
    high = (high & ~0xF000L) | 0x4000L; // version 4
    low = (low & MASK62) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  /** Odd multipliers and xor-shifts are bijections on 62-bit values. */
  private static long scramble(long x) {
    x = (x * 0x9E3779B97F4A7C15L) & MASK62;
    x ^= x >>> 31;
    x = (x * 0xBF58476D1CE4E5B9L) & MASK62;
    x ^= x >>> 29;
    return x;
  }
}
