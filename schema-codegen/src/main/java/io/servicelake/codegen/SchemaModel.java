package io.servicelake.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the generator needs from the JSON Schema files: per event type the envelope fields, then the
 * union of the top-level properties of every version (declaration order, new fields of a later
 * version appended), each with its Java kind, nullability, PII flag, description and enum values.
 */
final class SchemaModel {

  /** How a JSON Schema property maps to Java. */
  enum Kind {
    STRING,
    INSTANT,
    DATE,
    INTEGER,
    NUMBER,
    BOOLEAN,
    /** {@code array} of {@code object}: a list of a nested generated record. */
    RECORD_LIST,
    /** {@code array} of strings. */
    STRING_LIST,
    /** Anything else (free-form object, mixed types): kept as a Jackson tree. */
    JSON
  }

  /**
   * One field of a generated record.
   *
   * @param required true only when every version that the record covers requires it (a field one
   *     version lacks is optional in the union)
   * @param since the first schema version that declares it
   */
  record Field(
      String jsonName,
      String javaName,
      Kind kind,
      boolean required,
      boolean pii,
      String description,
      List<String> enumValues,
      TypeModel items,
      int since) {}

  /** A generated record: an event type, or the items of an array of objects. */
  record TypeModel(String javaName, String title, String description, List<Field> fields) {}

  /** One event type with the versions it was merged from. */
  record EventModel(String eventType, List<Integer> versions, List<String> files, TypeModel type) {}

  private SchemaModel() {}

  /**
   * Merges the versions of one event type. {@code documents} maps version to its parsed schema, in
   * ascending version order; {@code envelope} is the parsed envelope schema.
   */
  static EventModel event(
      String eventType,
      Map<Integer, JsonNode> documents,
      Map<Integer, String> files,
      JsonNode env) {
    Map<String, Merged> merged = new LinkedHashMap<>();
    addProperties(merged, env, 1, eventType + " envelope");
    for (Merged field : merged.values()) {
      field.requiredEverywhere = field.requiredIn.size() == 1;
      field.envelope = true;
    }
    int versionCount = documents.size();
    String description = "";
    for (Map.Entry<Integer, JsonNode> version : documents.entrySet()) {
      JsonNode doc = version.getValue();
      addProperties(merged, doc, version.getKey(), eventType + " v" + version.getKey());
      description = doc.path("description").asText(description);
    }
    List<Field> fields = new ArrayList<>();
    String recordName = className(eventType);
    Set<String> nestedNames = new LinkedHashSet<>();
    for (Merged m : merged.values()) {
      boolean required =
          m.envelope ? m.requiredEverywhere : m.requiredIn.size() == versionCount && m.since >= 0;
      TypeModel items = null;
      if (m.kind == Kind.RECORD_LIST) {
        String name = singular(pascal(m.name));
        if (name.equals(recordName) || !nestedNames.add(name)) {
          name = name + "Item";
          nestedNames.add(name);
        }
        items = nested(name, m.name, m.spec.path("items"), eventType);
      }
      fields.add(
          new Field(
              m.name,
              javaName(m.name),
              m.kind,
              required,
              m.pii,
              m.description,
              List.copyOf(m.enumValues),
              items,
              m.envelope ? 1 : m.since));
    }
    return new EventModel(
        eventType,
        List.copyOf(documents.keySet()),
        List.copyOf(files.values()),
        new TypeModel(recordName, eventType, description, List.copyOf(fields)));
  }

  private static TypeModel nested(String javaName, String owner, JsonNode items, String eventType) {
    Map<String, Merged> merged = new LinkedHashMap<>();
    addProperties(merged, items, 1, eventType + "." + owner + "[]");
    List<Field> fields = new ArrayList<>();
    for (Merged m : merged.values()) {
      if (m.kind == Kind.RECORD_LIST) {
        throw new IllegalArgumentException(
            eventType
                + "."
                + owner
                + "[]."
                + m.name
                + ": nested arrays of objects are not supported");
      }
      fields.add(
          new Field(
              m.name,
              javaName(m.name),
              m.kind,
              !m.requiredIn.isEmpty(),
              m.pii,
              m.description,
              List.copyOf(m.enumValues),
              null,
              1));
    }
    return new TypeModel(
        javaName, owner + " item", items.path("description").asText(""), List.copyOf(fields));
  }

  /** A property while versions are merged. */
  private static final class Merged {
    final String name;
    final JsonNode spec;
    final Kind kind;
    final int since;
    final Set<Integer> requiredIn = new LinkedHashSet<>();
    final Set<String> enumValues = new LinkedHashSet<>();
    boolean pii;
    boolean envelope;
    boolean requiredEverywhere;
    String description;

    Merged(String name, JsonNode spec, Kind kind, int since) {
      this.name = name;
      this.spec = spec;
      this.kind = kind;
      this.since = since;
    }
  }

  private static void addProperties(
      Map<String, Merged> merged, JsonNode doc, int version, String where) {
    Set<String> required = new LinkedHashSet<>();
    doc.path("required").forEach(r -> required.add(r.asText()));
    Iterator<Map.Entry<String, JsonNode>> properties = doc.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String name = property.getKey();
      JsonNode spec = property.getValue();
      Kind kind = kind(spec);
      Merged field = merged.get(name);
      if (field == null) {
        field = new Merged(name, spec, kind, version);
        merged.put(name, field);
      } else if (field.kind != kind) {
        throw new IllegalArgumentException(
            where
                + ": property "
                + name
                + " changes type from "
                + field.kind
                + " to "
                + kind
                + "; a new version may add fields, not retype them");
      }
      if (required.contains(name)) {
        field.requiredIn.add(version);
      }
      field.pii |= spec.path("x-pii").asBoolean(false);
      // the newest description wins: later versions document the field best
      String description = spec.path("description").asText("");
      if (!description.isEmpty() || field.description == null) {
        field.description = description;
      }
      for (JsonNode value : spec.path("enum")) {
        field.enumValues.add(value.asText());
      }
    }
    for (String name : required) {
      if (!merged.containsKey(name)) {
        throw new IllegalArgumentException(
            where + ": required property " + name + " is not declared in properties");
      }
    }
  }

  static Kind kind(JsonNode spec) {
    String type = spec.path("type").asText("");
    String format = spec.path("format").asText("");
    return switch (type) {
      case "string" ->
          switch (format) {
            case "date-time" -> Kind.INSTANT;
            case "date" -> Kind.DATE;
            default -> Kind.STRING;
          };
      case "integer" -> Kind.INTEGER;
      case "number" -> Kind.NUMBER;
      case "boolean" -> Kind.BOOLEAN;
      case "array" -> {
        String items = spec.path("items").path("type").asText("");
        yield items.equals("object") && spec.path("items").has("properties")
            ? Kind.RECORD_LIST
            : items.equals("string") ? Kind.STRING_LIST : Kind.JSON;
      }
      default -> Kind.JSON;
    };
  }

  // ---------------------------------------------------------------- names

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "record",
          "var",
          "yield",
          "sealed",
          "permits",
          // methods every generated record has
          "builder",
          "toBuilder",
          "toJson",
          "toJsonNode",
          "fromJson",
          "fromJsonNode",
          "forEachField",
          "hashCode",
          "toString",
          "equals",
          "getClass");

  /** {@code supplier.claim.filed} → {@code SupplierClaimFiled}. */
  static String className(String eventType) {
    return pascal(eventType);
  }

  static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    if (out.isEmpty() || !Character.isJavaIdentifierStart(out.charAt(0))) {
      out.insert(0, 'X');
    }
    return out.toString();
  }

  static String javaName(String jsonName) {
    String pascal = pascal(jsonName);
    String camel = Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    return KEYWORDS.contains(camel) ? camel + "Value" : camel;
  }

  /** {@code return_exchange} → {@code RETURN_EXCHANGE}; {@code 24h} → {@code _24H}. */
  static String constantName(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      out.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
    }
    String name = out.toString().toUpperCase(Locale.ROOT);
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  private static String singular(String name) {
    if (name.endsWith("ies")) {
      return name.substring(0, name.length() - 3) + "y";
    }
    return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }
}
