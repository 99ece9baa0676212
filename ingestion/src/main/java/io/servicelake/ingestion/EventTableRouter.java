package io.servicelake.ingestion;

import io.servicelake.schemas.ErrorCode;
import io.servicelake.schemas.TableSpec;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each de-duplicated event to the side output of its event type's raw table, as a row of that
 * table. An event whose fields cannot be stored (impossible for a schema-valid event, but a crash
 * here would stop ingestion for everyone) goes to quarantine instead, with the reason.
 */
final class EventTableRouter extends ProcessFunction<ValidatedEvent, Void> {

  private final Map<String, OutputTag<RowData>> tags;
  private final Map<String, EventRows> converters;
  private final Clock clock;

  /**
   * @param tables event type → its table spec and output tag
   */
  EventTableRouter(
      Map<String, TableSpec> tables, Map<String, OutputTag<RowData>> tags, Clock clock) {
    this.tags = Map.copyOf(tags);
    Map<String, EventRows> converters = new HashMap<>();
    tables.forEach((type, spec) -> converters.put(type, new EventRows(spec)));
    this.converters = Map.copyOf(converters);
    this.clock = clock;
  }

  @Override
  public void processElement(ValidatedEvent event, Context context, Collector<Void> out) {
    OutputTag<RowData> tag = tags.get(event.eventType());
    if (tag == null) {
      // the validator only passes catalogued types; a type without a table is a build defect
      throw new IllegalStateException("no raw table for event type " + event.eventType());
    }
    RowData row;
    try {
      row = converters.get(event.eventType()).toRow(event, clock.instant());
    } catch (IllegalArgumentException e) {
      context.output(
          EventRouter.REJECTED,
          new Rejection(event.origin(), ErrorCode.SCHEMA_VIOLATION, e.getMessage()));
      return;
    }
    context.output(tag, row);
  }
}
