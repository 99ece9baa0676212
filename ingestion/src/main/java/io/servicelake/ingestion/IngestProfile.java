package io.servicelake.ingestion;

import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventValidator;
import io.servicelake.schemas.TableSpec;
import io.servicelake.schemas.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;

/**
 * CPU cost of each per-event step of the ingestion job, measured on one thread in thread CPU time
 * (not wall time, so other load on the machine does not inflate it): parse and validate, the keyed
 * shuffle's serialization, conversion to the table row, the writer shuffle's serialization and the
 * Parquet encoding. The steps are the job's own classes and serializers, run outside Flink, so the
 * sum says how many events per second per core the job's code can sustain before Kafka, checkpoints
 * and commits take their share.
 */
public final class IngestProfile {

  /** One step: CPU microseconds per event on one thread. */
  public record Step(String name, String detail, double cpuMicrosPerEvent) {}

  /** All steps, for {@code events} valid events. */
  public record Result(long events, List<Step> steps) {
    public double totalCpuMicrosPerEvent() {
      return steps.stream().mapToDouble(Step::cpuMicrosPerEvent).sum();
    }

    /** Events/s the job's per-event work allows on {@code cores} fully used cores. */
    public double eventsPerSecondOn(int cores) {
      return cores * 1e6 / totalCpuMicrosPerEvent();
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private IngestProfile() {}

  /**
   * @param values Kafka record values (event JSON); invalid ones are counted in the validation step
   *     and dropped from the rest
   * @param workDir where the Parquet files of the last step are written (and deleted)
   */
  public static Result run(List<byte[]> values, Path workDir) {
    List<Step> steps = new ArrayList<>();
    EventValidator validator = new EventValidator(EventCatalog.load());

    long start = cpu();
    List<ValidatedEvent> valid = new ArrayList<>(values.size());
    long offset = 0;
    for (byte[] value : values) {
      RawRecord origin = new RawRecord("profile", 0, offset++, null, value);
      if (validator.validate(value) instanceof ValidationResult.Valid v) {
        valid.add(
            new ValidatedEvent(
                v.eventId(),
                v.eventType(),
                v.schemaVersion(),
                v.occurredAt(),
                v.source(),
                v.json(),
                origin));
      }
    }
    steps.add(
        step(
            "parse + validate",
            "EventValidator: UTF-8 decode, Jackson parse, JSON Schema check",
            start,
            values.size()));

    TypeInformation<ValidatedEvent> eventType = TypeInformation.of(ValidatedEvent.class);
    TypeSerializer<ValidatedEvent> eventSerializer =
        eventType.createSerializer(new SerializerConfigImpl());
    start = cpu();
    roundTrip(eventSerializer, valid);
    steps.add(
        step(
            "keyBy(event_id) shuffle",
            "serialize + deserialize ValidatedEvent (" + eventType.getClass().getSimpleName() + ")",
            start,
            valid.size()));

    Map<String, EventRows> converters = new HashMap<>();
    IngestJob.EVENT_TABLES.forEach((type, spec) -> converters.put(type, new EventRows(spec)));
    Map<String, List<RowData>> rows = new LinkedHashMap<>();
    Instant now = Instant.now();
    start = cpu();
    for (ValidatedEvent event : valid) {
      rows.computeIfAbsent(event.eventType(), t -> new ArrayList<>())
          .add(converters.get(event.eventType()).toRow(event, now));
    }
    steps.add(step("to table row", "EventRows: re-parse JSON, typed RowData", start, valid.size()));

    start = cpu();
    for (Map.Entry<String, List<RowData>> entry : rows.entrySet()) {
      TableSpec spec = IngestJob.EVENT_TABLES.get(entry.getKey());
      roundTrip(
          IngestJob.rowType(spec).createSerializer(new SerializerConfigImpl()), entry.getValue());
    }
    steps.add(
        step(
            "writer shuffle (HASH by partition)",
            "serialize + deserialize RowData",
            start,
            valid.size()));

    start = cpu();
    for (Map.Entry<String, List<RowData>> entry : rows.entrySet()) {
      writeParquet(IngestJob.EVENT_TABLES.get(entry.getKey()), entry.getValue(), workDir);
    }
    steps.add(
        step(
            "Parquet encode",
            "Iceberg FlinkParquetWriters, one file per event type",
            start,
            valid.size()));
    return new Result(valid.size(), List.copyOf(steps));
  }

  private static <T> void roundTrip(TypeSerializer<T> serializer, List<T> records) {
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    DataInputDeserializer in = new DataInputDeserializer();
    try {
      for (T record : records) {
        out.clear();
        serializer.serialize(record, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        serializer.deserialize(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeParquet(TableSpec spec, List<RowData> rows, Path workDir) {
    Schema schema = IcebergTables.schema(spec);
    RowType rowType = FlinkSchemaUtil.convert(schema);
    Path file = workDir.resolve(spec.name() + ".parquet");
    try {
      Files.deleteIfExists(file);
      try (FileAppender<RowData> appender =
          Parquet.write(org.apache.iceberg.Files.localOutput(file.toFile()))
              .schema(schema)
              .createWriterFunc(
                  (icebergSchema, messageType) ->
                      FlinkParquetWriters.buildWriter(icebergSchema, messageType, rowType))
              .build()) {
        appender.addAll(rows);
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static Step step(String name, String detail, long startCpuNanos, long events) {
    return new Step(name, detail, (cpu() - startCpuNanos) / 1e3 / Math.max(1, events));
  }
}
