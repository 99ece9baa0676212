package io.servicelake.transforms.sim;

import io.servicelake.schemas.events.SchemaRecord;
import io.servicelake.schemas.events.ServiceEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event before serialisation: envelope plus payload fields in insertion order. Mutable so the
 * defect injector can break a copy; the event id is assigned only when the draft is emitted, so ids
 * follow the deterministic emission order.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Integer}, {@link Money} (two decimals), {@link
 * Double} (one decimal), {@link Boolean}, {@link Ts} (ISO-8601 instant), {@link RawJson}.
 */
final class EventDraft {

  /** An instant written as ISO-8601 UTC; kept as seconds so comparisons are cheap. */
  record Ts(long epochSecond) {}

  /** An amount written with exactly two decimals. */
  record Money(double value) {}

  /** Already-serialised JSON (used for the components array). */
  record RawJson(String json) {}

  /**
   * The event id a record carries until the emitter assigns the real one: ids follow the emission
   * order, which is only known when the merge releases the event.
   */
  static final String PENDING_ID = "00000000-0000-4000-8000-000000000000";

  /**
   * Numbers are written with two decimals (money, hours, minute totals) except these: distances of
   * one visit are measured to 100 m, a visit's labour minutes are whole. Kept so a seed's bytes do
   * not change with the typed records (which carry every JSON number as a double).
   */
  private static final Map<String, Integer> DECIMALS =
      Map.of(
          "workorder.arrived/travel_km", 1,
          "workorder.completed/travel_km", 1,
          "workorder.completed/labour_minutes", 0);

  /** The generated record this draft was made from (ground truth reads it, typed). */
  final ServiceEvent record;

  final String type;
  int version;
  final long time;
  final String source;
  final String key;
  final List<String> names = new ArrayList<>(24);
  final List<Object> values = new ArrayList<>(24);

  /** For the ground truth only, never serialised: e.g. the model/component of a failure. */
  String truthTag = "";

  /**
   * For the sign-off of an in-warranty repair: the unit's counter of such sign-offs, which the
   * ground truth advances as it observes them (null otherwise). Never serialised.
   */
  int[] inWarrantyFailuresOfUnit;

  /** Station of a direct cost posting, for the monthly overheads; -1 otherwise. */
  int stationIndex = -1;

  /** Order of creation within its source, breaks ties between same-second events of one unit. */
  long sequence;

  private EventDraft(
      ServiceEvent record, String type, int version, long time, String source, String key) {
    this.record = record;
    this.type = type;
    this.version = version;
    this.time = time;
    this.source = source;
    this.key = key;
  }

  /**
   * The draft of a generated record: the simulator builds every event through the records generated
   * from the schemas, so a renamed or retyped schema property breaks its build instead of producing
   * invalid events. Field order is the schema's; the record's event id is ignored (see {@link
   * #PENDING_ID}).
   */
  static EventDraft of(ServiceEvent record, String key) {
    EventDraft draft =
        new EventDraft(
            record,
            record.eventType(),
            Math.toIntExact(record.schemaVersion()),
            record.occurredAt().getEpochSecond(),
            record.source(),
            key);
    record.forEachField(
        (name, value) -> {
          if (!isEnvelope(name)) {
            draft.put(name, draft.value(name, value));
          }
        });
    return draft;
  }

  /** A record's value as a draft value (the types {@link #write} knows). */
  private Object value(String name, Object value) {
    if (value instanceof Double d) {
      return switch (DECIMALS.getOrDefault(type + "/" + name, 2)) {
        case 0 -> Long.valueOf(Math.round(d));
        case 1 -> d;
        default -> new Money(d);
      };
    } else if (value instanceof Instant instant) {
      return new Ts(instant.getEpochSecond());
    } else if (value instanceof LocalDate date) {
      return date.toString();
    } else if (value instanceof List<?> list) {
      StringBuilder json = new StringBuilder(64 * list.size()).append('[');
      for (Object item : list) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('{');
        boolean[] first = {true};
        ((SchemaRecord) item)
            .forEachField(
                (field, v) ->
                    first[0] = field(json, first[0], field, value(name + "." + field, v)));
        json.append('}');
      }
      return new RawJson(json.append(']').toString());
    }
    return value;
  }

  EventDraft put(String name, Object value) {
    if (value != null) {
      names.add(name);
      values.add(value);
    }
    return this;
  }

  Object get(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : values.get(i);
  }

  void set(String name, Object value) {
    int i = names.indexOf(name);
    if (i < 0) {
      put(name, value);
    } else {
      values.set(i, value);
    }
  }

  void remove(String name) {
    int i = names.indexOf(name);
    if (i >= 0) {
      names.remove(i);
      values.remove(i);
    }
  }

  EventDraft copy() {
    EventDraft copy = new EventDraft(record, type, version, time, source, key);
    copy.names.addAll(names);
    copy.values.addAll(values);
    copy.truthTag = truthTag;
    copy.sequence = sequence;
    copy.stationIndex = stationIndex;
    copy.inWarrantyFailuresOfUnit = inWarrantyFailuresOfUnit;
    return copy;
  }

  /**
   * Compact JSON: envelope fields first, then the payload. Envelope values can be overridden by
   * payload-level entries named {@code event_type}, {@code schema_version}, {@code occurred_at}
   * (that is how the defect injector breaks them).
   */
  String toJson(String eventId) {
    StringBuilder json = new StringBuilder(512);
    json.append('{');
    boolean first = true;
    first = field(json, first, "event_id", eventId);
    first = field(json, first, "event_type", envelope("event_type", type));
    first = field(json, first, "schema_version", envelope("schema_version", version));
    first = field(json, first, "occurred_at", envelope("occurred_at", new Ts(time)));
    first = field(json, first, "source", envelope("source", source));
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!isEnvelope(name)) {
        first = field(json, first, name, values.get(i));
      }
    }
    return json.append('}').toString();
  }

  static final Object REMOVED = new Object();

  private Object envelope(String name, Object normal) {
    int i = names.indexOf(name);
    return i < 0 ? normal : values.get(i);
  }

  private static boolean isEnvelope(String name) {
    return switch (name) {
      case "event_id", "event_type", "schema_version", "occurred_at", "source" -> true;
      default -> false;
    };
  }

  private static boolean field(StringBuilder json, boolean first, String name, Object value) {
    if (value == REMOVED || value == null) {
      return first;
    }
    if (!first) {
      json.append(',');
    }
    string(json, name);
    json.append(':');
    write(json, value);
    return false;
  }

  private static void write(StringBuilder json, Object value) {
    if (value instanceof String s) {
      string(json, s);
    } else if (value instanceof Ts ts) {
      json.append('"').append(Instant.ofEpochSecond(ts.epochSecond())).append('"');
    } else if (value instanceof Money money) {
      decimals(json, money.value(), 100, 2);
    } else if (value instanceof Double d) {
      decimals(json, d, 10, 1);
    } else if (value instanceof RawJson raw) {
      json.append(raw.json());
    } else {
      json.append(value); // Integer, Long, Boolean
    }
  }

  /** Fixed-point rendering: locale-free and identical on every JVM, unlike %f. */
  private static void decimals(StringBuilder json, double value, int scale, int digits) {
    long units = Math.round(value * scale);
    if (units < 0) {
      json.append('-');
      units = -units;
    }
    json.append(units / scale).append('.');
    String fraction = Long.toString(units % scale);
    json.append("0".repeat(digits - fraction.length())).append(fraction);
  }

  static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
