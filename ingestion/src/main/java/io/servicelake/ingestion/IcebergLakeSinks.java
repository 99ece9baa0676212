package io.servicelake.ingestion;

import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
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

  public IcebergLakeSinks(LakeSettings lake, int writeParallelism) {
    this.lake = lake;
    this.writeParallelism = writeParallelism;
  }

  @Override
  public void events(DataStream<RowData> rows) {
    append(rows, IngestJob.EVENTS);
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
        .append();
  }
}
