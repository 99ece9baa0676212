package io.servicelake.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema validates its own examples, and rejects a broken copy of an example for every rule
 * it states: each required field removed, each enum given a foreign value, each minimum-0 field
 * made negative, each typed field given the wrong JSON type.
 */
class SchemaExamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCatalog CATALOG = TestCatalog.CATALOG;
  private static final EventValidator VALIDATOR = TestCatalog.VALIDATOR;

  static Stream<EventSchema> schemas() {
    return CATALOG.all().stream();
  }

  @Test
  void catalogueCoversTheDomainEventTypes() {
    assertThat(CATALOG.eventTypes())
        .hasSizeGreaterThanOrEqualTo(15)
        .contains(
            "product.shipped",
            "product.installed",
            "service.requested",
            "complaint.filed",
            "complaint.resolved",
            "workorder.dispatched",
            "workorder.arrived",
            "workorder.completed",
            "workorder.signed_off",
            "part.consumed",
            "part.returned",
            "supplier.claim.filed",
            "supplier.claim.settled",
            "cost.posted",
            "survey.completed",
            "contract.sold",
            "contract.expired");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void validatesItsOwnExamples(EventSchema schema) {
    JsonNode examples = schema.document().path("examples");
    assertThat(examples.size()).as("examples of %s", schema.eventType()).isPositive();
    for (JsonNode example : examples) {
      assertThat(example.path("event_type").asText()).isEqualTo(schema.eventType());
      assertThat(example.path("schema_version").asInt()).isEqualTo(schema.version());
      assertThat(validate(example)).isInstanceOf(ValidationResult.Valid.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemas")
  void rejectsABrokenExampleForEveryRuleItStates(EventSchema schema) {
    ObjectNode example = (ObjectNode) schema.document().path("examples").get(0);
    List<String> required = new ArrayList<>();
    schema.document().path("required").forEach(r -> required.add(r.asText()));
    assertThat(required).as("%s states required fields", schema.eventType()).isNotEmpty();
    int checked = 0;
    for (String field : required) {
      assertThat(codeOf(example, e -> e.remove(field)))
          .as("%s without %s", schema.eventType(), field)
          .isEqualTo(ErrorCode.MISSING_FIELD);
      checked++;
    }
    Iterator<Map.Entry<String, JsonNode>> properties =
        schema.document().path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String field = property.getKey();
      JsonNode spec = property.getValue();
      if (spec.has("enum")) {
        assertThat(codeOf(example, e -> e.put(field, "no-such-value")))
            .as("%s.%s outside its enum", schema.eventType(), field)
            .isEqualTo(ErrorCode.SCHEMA_VIOLATION);
        checked++;
      }
      if (spec.path("minimum").isNumber() && spec.path("minimum").asDouble() == 0) {
        assertThat(codeOf(example, e -> e.put(field, -1)))
            .as("%s.%s negative", schema.eventType(), field)
            .isEqualTo(ErrorCode.NEGATIVE_VALUE);
        checked++;
      }
      if (!spec.has("enum")) {
        assertThat(codeOf(example, e -> e.set(field, wrongTypeFor(spec.path("type").asText()))))
            .as("%s.%s with the wrong type", schema.eventType(), field)
            .isEqualTo(ErrorCode.WRONG_TYPE);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(required.size());
  }

  @Test
  void bothVersionsOfSurveyCompletedAreAcceptedAndV2OnlyAddsAnOptionalField() {
    EventSchema v1 = CATALOG.find("survey.completed", 1).orElseThrow();
    EventSchema v2 = CATALOG.find("survey.completed", 2).orElseThrow();
    assertThat(CATALOG.versions("survey.completed"))
        .extracting(EventSchema::version)
        .containsExactly(1, 2);
    assertThat(v2.document().path("required")).isEqualTo(v1.document().path("required"));
    assertThat(v2.fields().subList(0, v1.fields().size())).isEqualTo(v1.fields());
    assertThat(v2.fields().get(v1.fields().size()).name()).isEqualTo("would_recommend");
    assertThat(v2.fields().get(v1.fields().size()).required()).isFalse();

    ObjectNode v1Event = (ObjectNode) v1.document().path("examples").get(0).deepCopy();
    assertThat(validate(v1Event)).isInstanceOf(ValidationResult.Valid.class);
    // a v1 producer's event read as v2: compatible because the new field is optional
    v1Event.put("schema_version", 2);
    ValidationResult asV2 = validate(v1Event);
    assertThat(asV2).isInstanceOf(ValidationResult.Valid.class);
    assertThat(((ValidationResult.Valid) asV2).schemaVersion()).isEqualTo(2);
    ObjectNode v2Event = (ObjectNode) v2.document().path("examples").get(0).deepCopy();
    assertThat(validate(v2Event)).isInstanceOf(ValidationResult.Valid.class);
    v2Event.put("would_recommend", 11);
    assertThat(codeOf(v2Event, e -> {})).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
    v2Event.put("schema_version", 3);
    assertThat(codeOf(v2Event, e -> {})).isEqualTo(ErrorCode.UNKNOWN_SCHEMA_VERSION);
  }

  @Test
  void piiFieldsAreFlaggedWhereverCustomerContactIsCarried() {
    for (String type : List.of("service.requested", "product.installed")) {
      assertThat(CATALOG.find(type, 1).orElseThrow().fields().stream().filter(FieldSpec::pii))
          .extracting(FieldSpec::name)
          .containsExactly("customer_name", "customer_phone", "customer_address");
    }
    for (EventSchema schema : CATALOG.all()) {
      for (FieldSpec field : schema.fields()) {
        assertThat(field.pii())
            .as("%s.%s", schema.eventType(), field.name())
            .isEqualTo(
                field.name().startsWith("customer_")
                    && !field.name().equals("customer_id")
                    && !field.name().equals("customer_satisfied")
                    && !field.name().equals("customer_signature"));
      }
    }
  }

  @Test
  void amountsAndQuantitiesCannotBeNegative() {
    for (EventSchema schema : CATALOG.all()) {
      for (FieldSpec field : schema.fields()) {
        if (field.name().matches(".*(amount|price|cost|fee|quantity|minutes|_km|hours)$")) {
          assertThat(
                  schema
                      .document()
                      .path("properties")
                      .path(field.name())
                      .path("minimum")
                      .asDouble(-1))
              .as("%s.%s has minimum 0", schema.eventType(), field.name())
              .isEqualTo(0);
        }
      }
    }
  }

  private static JsonNode wrongTypeFor(String type) {
    return switch (type) {
      case "string" -> JSON.getNodeFactory().numberNode(42);
      case "array", "object" -> JSON.getNodeFactory().textNode("not-a-" + type);
      default -> JSON.getNodeFactory().textNode("n/a");
    };
  }

  private static ErrorCode codeOf(ObjectNode example, Consumer<ObjectNode> breakIt) {
    ObjectNode broken = example.deepCopy();
    breakIt.accept(broken);
    ValidationResult result = validate(broken);
    assertThat(result)
        .as("expected %s to be rejected", broken)
        .isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid) result).code();
  }

  private static ValidationResult validate(JsonNode event) {
    return VALIDATOR.validate(event.toString().getBytes(StandardCharsets.UTF_8));
  }
}
