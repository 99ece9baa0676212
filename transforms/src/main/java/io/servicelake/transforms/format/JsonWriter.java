package io.servicelake.transforms.format;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Minimal streaming JSON writer for one-object CLI reports, so the transforms module needs no JSON
 * library. Non-finite numbers are written as {@code null} (JSON has no NaN).
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().field("beta", 1.72).endObject().toString();
 * }</pre>
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  // one entry per open object: true while nothing has been written into it yet
  private final Deque<Boolean> empty = new ArrayDeque<>();

  public JsonWriter beginObject() {
    out.append('{');
    empty.push(true);
    return this;
  }

  public JsonWriter endObject() {
    if (empty.isEmpty()) {
      throw new IllegalStateException("no open object");
    }
    empty.pop();
    out.append('}');
    return this;
  }

  /** Starts a nested object under {@code name}. */
  public JsonWriter beginObject(String name) {
    key(name);
    return beginObject();
  }

  public JsonWriter field(String name, double value) {
    key(name);
    out.append(Double.isFinite(value) ? number(value) : "null");
    return this;
  }

  public JsonWriter field(String name, long value) {
    key(name);
    out.append(value);
    return this;
  }

  public JsonWriter field(String name, boolean value) {
    key(name);
    out.append(value);
    return this;
  }

  public JsonWriter field(String name, String value) {
    key(name);
    string(value);
    return this;
  }

  /** A nested object of numbers, in the map's iteration order. */
  public JsonWriter field(String name, Map<String, ? extends Number> values) {
    beginObject(name);
    values.forEach(
        (k, v) -> {
          if (v instanceof Integer || v instanceof Long) {
            field(k, v.longValue());
          } else {
            field(k, v.doubleValue());
          }
        });
    return endObject();
  }

  /** The JSON text; all objects must be closed. */
  @Override
  public String toString() {
    if (!empty.isEmpty()) {
      throw new IllegalStateException(empty.size() + " object(s) still open");
    }
    return out.toString();
  }

  private void key(String name) {
    if (empty.isEmpty()) {
      throw new IllegalStateException("field outside an object: " + name);
    }
    if (!empty.pop()) {
      out.append(',');
    }
    empty.push(false);
    string(name);
    out.append(':');
  }

  /** Integral values print without a fraction; others in shortest round-trip form. */
  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
