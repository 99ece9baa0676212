package io.servicelake.schemas.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated record component whose schema property carries {@code "x-pii": true} (customer
 * name, phone, address): masked downstream, never logged. Kept at runtime so code can find the PII
 * of any record by reflection; the generated {@code PII_FIELDS} constant lists the same names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Pii {}
