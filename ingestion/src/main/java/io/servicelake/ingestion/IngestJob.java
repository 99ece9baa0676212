package io.servicelake.ingestion;

import static java.util.Objects.requireNonNull;

import io.servicelake.schemas.TableSpec;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * The streaming ingestion pipeline: raw Kafka records → validation → de-duplication on {@code
 * event_id} → {@code raw.events}; every rejected record → {@code raw.quarantine}. Nothing is
 * dropped.
 *
 * <p>Source and sinks are injected, so tests run this exact pipeline with a bounded source and
 * collecting sinks.
 */
public final class IngestJob {

  static final TableSpec EVENTS = TableSpec.load("raw.events");
  static final TableSpec QUARANTINE = TableSpec.load("raw.quarantine");

  /** How long an event_id is remembered in state; see {@link Deduplicator}. */
  public static final Duration DEDUP_TTL = Duration.ofDays(7);

  private final Source<RawRecord, ?, ?> source;
  private final LakeSinks sinks;
  private final RecordDecoder decoder;

  public IngestJob(Source<RawRecord, ?, ?> source, LakeSinks sinks) {
    this(source, sinks, RecordDecoder.AS_IS);
  }

  /**
   * @param decoder turns each record's value into event JSON before validation; {@link
   *     RecordDecoder#AS_IS} for Kafka, {@link ExportDecoder} for imported files
   */
  public IngestJob(Source<RawRecord, ?, ?> source, LakeSinks sinks, RecordDecoder decoder) {
    this.source = requireNonNull(source, "source");
    this.sinks = requireNonNull(sinks, "sinks");
    this.decoder = requireNonNull(decoder, "decoder");
  }

  public void build(StreamExecutionEnvironment env) {
    Clock clock = Clock.systemUTC();
    DataStream<RawRecord> raw =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-events")
            .uid("source-kafka-events");
    SingleOutputStreamOperator<ValidatedEvent> validated =
        raw.process(new EventRouter(decoder)).uid("validate").name("validate");
    SingleOutputStreamOperator<ValidatedEvent> unique =
        validated
            .keyBy(ValidatedEvent::eventId)
            .process(new Deduplicator(DEDUP_TTL))
            .uid("dedup")
            .name("dedup-event-id");

    DataStream<RowData> eventRows =
        unique
            .map(event -> LakeRows.event(event, clock.instant()))
            .returns(rowType(EVENTS))
            .uid("to-event-rows");
    DataStream<RowData> quarantineRows =
        validated
            .getSideOutput(EventRouter.REJECTED)
            .union(unique.getSideOutput(EventRouter.REJECTED))
            .map(rejection -> LakeRows.quarantine(rejection, clock.instant()))
            .returns(rowType(QUARANTINE))
            .uid("to-quarantine-rows");
    sinks.events(eventRows);
    sinks.quarantine(quarantineRows);
  }

  static InternalTypeInfo<RowData> rowType(TableSpec spec) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(IcebergTables.schema(spec)));
  }
}
