package io.servicelake.launcher.security;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import io.servicelake.schemas.FieldSpec;
import io.servicelake.transforms.models.SqlModel;
import io.servicelake.transforms.models.SqlModels;
import java.util.Set;
import java.util.TreeSet;

/**
 * The column names that carry customer personal data, wherever they appear (staging, marts,
 * dimensions). The one place Trino's masks and hidden columns are derived from.
 *
 * <p>Two sources, both declared next to the data: the event schemas' {@code "x-pii": true} fields
 * (the raw tables' columns) and the {@code "pii": [...]} lists of the SQL models' docs (staging,
 * intermediate and mart columns, e.g. {@code dim_customer.customer_name}). A model column that
 * derives from a PII field under another name is therefore masked too, as long as its doc flags it
 * (a transforms test checks the docs against the schemas).
 */
public final class PiiColumns {

  private PiiColumns() {}

  /** Names of every PII field of every event schema version and every model doc, sorted. */
  public static Set<String> load() {
    Set<String> names = new TreeSet<>();
    for (SqlModel model : SqlModels.load()) {
      names.addAll(model.piiColumns());
    }
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
