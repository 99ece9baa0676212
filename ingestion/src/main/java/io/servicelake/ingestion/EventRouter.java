package io.servicelake.ingestion;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventValidator;
import io.servicelake.schemas.ValidationResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Validates each raw record: valid events go on, rejections to the quarantine side output. */
final class EventRouter extends ProcessFunction<RawRecord, ValidatedEvent> {

  static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

  private final RecordDecoder decoder;
  private transient EventValidator validator;

  EventRouter(RecordDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void open(OpenContext context) {
    validator = new EventValidator(EventCatalog.load());
  }

  @Override
  public void processElement(RawRecord record, Context context, Collector<ValidatedEvent> out) {
    RecordDecoder.Decoded decoded = decoder.decode(record);
    if (decoded instanceof RecordDecoder.Decoded.Rejected rejected) {
      context.output(REJECTED, new Rejection(record, rejected.code(), rejected.reason()));
      return;
    }
    ValidationResult result = validator.validate(((RecordDecoder.Decoded.Json) decoded).value());
    if (result instanceof ValidationResult.Valid valid) {
      out.collect(
          new ValidatedEvent(
              valid.eventId(),
              valid.eventType(),
              valid.schemaVersion(),
              valid.occurredAt(),
              valid.source(),
              valid.json(),
              record));
    } else if (result instanceof ValidationResult.Invalid invalid) {
      context.output(REJECTED, new Rejection(record, invalid.code(), invalid.reason()));
    }
  }
}
