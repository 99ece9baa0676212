package io.servicelake.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicelake.codegen.SchemaCodegen;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import io.servicelake.schemas.EventValidator;
import io.servicelake.schemas.TestCatalog;
import io.servicelake.schemas.ValidationResult;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records generated from the schemas at build time: every example round-trips through its
 * record and still validates; each record's components are exactly the envelope plus the union of
 * its versions' properties, typed and nullable as the schema says; and a schema change changes the
 * generated code (the records are generated, never a hand-written copy).
 */
class EventRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCatalog CATALOG = TestCatalog.CATALOG;
  private static final EventValidator VALIDATOR = TestCatalog.VALIDATOR;
  private static final Path SCHEMAS = Path.of("src/main/resources/servicelake/schemas");
  private static final Path GENERATED = Path.of("target/generated-sources/event-records");
  private static final String PACKAGE = "io.servicelake.schemas.events";

  /** Numbers compare by value (an example's {@code 0} is the record's {@code 0.0}). */
  private static final Comparator<JsonNode> NUMERIC =
      (a, b) ->
          a.isNumber() && b.isNumber()
              ? Double.compare(a.doubleValue(), b.doubleValue())
              : a.equals(b) ? 0 : 1;

  static Stream<EventSchema> schemas() {
    return CATALOG.all().stream();
  }

  @Test
  void thereIsOneRecordPerEventType() {
    assertThat(EventRecords.TYPES.keySet()).containsExactlyElementsOf(CATALOG.eventTypes());
    EventRecords.TYPES.forEach(
        (type, record) -> {
          assertThat(record.isRecord()).isTrue();
          assertThat(field(record, "EVENT_TYPE")).isEqualTo(type);
          assertThat(field(record, "VERSIONS"))
              .isEqualTo(CATALOG.versions(type).stream().map(EventSchema::version).toList());
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void everyExampleRoundTripsThroughItsRecordAndStillValidates(EventSchema schema)
      throws Exception {
    for (JsonNode example : schema.document().path("examples")) {
      ServiceEvent event = EventRecords.fromJsonNode(example);
      assertThat(event).isInstanceOf(EventRecords.TYPES.get(schema.eventType()));
      assertThat(event.eventType()).isEqualTo(schema.eventType());
      assertThat(event.schemaVersion()).isEqualTo(schema.version());

      String json = event.toJson();
      assertThat(JSON.readTree(json).equals(NUMERIC, example))
          .as("%s re-serialised: %s", schema.eventType(), json)
          .isTrue();
      assertThat(VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8)))
          .as("%s re-serialised", schema.eventType())
          .isInstanceOf(ValidationResult.Valid.class);
      // records are values: parse(write(x)) == x, also through the typed entry point
      assertThat(EventRecords.fromJson(json)).isEqualTo(event);
      Object typed =
          event.getClass().getMethod("fromJson", String.class).invoke(null, example.toString());
      assertThat(typed).isEqualTo(event);
      Object rebuilt = invoke(invoke(event, "toBuilder"), "build");
      assertThat(rebuilt).isEqualTo(event);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void componentsAreTheEnvelopeThenTheUnionOfEveryVersionTypedAsTheSchemaSays(EventSchema schema) {
    Class<?> record = EventRecords.TYPES.get(schema.eventType());
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    Set<String> requiredEverywhere = new LinkedHashSet<>();
    JsonNode envelope = readJson(SCHEMAS.resolve("envelope.json"));
    envelope
        .path("properties")
        .fields()
        .forEachRemaining(p -> expected.put(p.getKey(), p.getValue()));
    envelope.path("required").forEach(r -> requiredEverywhere.add(r.asText()));
    List<EventSchema> versions = CATALOG.versions(schema.eventType());
    Set<String> payloadRequired = null;
    for (EventSchema version : versions) {
      version
          .document()
          .path("properties")
          .fields()
          .forEachRemaining(p -> expected.putIfAbsent(p.getKey(), p.getValue()));
      Set<String> required = new LinkedHashSet<>();
      version.document().path("required").forEach(r -> required.add(r.asText()));
      if (payloadRequired == null) {
        payloadRequired = required;
      } else {
        payloadRequired.retainAll(required);
      }
    }
    requiredEverywhere.addAll(payloadRequired);

    RecordComponent[] components = record.getRecordComponents();
    assertThat(field(record, "FIELD_NAMES")).isEqualTo(List.copyOf(expected.keySet()));
    assertThat(components).hasSize(expected.size());
    int i = 0;
    for (Map.Entry<String, JsonNode> property : expected.entrySet()) {
      RecordComponent component = components[i++];
      String name = property.getKey();
      assertThat(component.getName()).isEqualTo(camel(name));
      Class<?> type = component.getType();
      boolean required = requiredEverywhere.contains(name);
      assertThat(type)
          .as("%s.%s", schema.eventType(), name)
          .isEqualTo(javaType(property.getValue(), required));
      assertThat(component.isAnnotationPresent(Pii.class))
          .as("%s.%s is PII", schema.eventType(), name)
          .isEqualTo(property.getValue().path("x-pii").asBoolean(false));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void optionalFieldsMayBeAbsentAndRequiredOnesMayNot(EventSchema schema) {
    ObjectNode example = (ObjectNode) schema.document().path("examples").get(0);
    Set<String> required = new LinkedHashSet<>();
    schema.document().path("required").forEach(r -> required.add(r.asText()));
    ObjectNode minimal = example.deepCopy();
    Iterator<String> names = example.fieldNames();
    List<String> optional = new ArrayList<>();
    names.forEachRemaining(
        n -> {
          if (!required.contains(n)
              && !List.of("event_id", "event_type", "schema_version", "occurred_at", "source")
                  .contains(n)) {
            optional.add(n);
          }
        });
    optional.forEach(minimal::remove);
    ServiceEvent event = EventRecords.fromJsonNode(minimal);
    assertThat(event.toJsonNode().equals(NUMERIC, minimal)).isTrue();
    for (String field : required) {
      ObjectNode broken = example.deepCopy();
      broken.remove(field);
      assertThatThrownBy(() -> EventRecords.fromJsonNode(broken))
          .as("%s without %s", schema.eventType(), field)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(field);
    }
  }

  @Test
  void theBuilderNamesEveryFieldAndChecksRequiredOnes() {
    ServiceRequested request =
        ServiceRequested.builder()
            .eventId("5d0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0099")
            .occurredAt(Instant.parse("2025-01-02T03:04:05Z"))
            .source("call-centre")
            .requestId("SR-00000009")
            .channel(ServiceRequested.Channel.WEB)
            .category(ServiceRequested.Category.RETURN_EXCHANGE)
            .serial("SN-0000009")
            .region("north")
            .priority(ServiceRequested.Priority.NORMAL)
            .customerPhone("+86 138 0000 0009")
            .build();
    assertThat(request.eventType()).isEqualTo("service.requested");
    assertThat(request.schemaVersion()).isEqualTo(ServiceRequested.LATEST_VERSION);
    assertThat(request.model()).isNull();
    assertThat(VALIDATOR.validate(request.toJson().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ValidationResult.Valid.class);
    assertThat(ServiceRequested.PII_FIELDS)
        .containsExactlyInAnyOrder("customer_name", "customer_phone", "customer_address");
    assertThatThrownBy(() -> request.toBuilder().serial(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("serial is required");
    assertThatThrownBy(() -> WorkorderSignedOff.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("is required");
    assertThatThrownBy(() -> EventRecords.fromJson("{\"event_type\":\"service.requested_legacy\"}"))
        .hasMessageContaining("unknown event_type");
  }

  @Test
  void theCompiledRecordsAreWhatTheGeneratorMakesOfTodaysSchemas(@TempDir Path out)
      throws IOException {
    SchemaCodegen.generate(SCHEMAS, out, PACKAGE);
    Path fresh = out.resolve(PACKAGE.replace('.', '/'));
    Path built = GENERATED.resolve(PACKAGE.replace('.', '/'));
    try (Stream<Path> files = Files.list(fresh)) {
      for (Path file : files.toList()) {
        assertThat(built.resolve(file.getFileName()))
            .as("generated %s is current", file.getFileName())
            .hasSameTextualContentAs(file);
      }
    }
    try (Stream<Path> files = Files.list(built)) {
      assertThat(files.count()).isEqualTo(EventRecords.TYPES.size() + 1L);
    }
  }

  @Test
  void aSchemaChangeRegeneratesTheRecord(@TempDir Path work) throws Exception {
    // a copy of the catalogue where service.requested renames customer_phone and gains a v2
    Path schemas = work.resolve("schemas");
    copy(SCHEMAS, schemas);
    Path v1 = schemas.resolve("events/service.requested/v1.json");
    Files.writeString(
        v1, Files.readString(v1).replace("\"customer_phone\"", "\"customer_mobile\""));
    ObjectNode v2 = (ObjectNode) readJson(v1);
    ((ObjectNode) v2.path("properties"))
        .putObject("preferred_visit_date")
        .put("type", "string")
        .put("format", "date")
        .put("description", "Date the customer would like the visit.");
    Files.writeString(schemas.resolve("events/service.requested/v2.json"), v2.toString());
    Path index = schemas.resolve("events/index.txt");
    Files.writeString(
        index,
        Files.readString(index)
            .replace("service.requested 1\n", "service.requested 1\nservice.requested 2\n"));

    Path sources = work.resolve("src");
    SchemaCodegen.Result result = SchemaCodegen.generate(schemas, sources, "gen.events", PACKAGE);
    assertThat(result.records()).isEqualTo(CATALOG.eventTypes().size());
    Path source = sources.resolve("gen/events/ServiceRequested.java");
    assertThat(Files.readString(source))
        .contains("customerMobile", "LocalDate preferredVisitDate", "Since v2")
        .doesNotContain("customerPhone");

    // and the regenerated sources compile against the runtime support, with the new components
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-proc:none",
                "-encoding",
                "UTF-8"));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> record = loader.loadClass("gen.events.ServiceRequested");
      List<String> names =
          Stream.of(record.getRecordComponents()).map(RecordComponent::getName).toList();
      assertThat(names)
          .contains("customerMobile", "preferredVisitDate")
          .doesNotContain("customerPhone");
      assertThat(field(record, "VERSIONS")).isEqualTo(List.of(1, 2));
      RecordComponent added = record.getRecordComponents()[names.indexOf("preferredVisitDate")];
      assertThat(added.getType()).isEqualTo(LocalDate.class);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Class<?> javaType(JsonNode spec, boolean required) {
    return switch (spec.path("type").asText()) {
      case "string" ->
          switch (spec.path("format").asText("")) {
            case "date-time" -> Instant.class;
            case "date" -> LocalDate.class;
            default -> String.class;
          };
      case "integer" -> required ? long.class : Long.class;
      case "number" -> required ? double.class : Double.class;
      case "boolean" -> required ? boolean.class : Boolean.class;
      case "array" -> List.class;
      default -> JsonNode.class;
    };
  }

  private static String camel(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_' || c == '.') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static Object field(Class<?> type, String name) {
    try {
      return type.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(type + " has no constant " + name, e);
    }
  }

  private static Object invoke(Object target, String method) throws Exception {
    var m = target.getClass().getMethod(method);
    m.setAccessible(true);
    return m.invoke(target);
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
