package io.servicelake.launcher;

import io.servicelake.transforms.config.LakeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Is ingestion healthy: consumer lag, and how much of what arrived recently went to the quarantine.
 * A scheduler (the Airflow health DAG) alerts on {@code servicelake status --max-lag N
 * --max-quarantine-share X}, which exits non-zero when a threshold is exceeded.
 *
 * @param lag records in the topic not yet committed by the ingestion job
 * @param accepted rows appended to the raw event tables within the window
 * @param quarantined rows appended to the quarantine within the window
 * @param window how far back {@code accepted} and {@code quarantined} count
 */
public record IngestionHealth(long lag, long accepted, long quarantined, Duration window) {

  /** Share of the records that arrived within the window which went to the quarantine. */
  public double quarantineShare() {
    long total = accepted + quarantined;
    return total == 0 ? 0 : (double) quarantined / total;
  }

  /** The thresholds exceeded, one sentence each; empty when healthy. */
  public List<String> alerts(OptionalLong maxLag, OptionalDouble maxQuarantineShare) {
    List<String> alerts = new ArrayList<>();
    if (maxLag.isPresent() && lag > maxLag.getAsLong()) {
      alerts.add(
          String.format(
              Locale.ROOT,
              "consumer lag %d records exceeds --max-lag %d: ingestion is falling behind",
              lag,
              maxLag.getAsLong()));
    }
    if (maxQuarantineShare.isPresent() && quarantineShare() > maxQuarantineShare.getAsDouble()) {
      alerts.add(
          String.format(
              Locale.ROOT,
              "%.2f %% of the records committed in the last %s went to the quarantine (%d of %d),"
                  + " above --max-quarantine-share %.2f %%: look at raw.quarantine's error codes",
              100 * quarantineShare(),
              window,
              quarantined,
              accepted + quarantined,
              100 * maxQuarantineShare.getAsDouble()));
    }
    return alerts;
  }

  /**
   * Rows appended to the raw tables by commits since {@code now - window}. Only {@code append}
   * snapshots count: compaction and expiry rewrite rows without anything arriving.
   */
  public static IngestionHealth measure(Catalog catalog, long lag, Duration window, Instant now) {
    long cutoff = now.minus(window).toEpochMilli();
    long accepted = 0;
    long quarantined = 0;
    for (TableIdentifier id : catalog.listTables(Namespace.of(LakeSettings.RAW_NAMESPACE))) {
      long added = appendedSince(catalog.loadTable(id), cutoff);
      if (id.name().equals(LakeSettings.QUARANTINE_TABLE)) {
        quarantined += added;
      } else {
        accepted += added;
      }
    }
    return new IngestionHealth(lag, accepted, quarantined, window);
  }

  private static long appendedSince(Table table, long cutoffMillis) {
    long added = 0;
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.timestampMillis() >= cutoffMillis
          && DataOperations.APPEND.equals(snapshot.operation())) {
        added += Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
      }
    }
    return added;
  }
}
