package io.servicelake.ingestion;

import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * Appends to the Iceberg tables; files are committed when a Flink checkpoint completes, so a row
 * becomes visible exactly once, together with the Kafka offsets that produced it.
 */
public final class IcebergLakeSinks implements LakeSinks {

  private final LakeSettings lake;
  private final int writeParallelism;
  private final Map<String, String> snapshotProperties;

  public IcebergLakeSinks(LakeSettings lake, int writeParallelism) {
    this(lake, writeParallelism, Map.of());
  }

  /**
   * @param snapshotProperties added to the summary of every snapshot these sinks commit, e.g. the
   *     import id and file hashes of a {@link FileImport}, so the commit itself records what it
   *     holds
   */
  public IcebergLakeSinks(
      LakeSettings lake, int writeParallelism, Map<String, String> snapshotProperties) {
    this.lake = lake;
    this.writeParallelism = writeParallelism;
    this.snapshotProperties = Map.copyOf(snapshotProperties);
  }

  @Override
  public void events(TableSpec table, DataStream<RowData> rows) {
    append(rows, table);
  }

  @Override
  public void quarantine(DataStream<RowData> rows) {
    append(rows, IngestJob.QUARANTINE);
  }

  private void append(DataStream<RowData> rows, TableSpec spec) {
    FlinkSink.forRowData(rows)
        .tableLoader(IcebergTables.tableLoader(lake, spec))
        .writeParallelism(writeParallelism)
        // One writer per partition: each checkpoint writes one file per active partition.
        .distributionMode(DistributionMode.HASH)
        .uidPrefix("sink-" + spec.qualifiedName())
        .setSnapshotProperties(snapshotProperties)
        .append();
  }
}
