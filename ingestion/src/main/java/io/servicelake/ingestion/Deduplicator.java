package io.servicelake.ingestion;

import io.servicelake.schemas.ErrorCode;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes the first event of each {@code event_id}; later ones go to quarantine as duplicates.
 *
 * <p>The seen-flag lives in keyed state with a TTL: producer retries and replays arrive within
 * hours, so a bounded memory of ids is enough here, and downstream staging models de-duplicate on
 * {@code event_id} again as the table-level guard for anything older.
 */
final class Deduplicator extends KeyedProcessFunction<String, ValidatedEvent, ValidatedEvent> {

  private final Duration ttl;
  private transient ValueState<Boolean> seen;

  Deduplicator(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
    seen = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(ValidatedEvent event, Context context, Collector<ValidatedEvent> out)
      throws Exception {
    if (seen.value() == null) {
      seen.update(Boolean.TRUE);
      out.collect(event);
    } else {
      context.output(
          EventRouter.REJECTED,
          new Rejection(
              event.origin(),
              ErrorCode.DUPLICATE_EVENT_ID,
              "event_id "
                  + event.eventId()
                  + " was already ingested; this copy is kept here only"));
    }
  }
}
