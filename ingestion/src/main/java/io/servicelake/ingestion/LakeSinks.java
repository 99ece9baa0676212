package io.servicelake.ingestion;

import io.servicelake.schemas.TableSpec;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;

/**
 * Where the ingestion job writes. Production attaches Iceberg sinks; tests attach collecting sinks
 * and run the very same pipeline.
 */
public interface LakeSinks {

  /** Rows of one event type's raw table. */
  void events(TableSpec table, DataStream<RowData> rows);

  /** Rows of {@code raw.quarantine}. */
  void quarantine(DataStream<RowData> rows);
}
