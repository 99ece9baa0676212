package io.servicelake.schemas;

/**
 * One top-level field of an event schema, as declared in its JSON Schema file.
 *
 * @param name field name in the event JSON
 * @param jsonType JSON Schema type ({@code string}, {@code number}, {@code integer}, {@code
 *     boolean})
 * @param format JSON Schema format, or empty
 * @param required whether the schema requires it
 * @param pii whether the field carries personal data ({@code "x-pii": true}); later stages mask it
 * @param description what the field means
 */
public record FieldSpec(
    String name,
    String jsonType,
    String format,
    boolean required,
    boolean pii,
    String description) {}
