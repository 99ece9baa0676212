package io.servicelake.transforms.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Breaks a copy of a good event in one chosen way. Which fields can be removed, mistyped or made
 * negative is read from the event's own JSON Schema, so every corrupted record is rejected by the
 * validator with the code its {@link Defect} promises, whatever the schemas become.
 */
final class DefectInjector {

  /** Above {@code EventValidator.DEFAULT_MAX_BYTES} (64 KiB). */
  static final int OVERSIZE_PADDING = 66 * 1024;

  private static final String[] BAD_TIMESTAMPS = {
    "yesterday", "2025/03/04 10:00", "2025-13-40T25:61:00Z", "1717236000", "2099-01-01T00:00:00Z"
  };

  /** What a schema allows to break. */
  private record Targets(List<String> required, List<String> minimumZero, List<String> typed) {}

  private final Map<String, Targets> targets = new HashMap<>();

  DefectInjector(EventCatalog catalog) {
    for (EventSchema schema : catalog.all()) {
      List<String> required = new ArrayList<>();
      schema.document().path("required").forEach(r -> required.add(r.asText()));
      List<String> minimumZero = new ArrayList<>();
      List<String> typed = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> properties =
          schema.document().path("properties").fields();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> property = properties.next();
        JsonNode spec = property.getValue();
        String type = spec.path("type").asText();
        if (spec.path("minimum").isNumber() && spec.path("minimum").asDouble() == 0) {
          minimumZero.add(property.getKey());
        }
        // a string value in a number/boolean field violates only "type" (no enum to trip first)
        if (!spec.has("enum")
            && (type.equals("number") || type.equals("integer") || type.equals("boolean"))) {
          typed.add(property.getKey());
        }
      }
      targets.put(
          key(schema.eventType(), schema.version()), new Targets(required, minimumZero, typed));
    }
  }

  /** Whether {@code defect} can be applied to this event (e.g. negative needs an amount). */
  boolean applicable(Defect defect, EventDraft event) {
    return defect != Defect.NEGATIVE_VALUE
        || !present(event, targetsOf(event).minimumZero()).isEmpty();
  }

  /**
   * The bytes of a corrupted copy of {@code event} with its own {@code eventId}. Never contains a
   * line break, so JSON Lines files stay one record per line.
   */
  byte[] corrupt(Defect defect, EventDraft event, String eventId, SplittableRandom random) {
    EventDraft copy = event.copy();
    switch (defect) {
      case MALFORMED_JSON -> {
        byte[] json = copy.toJson(eventId).getBytes(StandardCharsets.UTF_8);
        int cut = random.nextInt(1, json.length - 1);
        while (cut > 1 && (json[cut] & 0xC0) == 0x80) {
          cut--; // never split a multi-byte character: that would be invalid UTF-8 instead
        }
        return java.util.Arrays.copyOf(json, cut);
      }
      case NOT_AN_OBJECT -> {
        return ("[" + copy.toJson(eventId) + "]").getBytes(StandardCharsets.UTF_8);
      }
      case UNKNOWN_TYPE -> copy.set("event_type", event.type + "_legacy");
      case UNKNOWN_SCHEMA_VERSION -> copy.set("schema_version", 90 + random.nextInt(10));
      case MISSING_FIELD -> {
        List<String> required = present(copy, targetsOf(copy).required());
        copy.set(required.get(random.nextInt(required.size())), EventDraft.REMOVED);
      }
      case WRONG_TYPE -> {
        List<String> typed = present(copy, targetsOf(copy).typed());
        // schema_version is typed integer in the envelope: a fallback every event has
        String field = typed.isEmpty() ? "schema_version" : typed.get(random.nextInt(typed.size()));
        copy.set(field, "n/a");
      }
      case BAD_TIMESTAMP ->
          copy.set("occurred_at", BAD_TIMESTAMPS[random.nextInt(BAD_TIMESTAMPS.length)]);
      case NEGATIVE_VALUE -> {
        List<String> amounts = present(copy, targetsOf(copy).minimumZero());
        String field = amounts.get(random.nextInt(amounts.size()));
        copy.set(field, -1 - random.nextInt(500));
      }
      case INVALID_UTF8 -> {
        byte[] json = copy.toJson(eventId).getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[json.length + 2];
        int at = indexOf(json, "\"source\":\"".getBytes(StandardCharsets.UTF_8)) + 10;
        System.arraycopy(json, 0, broken, 0, at);
        broken[at] = (byte) 0xC3; // a lead byte followed by '(' : not a continuation byte
        broken[at + 1] = (byte) '(';
        System.arraycopy(json, at, broken, at + 2, json.length - at);
        return broken;
      }
      case OVERSIZE -> copy.set("debug_dump", "x".repeat(OVERSIZE_PADDING));
      case DUPLICATE, LATE ->
          throw new IllegalArgumentException(defect + " is not a corruption of the bytes");
    }
    return copy.toJson(eventId).getBytes(StandardCharsets.UTF_8);
  }

  private Targets targetsOf(EventDraft event) {
    Targets found = targets.get(key(event.type, event.version));
    if (found == null) {
      throw new IllegalStateException("no schema for " + event.type + " v" + event.version);
    }
    return found;
  }

  private static List<String> present(EventDraft event, List<String> fields) {
    List<String> present = new ArrayList<>();
    for (String field : fields) {
      if (event.get(field) != null) {
        present.add(field);
      }
    }
    return present;
  }

  private static String key(String type, int version) {
    return type + "/" + version;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("envelope field not found");
  }
}
