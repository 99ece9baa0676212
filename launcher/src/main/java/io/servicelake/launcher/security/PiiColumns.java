package io.servicelake.launcher.security;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import io.servicelake.schemas.FieldSpec;
import java.util.Set;
import java.util.TreeSet;

/**
 * The column names that carry customer personal data, wherever they appear (staging, marts,
 * dimensions). The one place Trino's masks and hidden columns are derived from.
 *
 * <p>Today the source is the event schemas' {@code "x-pii": true} fields: the marts keep those
 * fields under the same names (e.g. {@code dim_customer.customer_name}), and by project rule a mart
 * that carries a PII field keeps its name. When model docs declare their own {@code "pii": [...]}
 * lists, this is the only class to switch.
 */
public final class PiiColumns {

  private PiiColumns() {}

  /** Names of every PII field of every event schema version, sorted. */
  public static Set<String> load() {
    Set<String> names = new TreeSet<>();
    for (EventSchema schema : EventCatalog.load().all()) {
      for (FieldSpec field : schema.fields()) {
        if (field.pii()) {
          names.add(field.name());
        }
      }
    }
    return names;
  }
}
