package io.servicelake.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import java.util.List;

/**
 * One version of one event type: the parsed JSON Schema, the compiled validator and its fields.
 *
 * @param eventType e.g. {@code service.requested}
 * @param version schema version, from 1
 * @param description what the event records
 * @param fields payload fields (envelope fields excluded), in declaration order
 */
public record EventSchema(
    String eventType,
    int version,
    String description,
    List<FieldSpec> fields,
    JsonNode document,
    Schema validator) {

  public EventSchema {
    fields = List.copyOf(fields);
  }
}
