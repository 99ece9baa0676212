package io.servicelake.schemas.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;

/**
 * A record generated from a JSON Schema (an event, or an item of an array of objects). The
 * generated classes live in this package under {@code target/generated-sources}; this interface and
 * {@link JsonFields} are their hand-written runtime.
 */
public interface SchemaRecord {

  /**
   * Visits every present (non-null) field with its JSON property name, in schema order. Values are
   * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code Instant}, {@code
   * LocalDate}, a {@code List} of {@link SchemaRecord} or of {@code String}, or a Jackson tree.
   */
  void forEachField(BiConsumer<String, Object> action);

  /** The JSON object of this record (absent optional fields are left out). */
  ObjectNode toJsonNode();

  /** Compact JSON of {@link #toJsonNode()}. */
  default String toJson() {
    return JsonFields.write(toJsonNode());
  }
}
