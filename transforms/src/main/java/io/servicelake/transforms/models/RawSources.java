package io.servicelake.transforms.models;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;

/**
 * Resolves a model's {@code {{ source('ns', 'table') }}} to a physical name. One source is virtual:
 * {@code source('raw', 'all_events')}, the envelope of every event ({@code event_id, event_type,
 * occurred_at}) across the raw table of each event type, for models that span all events (the as-of
 * date, the date dimension).
 */
public final class RawSources {

  public static final String ALL_EVENTS = "all_events";

  private static final EventCatalog CATALOG = EventCatalog.load();

  private RawSources() {}

  public static String resolve(String catalogName, String namespace, String name) {
    if (namespace.equals(EventTables.NAMESPACE) && name.equals(ALL_EVENTS)) {
      return "("
          + EventTables.unionAll(CATALOG, catalogName, "event_id, event_type, occurred_at")
          + ")";
    }
    return catalogName + "." + namespace + "." + name;
  }
}
