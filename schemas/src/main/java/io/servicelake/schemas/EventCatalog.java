package io.servicelake.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every event schema ServiceLake accepts, loaded from the JSON Schema files on the classpath under
 * {@code servicelake/schemas/}. This is the single source of truth: validators, table definitions
 * and documentation are derived from these files.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class EventCatalog {

  static final String ROOT = "servicelake/schemas/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Schema envelope;
  private final List<FieldSpec> envelopeFields;
  private final Map<String, Map<Integer, EventSchema>> schemas;

  private EventCatalog(
      Schema envelope,
      List<FieldSpec> envelopeFields,
      Map<String, Map<Integer, EventSchema>> schemas) {
    this.envelope = envelope;
    this.envelopeFields = envelopeFields;
    this.schemas = schemas;
  }

  /** Loads the catalogue bundled with this module. */
  public static EventCatalog load() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    JsonNode envelopeDoc = readJson(ROOT + "envelope.json");
    Map<String, Map<Integer, EventSchema>> byType = new LinkedHashMap<>();
    for (String line : readText(ROOT + "events/index.txt").split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] parts = entry.split("\\s+");
      String type = parts[0];
      int version = Integer.parseInt(parts[1]);
      JsonNode doc = readJson(ROOT + "events/" + type + "/v" + version + ".json");
      EventSchema schema =
          new EventSchema(
              type,
              version,
              doc.path("description").asText(""),
              fields(doc),
              doc,
              registry.getSchema(doc));
      byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(version, schema);
    }
    byType.replaceAll((type, versions) -> Collections.unmodifiableMap(versions));
    return new EventCatalog(
        registry.getSchema(envelopeDoc), fields(envelopeDoc), Collections.unmodifiableMap(byType));
  }

  /** The envelope validator, applied to every event before its type's schema. */
  Schema envelope() {
    return envelope;
  }

  public List<FieldSpec> envelopeFields() {
    return envelopeFields;
  }

  public Set<String> eventTypes() {
    return schemas.keySet();
  }

  /** All versions of one type, lowest first; empty when the type is unknown. */
  public List<EventSchema> versions(String eventType) {
    return List.copyOf(schemas.getOrDefault(eventType, Map.of()).values());
  }

  public Optional<EventSchema> find(String eventType, int version) {
    return Optional.ofNullable(schemas.getOrDefault(eventType, Map.of()).get(version));
  }

  /** Every schema of every type, in catalogue order. */
  public List<EventSchema> all() {
    List<EventSchema> all = new ArrayList<>();
    schemas.values().forEach(versions -> all.addAll(versions.values()));
    return all;
  }

  private static List<FieldSpec> fields(JsonNode doc) {
    List<String> required = new ArrayList<>();
    doc.path("required").forEach(node -> required.add(node.asText()));
    List<FieldSpec> fields = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> properties = doc.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode spec = property.getValue();
      fields.add(
          new FieldSpec(
              property.getKey(),
              spec.path("type").asText("string"),
              spec.path("format").asText(""),
              required.contains(property.getKey()),
              spec.path("x-pii").asBoolean(false),
              spec.path("description").asText("")));
    }
    return List.copyOf(fields);
  }

  static JsonNode readJson(String resource) {
    try {
      return JSON.readTree(readText(resource));
    } catch (IOException e) {
      throw new UncheckedIOException("Schema file " + resource + " is not valid JSON", e);
    }
  }

  static String readText(String resource) {
    try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Schema resource missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
