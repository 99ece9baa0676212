package io.servicelake.schemas.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON codec the generated records share: typed readers that name the offending field, and one
 * writer. Explicit code instead of Jackson data binding, so the records need no annotations, no
 * JavaTime module and no reflection, and a field is written exactly as the schema names it.
 *
 * <p>Readers check JSON types only; value rules (enums, minimums, patterns) are the validator's job
 * ({@code EventValidator}), so a record can carry any event the stream accepted.
 */
public final class JsonFields {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonFields() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + ": expected a JSON object");
    }
  }

  // ---------------------------------------------------------------- writing

  /** Puts one field; null is left out (an absent optional property). */
  public static void put(ObjectNode node, String name, Object value) {
    JsonNode json = toNode(value);
    if (json != null) {
      node.set(name, json);
    }
  }

  private static JsonNode toNode(Object value) {
    if (value == null) {
      return null;
    } else if (value instanceof String s) {
      return NODES.textNode(s);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Instant i) {
      return NODES.textNode(i.toString());
    } else if (value instanceof LocalDate d) {
      return NODES.textNode(d.toString());
    } else if (value instanceof SchemaRecord r) {
      return r.toJsonNode();
    } else if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(item -> array.add(toNode(item)));
      return array;
    } else if (value instanceof JsonNode n) {
      return n;
    }
    throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
  }

  // ---------------------------------------------------------------- reading

  private static JsonNode field(JsonNode node, String name, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException("required field " + name + " is missing");
      }
      return null;
    }
    return value;
  }

  private static IllegalArgumentException wrongType(String name, String expected, JsonNode value) {
    return new IllegalArgumentException(
        "field " + name + " must be " + expected + ", found " + value.getNodeType());
  }

  public static String string(JsonNode node, String name, boolean required) {
    JsonNode value = field(node, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(name, "a string", value);
    }
    return value.textValue();
  }

  /** An ISO-8601 date-time with offset (what JSON Schema's {@code date-time} format requires). */
  public static Instant instant(JsonNode node, String name, boolean required) {
    String text = string(node, name, required);
    try {
      return text == null
          ? null
          : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field " + name + " is not a date-time: " + text, e);
    }
  }

  public static LocalDate date(JsonNode node, String name, boolean required) {
    String text = string(node, name, required);
    try {
      return text == null ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field " + name + " is not a date: " + text, e);
    }
  }

  /** A JSON integer (JSON Schema also accepts {@code 3.0} as an integer). */
  public static Long integer(JsonNode node, String name, boolean required) {
    JsonNode value = field(node, name, required);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())) {
      return (long) value.doubleValue();
    }
    throw wrongType(name, "an integer", value);
  }

  public static Double number(JsonNode node, String name, boolean required) {
    JsonNode value = field(node, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw wrongType(name, "a number", value);
    }
    return value.doubleValue();
  }

  public static Boolean bool(JsonNode node, String name, boolean required) {
    JsonNode value = field(node, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(name, "a boolean", value);
    }
    return value.booleanValue();
  }

  public static List<String> strings(JsonNode node, String name, boolean required) {
    JsonNode value = array(node, name, required);
    if (value == null) {
      return null;
    }
    List<String> items = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(name + "[]", "a string", item);
      }
      items.add(item.textValue());
    }
    return Collections.unmodifiableList(items);
  }

  public static <T> List<T> records(
      JsonNode node, String name, boolean required, Function<JsonNode, T> reader) {
    JsonNode value = array(node, name, required);
    if (value == null) {
      return null;
    }
    List<T> items = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode item : value) {
      try {
        items.add(reader.apply(item));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + "[" + i + "]: " + e.getMessage(), e);
      }
      i++;
    }
    return Collections.unmodifiableList(items);
  }

  public static JsonNode json(JsonNode node, String name, boolean required) {
    return field(node, name, required);
  }

  private static JsonNode array(JsonNode node, String name, boolean required) {
    JsonNode value = field(node, name, required);
    if (value != null && !value.isArray()) {
      throw wrongType(name, "an array", value);
    }
    return value;
  }
}
