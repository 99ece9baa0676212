package io.servicelake.ingestion;

import static java.util.Objects.requireNonNull;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.flink.FlinkSchemaUtil;

/**
 * The streaming ingestion pipeline: raw Kafka records → validation → de-duplication on {@code
 * event_id} → the raw table of the event's type ({@code raw.<event_type>}, see {@link
 * EventTables}); every rejected record → {@code raw.quarantine}. Nothing is dropped.
 *
 * <p>Source and sinks are injected, so tests run this exact pipeline with a bounded source and
 * collecting sinks.
 */
public final class IngestJob {

  /** Event type → its raw table, in catalogue order. */
  static final Map<String, TableSpec> EVENT_TABLES = eventTables();

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

    Map<String, OutputTag<RowData>> tags = new LinkedHashMap<>();
    EVENT_TABLES.forEach(
        (type, spec) -> tags.put(type, new OutputTag<>(spec.name(), rowType(spec))));
    SingleOutputStreamOperator<Void> routed =
        unique
            .process(new EventTableRouter(EVENT_TABLES, tags, clock))
            .returns(Void.class)
            .uid("to-event-rows")
            .name("to-event-table-rows");
    EVENT_TABLES.forEach((type, spec) -> sinks.events(spec, routed.getSideOutput(tags.get(type))));

    DataStream<RowData> quarantineRows =
        validated
            .getSideOutput(EventRouter.REJECTED)
            .union(
                unique.getSideOutput(EventRouter.REJECTED),
                routed.getSideOutput(EventRouter.REJECTED))
            .map(rejection -> LakeRows.quarantine(rejection, clock.instant()))
            .returns(rowType(QUARANTINE))
            .uid("to-quarantine-rows");
    sinks.quarantine(quarantineRows);
  }

  private static Map<String, TableSpec> eventTables() {
    Map<String, TableSpec> tables = new LinkedHashMap<>();
    EventCatalog catalog = EventCatalog.load();
    for (String type : catalog.eventTypes()) {
      tables.put(type, EventTables.of(catalog, type));
    }
    return java.util.Collections.unmodifiableMap(tables);
  }

  static InternalTypeInfo<RowData> rowType(TableSpec spec) {
    return InternalTypeInfo.of(FlinkSchemaUtil.convert(IcebergTables.schema(spec)));
  }
}
