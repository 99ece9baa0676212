package io.servicelake.codegen;

import io.servicelake.codegen.SchemaModel.EventModel;
import io.servicelake.codegen.SchemaModel.Field;
import io.servicelake.codegen.SchemaModel.Kind;
import io.servicelake.codegen.SchemaModel.TypeModel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the Java source of one generated record. The output is plain Java 17 (records, no
 * annotation processing) that depends only on Jackson and the small runtime support in the target
 * package ({@code SchemaRecord}, {@code ServiceEvent}, {@code Pii}, {@code JsonFields}), which the
 * schemas module provides by hand.
 */
final class RecordWriter {

  static final String GENERATOR = SchemaCodegen.class.getName();

  /** Names the generated code imports: an enum-values holder must not shadow them. */
  private static final Set<String> TAKEN =
      Set.of(
          "List",
          "Set",
          "Objects",
          "Instant",
          "LocalDate",
          "JsonNode",
          "ObjectNode",
          "BiConsumer",
          "Builder",
          "Generated",
          "Pii",
          "JsonFields",
          "SchemaRecord",
          "ServiceEvent",
          "Override");

  private final String pkg;
  private final String runtimePkg;
  private final StringBuilder out = new StringBuilder(16_384);
  private int indent;

  RecordWriter(String pkg, String runtimePkg) {
    this.pkg = pkg;
    this.runtimePkg = runtimePkg;
  }

  String event(EventModel event) {
    line("package " + pkg + ";");
    line("");
    line("import com.fasterxml.jackson.databind.JsonNode;");
    line("import com.fasterxml.jackson.databind.node.ObjectNode;");
    if (!runtimePkg.equals(pkg)) {
      for (String support : List.of("JsonFields", "Pii", "SchemaRecord", "ServiceEvent")) {
        line("import " + runtimePkg + "." + support + ";");
      }
    }
    line("import java.time.Instant;");
    line("import java.time.LocalDate;");
    line("import java.util.List;");
    line("import java.util.Objects;");
    line("import java.util.Set;");
    line("import java.util.function.BiConsumer;");
    line("import javax.annotation.processing.Generated;");
    line("");
    TypeModel type = event.type();
    line("/**");
    doc(type.description());
    line(" *");
    doc(
        "<p>Generated from "
            + event.files().stream().map(f -> "{@code " + f + "}").collect(Collectors.joining(", "))
            + " by {@code "
            + GENERATOR
            + "} at build time; never edit it, edit the schema. Components: the envelope, then the"
            + " union of the payload properties of every version in declaration order. A component"
            + " is non-null (primitive where possible) when every version requires it, else"
            + " nullable. Enumerated strings stay {@code String} (a newer version may add values"
            + " that an older reader must still carry); their values are constants in the nested"
            + " holder classes.");
    line(" *");
    params(type);
    line(" */");
    line("@Generated(\"" + GENERATOR + "\")");
    body(type, event, true);
    return out.toString();
  }

  private void body(TypeModel type, EventModel event, boolean top) {
    String name = type.javaName();
    line(
        (top ? "public record " : "public static record ")
            + name
            + "("
            + (type.fields().isEmpty() ? ")" : ""));
    indent += 2;
    List<Field> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      line(
          (f.pii() ? "@Pii " : "")
              + javaType(f, true)
              + " "
              + f.javaName()
              + (i == fields.size() - 1 ? ")" : ","));
    }
    line("implements " + (top ? "ServiceEvent" : "SchemaRecord") + " {");
    indent -= 2;
    indent += 2;

    line("");
    if (top) {
      line("/** The event type this record carries. */");
      line("public static final String EVENT_TYPE = " + literal(event.eventType()) + ";");
      line("");
      line("/** Every schema version of the type, ascending; the record covers them all. */");
      line(
          "public static final List<Integer> VERSIONS = List.of("
              + event.versions().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ");");
      line("");
      line("/** The newest schema version: the default {@code schema_version} of the builder. */");
      line(
          "public static final int LATEST_VERSION = "
              + event.versions().get(event.versions().size() - 1)
              + ";");
      line("");
    }
    line("/** JSON property names, in the order {@link #toJsonNode()} writes them. */");
    line(
        "public static final List<String> FIELD_NAMES = List.of("
            + fields.stream().map(f -> literal(f.jsonName())).collect(Collectors.joining(", "))
            + ");");
    line("");
    line("/** Properties the schema marks {@code x-pii}: masked downstream. */");
    line(
        "public static final Set<String> PII_FIELDS = Set.of("
            + fields.stream()
                .filter(Field::pii)
                .map(f -> literal(f.jsonName()))
                .collect(Collectors.joining(", "))
            + ");");

    Map<Field, String> holders = holderNames(type);
    for (Map.Entry<Field, String> holder : holders.entrySet()) {
      Field f = holder.getKey();
      line("");
      line("/** Allowed values of {@code " + f.jsonName() + "} (union over versions). */");
      line("public static final class " + holder.getValue() + " {");
      indent += 2;
      for (String value : f.enumValues()) {
        line(
            "public static final String "
                + SchemaModel.constantName(value)
                + " = "
                + literal(value)
                + ";");
      }
      line("");
      line("/** Every allowed value, in schema order. */");
      line(
          "public static final List<String> VALUES = List.of("
              + f.enumValues().stream().map(RecordWriter::literal).collect(Collectors.joining(", "))
              + ");");
      line("");
      line("private " + holder.getValue() + "() {}");
      indent -= 2;
      line("}");
    }

    // canonical constructor: required components must be present, lists are copied
    line("");
    line("/** Checks that every required component is present; copies lists. */");
    line("public " + name + " {");
    indent += 2;
    for (Field f : fields) {
      if (f.required() && !isPrimitive(f)) {
        line(
            "Objects.requireNonNull("
                + f.javaName()
                + ", \""
                + f.jsonName()
                + " is required"
                + (top ? " in " + event.eventType() : "")
                + "\");");
      }
      if (f.kind() == Kind.RECORD_LIST || f.kind() == Kind.STRING_LIST) {
        line(
            f.javaName()
                + " = "
                + f.javaName()
                + " == null ? null : List.copyOf("
                + f.javaName()
                + ");");
      }
    }
    indent -= 2;
    line("}");

    // forEachField
    line("");
    line("@Override");
    line("public void forEachField(BiConsumer<String, Object> action) {");
    indent += 2;
    for (Field f : fields) {
      if (isPrimitive(f)) {
        line("action.accept(" + literal(f.jsonName()) + ", " + f.javaName() + ");");
      } else {
        line("if (" + f.javaName() + " != null) {");
        line("  action.accept(" + literal(f.jsonName()) + ", " + f.javaName() + ");");
        line("}");
      }
    }
    indent -= 2;
    line("}");

    // toJsonNode
    line("");
    line("@Override");
    line("public ObjectNode toJsonNode() {");
    indent += 2;
    line("ObjectNode node = JsonFields.object();");
    for (Field f : fields) {
      line("JsonFields.put(node, " + literal(f.jsonName()) + ", " + f.javaName() + ");");
    }
    line("return node;");
    indent -= 2;
    line("}");

    // fromJson
    line("");
    line(
        "/** Parses one JSON object; throws {@link IllegalArgumentException} when it does not fit. */");
    line("public static " + name + " fromJson(String json) {");
    line("  return fromJsonNode(JsonFields.parse(json));");
    line("}");
    line("");
    line("/** Reads a parsed JSON object; unknown properties are ignored (schemas allow them). */");
    line("public static " + name + " fromJsonNode(JsonNode node) {");
    indent += 2;
    line("JsonFields.requireObject(node, " + literal(type.title()) + ");");
    line("return new " + name + "(");
    indent += 4;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      line(reader(f) + (i == fields.size() - 1 ? ");" : ","));
    }
    indent -= 4;
    indent -= 2;
    line("}");

    // builder
    line("");
    line(
        "/** A builder: named setters, so a renamed schema property breaks the caller's build. */");
    line("public static Builder builder() {");
    line("  return new Builder();");
    line("}");
    line("");
    line("/** A builder holding this record's values. */");
    line("public Builder toBuilder() {");
    indent += 2;
    line("Builder builder = new Builder();");
    for (Field f : fields) {
      line("builder." + f.javaName() + " = " + f.javaName() + ";");
    }
    line("return builder;");
    indent -= 2;
    line("}");
    line("");
    line("/** Builds a {@link " + name + "}; {@link #build()} checks required components. */");
    line("public static final class Builder {");
    indent += 2;
    for (Field f : fields) {
      String init = "";
      if (top && f.jsonName().equals("event_type")) {
        init = " = EVENT_TYPE";
      } else if (top && f.jsonName().equals("schema_version")) {
        init = " = (long) LATEST_VERSION";
      }
      line("private " + javaType(f, false) + " " + f.javaName() + init + ";");
    }
    line("");
    line("private Builder() {}");
    for (Field f : fields) {
      line("");
      line("/** Sets {@code " + f.jsonName() + "}; see the record's {@code @param}. */");
      line("public Builder " + f.javaName() + "(" + javaType(f, false) + " value) {");
      line("  this." + f.javaName() + " = value;");
      line("  return this;");
      line("}");
      if (f.kind() == Kind.INTEGER) {
        // int arguments are the common case in callers; no widening boxing in Java
        line("");
        line("/** Sets {@code " + f.jsonName() + "} from an {@code int}. */");
        line("public Builder " + f.javaName() + "(int value) {");
        line("  this." + f.javaName() + " = (long) value;");
        line("  return this;");
        line("}");
      }
    }
    line("");
    line("/** The record; throws {@link NullPointerException} naming a missing required field. */");
    line("public " + name + " build() {");
    indent += 2;
    line("return new " + name + "(");
    indent += 4;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String value =
          isPrimitive(f)
              ? "Objects.requireNonNull("
                  + f.javaName()
                  + ", \""
                  + f.jsonName()
                  + " is required"
                  + (top ? " in " + event.eventType() : "")
                  + "\")"
              : f.javaName();
      line(value + (i == fields.size() - 1 ? ");" : ","));
    }
    indent -= 4;
    indent -= 2;
    line("}");
    indent -= 2;
    line("}");

    // nested item records
    for (Field f : fields) {
      if (f.items() != null) {
        line("");
        line("/**");
        doc(
            "One item of {@code "
                + f.jsonName()
                + "}"
                + (f.items().description().isEmpty() ? "." : ": " + f.items().description()));
        line(" *");
        params(f.items());
        line(" */");
        body(f.items(), event, false);
      }
    }
    indent -= 2;
    line("}");
  }

  private Map<Field, String> holderNames(TypeModel type) {
    Set<String> used = new HashSet<>(TAKEN);
    used.add(type.javaName());
    for (Field f : type.fields()) {
      if (f.items() != null) {
        used.add(f.items().javaName());
      }
    }
    Map<Field, String> names = new LinkedHashMap<>();
    for (Field f : type.fields()) {
      if (f.enumValues().isEmpty()) {
        continue;
      }
      String name = SchemaModel.pascal(f.jsonName());
      if (!used.add(name)) {
        name = name + "Values";
        if (!used.add(name)) {
          throw new IllegalArgumentException(
              type.title() + "." + f.jsonName() + ": no free name for its enum holder");
        }
      }
      names.put(f, name);
    }
    return names;
  }

  private void params(TypeModel type) {
    for (Field f : type.fields()) {
      StringBuilder text = new StringBuilder();
      text.append(f.description().isEmpty() ? "(no description)" : f.description());
      if (!f.enumValues().isEmpty()) {
        text.append(" One of: ")
            .append(
                f.enumValues().stream()
                    .map(v -> "{@code " + v + "}")
                    .collect(Collectors.joining(", ")))
            .append('.');
      }
      text.append(f.required() ? " Required." : " Optional (null when absent).");
      if (f.since() > 1) {
        text.append(" Since v").append(f.since()).append('.');
      }
      if (f.pii()) {
        text.append(" <b>PII</b>: masked downstream.");
      }
      doc("@param " + f.javaName() + " {@code " + f.jsonName() + "}: " + text);
    }
  }

  private String reader(Field f) {
    String n = literal(f.jsonName());
    String r = String.valueOf(f.required());
    return switch (f.kind()) {
      case STRING -> "JsonFields.string(node, " + n + ", " + r + ")";
      case INSTANT -> "JsonFields.instant(node, " + n + ", " + r + ")";
      case DATE -> "JsonFields.date(node, " + n + ", " + r + ")";
      case INTEGER -> "JsonFields.integer(node, " + n + ", " + r + ")";
      case NUMBER -> "JsonFields.number(node, " + n + ", " + r + ")";
      case BOOLEAN -> "JsonFields.bool(node, " + n + ", " + r + ")";
      case STRING_LIST -> "JsonFields.strings(node, " + n + ", " + r + ")";
      case RECORD_LIST ->
          "JsonFields.records(node, "
              + n
              + ", "
              + r
              + ", "
              + f.items().javaName()
              + "::fromJsonNode)";
      case JSON -> "JsonFields.json(node, " + n + ", " + r + ")";
    };
  }

  private static boolean isPrimitive(Field f) {
    return f.required()
        && (f.kind() == Kind.INTEGER || f.kind() == Kind.NUMBER || f.kind() == Kind.BOOLEAN);
  }

  private static String javaType(Field f, boolean component) {
    boolean primitive = component && isPrimitive(f);
    return switch (f.kind()) {
      case STRING -> "String";
      case INSTANT -> "Instant";
      case DATE -> "LocalDate";
      case INTEGER -> primitive ? "long" : "Long";
      case NUMBER -> primitive ? "double" : "Double";
      case BOOLEAN -> primitive ? "boolean" : "Boolean";
      case STRING_LIST -> "List<String>";
      case RECORD_LIST -> "List<" + f.items().javaName() + ">";
      case JSON -> "JsonNode";
    };
  }

  static String literal(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** A javadoc line (wrapped at ~100 columns), HTML and comment terminators escaped. */
  private void doc(String text) {
    String escaped = escapeDoc(text);
    StringBuilder current = new StringBuilder();
    for (String word : escaped.split(" ")) {
      if (current.length() > 0 && current.length() + word.length() + indent > 92) {
        line(" * " + current);
        current.setLength(0);
        current.append("    ");
      }
      if (current.length() > 0 && !current.toString().isBlank()) {
        current.append(' ');
      }
      current.append(word);
    }
    line(" * " + current);
  }

  /** Keeps the generator's own tags ({@code {@code …}}, {@code <p>}, {@code <b>}) intact. */
  static String escapeDoc(String text) {
    String s = text.replace("*/", "*&#47;");
    // descriptions come from the schema files: escape what javadoc would read as markup
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (s.startsWith("{@code ", i) || s.startsWith("@param ", i)) {
        int close = s.startsWith("{@code ", i) ? s.indexOf('}', i) + 1 : i + 7;
        out.append(s, i, close);
        i = close;
      } else if (s.startsWith("<p>", i) || s.startsWith("<b>", i)) {
        out.append(s, i, i + 3);
        i += 3;
      } else if (s.startsWith("</b>", i)) {
        out.append("</b>");
        i += 4;
      } else {
        char c = s.charAt(i++);
        switch (c) {
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '&' -> out.append(s.startsWith("#47;", i) ? "&" : "&amp;");
          case '@' -> out.append("{@literal @}");
          default -> out.append(c);
        }
      }
    }
    return out.toString();
  }

  private void line(String text) {
    if (text.isEmpty()) {
      out.append('\n');
      return;
    }
    out.append(" ".repeat(indent)).append(text).append('\n');
  }
}
