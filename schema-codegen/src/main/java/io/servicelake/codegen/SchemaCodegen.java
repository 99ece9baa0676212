package io.servicelake.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.codegen.SchemaModel.EventModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Generates one Java record per event type from the JSON Schema files (the single source of truth),
 * plus {@code EventRecords}, the registry that parses any event by its {@code event_type}. Run by
 * the schemas module at {@code generate-sources}:
 *
 * <pre>SchemaCodegen SCHEMAS_DIR OUTPUT_DIR PACKAGE [RUNTIME_PACKAGE]</pre>
 *
 * where {@code RUNTIME_PACKAGE} (default: {@code PACKAGE}) holds the hand-written support the
 * records use ({@code ServiceEvent}, {@code SchemaRecord}, {@code Pii}, {@code JsonFields}) and
 * {@code SCHEMAS_DIR} holds {@code envelope.json} and {@code events/index.txt}. Files are rewritten
 * only when their content changes (so incremental compiles stay incremental) and stale ones are
 * deleted, so a removed or renamed type disappears from the build.
 */
public final class SchemaCodegen {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaCodegen() {}

  public static void main(String[] args) {
    if (args.length != 3 && args.length != 4) {
      // run inside Maven's JVM by exec:java: throw, never System.exit
      throw new IllegalArgumentException(
          "usage: SchemaCodegen SCHEMAS_DIR OUTPUT_DIR PACKAGE [RUNTIME_PACKAGE]");
    }
    Result result =
        generate(Path.of(args[0]), Path.of(args[1]), args[2], args.length == 4 ? args[3] : args[2]);
    System.out.printf(
        "schema-codegen: %d event records from %d schema files (%d written, %d unchanged)%n",
        result.records(), result.schemaFiles(), result.written(), result.unchanged());
  }

  /** What one run did. */
  public record Result(int records, int schemaFiles, int written, int unchanged) {}

  /**
   * Reads the catalogue under {@code schemasDir} and writes the sources under {@code outputDir}.
   */
  public static Result generate(Path schemasDir, Path outputDir, String pkg) {
    return generate(schemasDir, outputDir, pkg, pkg);
  }

  /** As {@link #generate(Path, Path, String)}, with the runtime support in another package. */
  public static Result generate(Path schemasDir, Path outputDir, String pkg, String runtimePkg) {
    List<EventModel> events = read(schemasDir);
    Map<String, String> sources = new LinkedHashMap<>();
    for (EventModel event : events) {
      sources.put(
          event.type().javaName() + ".java", new RecordWriter(pkg, runtimePkg).event(event));
    }
    sources.put("EventRecords.java", registry(pkg, runtimePkg, events));
    Path dir = outputDir.resolve(pkg.replace('.', '/'));
    int written = 0;
    try {
      Files.createDirectories(dir);
      Set<String> stale = new TreeSet<>();
      try (Stream<Path> existing = Files.list(dir)) {
        existing.forEach(p -> stale.add(p.getFileName().toString()));
      }
      for (Map.Entry<String, String> source : sources.entrySet()) {
        stale.remove(source.getKey());
        Path file = dir.resolve(source.getKey());
        byte[] bytes = source.getValue().getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
          Files.write(file, bytes);
          written++;
        }
      }
      for (String name : stale) {
        Files.delete(dir.resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated sources to " + dir, e);
    }
    int files = events.stream().mapToInt(e -> e.versions().size()).sum();
    return new Result(events.size(), files, written, sources.size() - written);
  }

  /** Every event type of {@code events/index.txt}, its versions merged. */
  static List<EventModel> read(Path schemasDir) {
    JsonNode envelope = json(schemasDir.resolve("envelope.json"));
    Map<String, Map<Integer, JsonNode>> documents = new LinkedHashMap<>();
    Map<String, Map<Integer, String>> files = new LinkedHashMap<>();
    for (String line : text(schemasDir.resolve("events/index.txt")).split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] parts = entry.split("\\s+");
      String type = parts[0];
      int version = Integer.parseInt(parts[1]);
      String file = "events/" + type + "/v" + version + ".json";
      Map<Integer, JsonNode> versions = documents.computeIfAbsent(type, t -> new LinkedHashMap<>());
      if (!versions.isEmpty()
          && version <= versions.keySet().stream().max(Integer::compare).get()) {
        throw new IllegalArgumentException(
            "events/index.txt: versions of " + type + " must be listed in ascending order");
      }
      versions.put(version, json(schemasDir.resolve(file)));
      files.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(version, file);
    }
    List<EventModel> events = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (Map.Entry<String, Map<Integer, JsonNode>> type : documents.entrySet()) {
      EventModel event =
          SchemaModel.event(type.getKey(), type.getValue(), files.get(type.getKey()), envelope);
      if (!names.add(event.type().javaName()) || event.type().javaName().equals("EventRecords")) {
        throw new IllegalArgumentException(
            type.getKey() + ": its record name " + event.type().javaName() + " is already taken");
      }
      events.add(event);
    }
    return events;
  }

  private static String registry(String pkg, String runtimePkg, List<EventModel> events) {
    StringBuilder out = new StringBuilder();
    out.append("package ").append(pkg).append(";\n\n");
    out.append("import com.fasterxml.jackson.databind.JsonNode;\n");
    if (!runtimePkg.equals(pkg)) {
      out.append("import ").append(runtimePkg).append(".JsonFields;\n");
      out.append("import ").append(runtimePkg).append(".ServiceEvent;\n");
    }
    out.append("import java.util.LinkedHashMap;\n");
    out.append("import java.util.Map;\n");
    out.append("import java.util.function.Function;\n");
    out.append("import javax.annotation.processing.Generated;\n\n");
    out.append("/**\n");
    out.append(
        " * Every generated event record by {@code event_type}, in catalogue order. Generated by\n");
    out.append(" * {@code ").append(RecordWriter.GENERATOR).append("}; never edit it.\n");
    out.append(" */\n");
    out.append("@Generated(\"").append(RecordWriter.GENERATOR).append("\")\n");
    out.append("public final class EventRecords {\n\n");
    out.append("  /** Record class per event type. */\n");
    out.append("  public static final Map<String, Class<? extends ServiceEvent>> TYPES;\n\n");
    out.append("  private static final Map<String, Function<JsonNode, ServiceEvent>> PARSERS;\n\n");
    out.append("  static {\n");
    out.append("    Map<String, Class<? extends ServiceEvent>> types = new LinkedHashMap<>();\n");
    out.append(
        "    Map<String, Function<JsonNode, ServiceEvent>> parsers = new LinkedHashMap<>();\n");
    for (EventModel event : events) {
      String name = event.type().javaName();
      out.append("    types.put(")
          .append(name)
          .append(".EVENT_TYPE, ")
          .append(name)
          .append(".class);\n");
      out.append("    parsers.put(")
          .append(name)
          .append(".EVENT_TYPE, ")
          .append(name)
          .append("::fromJsonNode);\n");
    }
    out.append("    TYPES = java.util.Collections.unmodifiableMap(types);\n");
    out.append("    PARSERS = java.util.Collections.unmodifiableMap(parsers);\n");
    out.append("  }\n\n");
    out.append("  private EventRecords() {}\n\n");
    out.append("  /** Parses an event into the record of its {@code event_type}. */\n");
    out.append("  public static ServiceEvent fromJson(String json) {\n");
    out.append("    return fromJsonNode(JsonFields.parse(json));\n");
    out.append("  }\n\n");
    out.append("  /** Reads an event into the record of its {@code event_type}. */\n");
    out.append("  public static ServiceEvent fromJsonNode(JsonNode node) {\n");
    out.append("    String type = node.path(\"event_type\").asText(\"\");\n");
    out.append("    Function<JsonNode, ServiceEvent> parser = PARSERS.get(type);\n");
    out.append("    if (parser == null) {\n");
    out.append(
        "      throw new IllegalArgumentException(\"unknown event_type '\" + type + \"'\");\n");
    out.append("    }\n");
    out.append("    return parser.apply(node);\n");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }

  private static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("schema file " + file + " is not valid JSON", e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
