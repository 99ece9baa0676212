package io.servicelake.ingestion;

import static java.util.Objects.requireNonNull;

import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * Loads historical exports (JSON Lines, headered CSV) into the lake through the same validation as
 * the stream: {@link IngestJob} runs with a bounded {@link FileLinesSource} and the Iceberg sinks,
 * so valid rows land in the raw table of their event type and every other row in {@code
 * raw.quarantine} with its file ({@code kafka_topic = "file:<absolute path>"}), line ({@code
 * kafka_offset}) and reason.
 *
 * <h2>Re-importing adds nothing</h2>
 *
 * Four guards, from the file down to the row:
 *
 * <ol>
 *   <li><b>Ledger.</b> Each imported file content is recorded in {@code raw.imports} with its
 *       SHA-256 and counts. A file whose hash is there is skipped, whatever its name or path now;
 *       an edited file has a new hash and is imported (its unchanged rows are then caught by guard
 *       4).
 *   <li><b>The commit carries its hashes.</b> The ledger row is written after the data commit, so a
 *       run killed in between would leave no ledger row. The data commits themselves therefore
 *       carry the import id and the files' hashes as snapshot properties ({@value #IMPORT_ID},
 *       {@value #IMPORT_SHA256}), atomically with the rows; a hash found there counts as imported
 *       too.
 *   <li><b>Within a run</b> the job's {@code Deduplicator} passes the first row of each {@code
 *       event_id}; repeats (in one file or across the files of the run) go to quarantine as {@code
 *       DUPLICATE_EVENT_ID}.
 *   <li><b>Staging models</b> de-duplicate on {@code event_id} again: the last guard for an event
 *       that arrived both by Kafka and by an export, or in two different exports.
 * </ol>
 *
 * Files are committed together: one Flink job reads every file of the run, without periodic
 * checkpoints, so each raw table gets one commit when the input ends. A failed run commits nothing
 * and may simply be repeated.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class FileImport {

  /** Snapshot property: id of the import run that made the commit. */
  public static final String IMPORT_ID = "servicelake.import-id";

  /** Snapshot property: comma-separated SHA-256 of the files the commit holds rows of. */
  public static final String IMPORT_SHA256 = "servicelake.import-sha256";

  static final TableSpec IMPORTS = TableSpec.load("raw.imports");

  /** How much of the bad-row list a report keeps per file; the counts are always complete. */
  public static final int MAX_BAD_ROWS_LISTED = 10_000;

  private final LakeSettings lake;
  private final int parallelism;

  public FileImport(LakeSettings lake, int parallelism) {
    this.lake = requireNonNull(lake, "lake");
    this.parallelism = parallelism;
  }

  /** File formats, by extension. */
  public enum Format {
    JSONL,
    CSV;

    /** {@code .jsonl}, {@code .ndjson}, {@code .json} (one object per line) or {@code .csv}. */
    public static Optional<Format> of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        return Optional.of(CSV);
      }
      if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
        return Optional.of(JSONL);
      }
      return Optional.empty();
    }
  }

  public enum Outcome {
    /** Read and committed (possibly every row to quarantine). */
    LOADED,
    /** Not read: its content was imported before (or is repeated in this run). */
    SKIPPED,
    /** Not read: missing, unreadable, unknown format or a bad CSV header. */
    FAILED
  }

  /** A row that went to quarantine. */
  public record BadRow(long line, String code, String reason) {}

  /**
   * What happened to one file.
   *
   * @param sha256 hex SHA-256 of the content; empty when the file could not be read
   * @param loaded rows now in the raw event tables from this file
   * @param quarantined rows now in {@code raw.quarantine} from this file
   * @param badRows the quarantined rows by line (at most {@link #MAX_BAD_ROWS_LISTED})
   * @param note why a file was skipped or failed, else empty
   */
  public record FileReport(
      Path file,
      String sha256,
      Outcome outcome,
      long loaded,
      long quarantined,
      List<BadRow> badRows,
      String note) {

    public FileReport {
      badRows = List.copyOf(badRows);
    }

    static FileReport notRead(Path file, String sha256, Outcome outcome, String note) {
      return new FileReport(file, sha256, outcome, 0, 0, List.of(), note);
    }
  }

  /** A file that passed the checks: to be loaded unless already imported. */
  private record Candidate(Path file, Format format, String sha256, long bytes) {}

  /**
   * Imports {@code files} (reported in the given order). Files that cannot be read are reported as
   * {@link Outcome#FAILED} and do not stop the others.
   *
   * @param progress one line per step, for the console
   */
  public List<FileReport> run(List<Path> files, Consumer<String> progress) throws Exception {
    Map<Path, FileReport> reports = new LinkedHashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    Map<String, Path> firstWithHash = new HashMap<>();
    for (Path given : files) {
      Path file = given.toAbsolutePath().normalize();
      Optional<String> problem = check(file);
      if (problem.isPresent()) {
        reports.put(file, FileReport.notRead(file, "", Outcome.FAILED, problem.get()));
        continue;
      }
      String sha256 = sha256(file);
      Path first = firstWithHash.putIfAbsent(sha256, file);
      if (first != null) {
        reports.put(
            file,
            FileReport.notRead(
                file, sha256, Outcome.SKIPPED, "same content as " + first + " in this run"));
        continue;
      }
      reports.put(file, null);
      candidates.add(new Candidate(file, Format.of(file).orElseThrow(), sha256, Files.size(file)));
    }

    try (RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      List<Table> eventTables = new ArrayList<>();
      IngestJob.EVENT_TABLES
          .values()
          .forEach(spec -> eventTables.add(IcebergTables.ensure(catalog, spec)));
      Table quarantine = IcebergTables.ensure(catalog, IngestJob.QUARANTINE);
      Table ledger = IcebergTables.ensure(catalog, IMPORTS);
      List<Table> rawTables = new ArrayList<>(eventTables);
      rawTables.add(quarantine);
      Map<String, String> imported = importedHashes(ledger, rawTables.toArray(Table[]::new));
      List<Candidate> toLoad = new ArrayList<>();
      for (Candidate candidate : candidates) {
        String before = imported.get(candidate.sha256());
        if (before != null) {
          reports.put(
              candidate.file(),
              FileReport.notRead(candidate.file(), candidate.sha256(), Outcome.SKIPPED, before));
        } else {
          toLoad.add(candidate);
        }
      }
      if (!toLoad.isEmpty()) {
        String importId = UUID.randomUUID().toString();
        Map<Table, Long> eventsBefore = new HashMap<>();
        eventTables.forEach(table -> eventsBefore.put(table, snapshotId(table)));
        Long quarantineBefore = snapshotId(quarantine);
        progress.accept(
            "loading " + toLoad.size() + " file(s) with Flink (import " + importId + ")");
        runJob(toLoad, importId);
        quarantine.refresh();
        Set<String> topics = new HashSet<>();
        toLoad.forEach(c -> topics.add(FileLinesSource.topic(c.file())));
        Map<String, Long> loaded = new HashMap<>();
        for (Table table : eventTables) {
          table.refresh();
          countByTopic(table, eventsBefore.get(table), topics, new HashMap<>(), false)
              .forEach((topic, rows) -> loaded.merge(topic, rows, Long::sum));
        }
        Map<String, List<BadRow>> bad = new HashMap<>();
        Map<String, Long> quarantined =
            countByTopic(quarantine, quarantineBefore, topics, bad, true);
        List<Record> ledgerRows = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Candidate candidate : toLoad) {
          String topic = FileLinesSource.topic(candidate.file());
          List<BadRow> rows = new ArrayList<>(bad.getOrDefault(topic, List.of()));
          rows.sort(Comparator.comparingLong(BadRow::line));
          FileReport report =
              new FileReport(
                  candidate.file(),
                  candidate.sha256(),
                  Outcome.LOADED,
                  loaded.getOrDefault(topic, 0L),
                  quarantined.getOrDefault(topic, 0L),
                  rows,
                  "");
          reports.put(candidate.file(), report);
          GenericRecord row = GenericRecord.create(ledger.schema());
          row.setField("file_sha256", candidate.sha256());
          row.setField("file_path", candidate.file().toString());
          row.setField("file_format", candidate.format().name().toLowerCase(Locale.ROOT));
          row.setField("file_bytes", candidate.bytes());
          row.setField("rows_loaded", report.loaded());
          row.setField("rows_quarantined", report.quarantined());
          row.setField("import_id", importId);
          row.setField("imported_at", now);
          ledgerRows.add(row);
        }
        appendLedger(ledger, ledgerRows, importId);
      }
    }
    return List.copyOf(reports.values());
  }

  /** Why the file cannot be imported, if it cannot. */
  static Optional<String> check(Path file) {
    if (!Files.exists(file)) {
      return Optional.of("no such file");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Optional.of("not a readable file");
    }
    Optional<Format> format = Format.of(file);
    if (format.isEmpty()) {
      return Optional.of(
          "unknown format: name JSON Lines files *.jsonl (or .ndjson, .json) and CSV files *.csv");
    }
    if (format.get() == Format.JSONL) {
      try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
        String first = lines.filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.equals("{") || first.equals("[")) {
          return Optional.of(
              "looks like one pretty-printed JSON document, not JSON Lines: write one event object"
                  + " per line");
        }
      } catch (IOException | UncheckedIOException e) {
        return Optional.of("cannot be read: " + e.getMessage());
      }
    }
    if (format.get() == Format.CSV) {
      try (var lines = Files.lines(file)) {
        Optional<String> header = lines.filter(l -> !l.isBlank()).findFirst();
        if (header.isEmpty()) {
          return Optional.of("empty CSV file: expected a header line naming the event fields");
        }
        CsvEvents.header(header.get());
      } catch (CsvEvents.CsvFormatException e) {
        return Optional.of("bad CSV header: " + e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        return Optional.of("CSV header is not readable as UTF-8 text: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** SHA-256 of the file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hash → how it was imported, from the ledger and from the raw tables' commit summaries. */
  static Map<String, String> importedHashes(Table ledger, Table... rawTables) throws IOException {
    Map<String, String> imported = new HashMap<>();
    for (Table raw : rawTables) {
      for (Snapshot snapshot : raw.snapshots()) {
        String hashes = snapshot.summary().get(IMPORT_SHA256);
        if (hashes == null) {
          continue;
        }
        for (String hash : hashes.split(",")) {
          imported.putIfAbsent(
              hash,
              "already imported by import "
                  + snapshot.summary().get(IMPORT_ID)
                  + " (found in the commit of "
                  + raw.name()
                  + "; that run ended before writing its ledger row)");
        }
      }
    }
    if (ledger.currentSnapshot() != null) {
      try (CloseableIterable<Record> rows = IcebergGenerics.read(ledger).build()) {
        for (Record row : rows) {
          imported.put(
              (String) row.getField("file_sha256"),
              "already imported on "
                  + row.getField("imported_at")
                  + " from "
                  + row.getField("file_path")
                  + ": "
                  + row.getField("rows_loaded")
                  + " loaded, "
                  + row.getField("rows_quarantined")
                  + " quarantined (raw.imports)");
        }
      }
    }
    return imported;
  }

  private void runJob(List<Candidate> files, String importId) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    // Hadoop's shutdown hook reads its config through the job's class loader after the job ends:
    // harmless, but without this Flink prints a scary "closed classloader" trace at exit.
    conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    // No periodic checkpoints: the Iceberg committers commit once, when the input ends.
    List<FileLinesSource.ExportFile> exports = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Candidate file : files) {
      exports.add(new FileLinesSource.ExportFile(file.file(), file.format() == Format.CSV));
      hashes.add(file.sha256());
    }
    Map<String, String> commitProperties =
        Map.of(IMPORT_ID, importId, IMPORT_SHA256, String.join(",", hashes));
    new IngestJob(
            new FileLinesSource(exports),
            new IcebergLakeSinks(lake, parallelism, commitProperties),
            new ExportDecoder())
        .build(env);
    try {
      env.execute("servicelake-import");
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new IllegalStateException(
          "The import job failed, nothing was committed (repeat the import once fixed): " + root,
          e);
    }
  }

  private static Long snapshotId(Table table) {
    Snapshot snapshot = table.currentSnapshot();
    return snapshot == null ? null : snapshot.snapshotId();
  }

  /**
   * Rows per topic appended since {@code before}; with {@code collect}, also the quarantine's bad
   * rows per topic.
   */
  private static Map<String, Long> countByTopic(
      Table table,
      Long before,
      Set<String> topics,
      Map<String, List<BadRow>> badRows,
      boolean collect)
      throws IOException {
    Map<String, Long> counts = new HashMap<>();
    Long after = snapshotId(table);
    if (after == null || after.equals(before)) {
      return counts;
    }
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table);
    scan = before == null ? scan.useSnapshot(after) : scan.appendsBetween(before, after);
    scan =
        scan.where(Expressions.in("kafka_topic", topics.toArray()))
            .select(
                collect
                    ? List.of("kafka_topic", "kafka_offset", "error_code", "reason")
                    : List.of("kafka_topic"));
    try (CloseableIterable<Record> rows = scan.build()) {
      for (Record row : rows) {
        String topic = (String) row.getField("kafka_topic");
        if (!topics.contains(topic)) {
          continue; // the scan filter prunes files; rows are checked here
        }
        counts.merge(topic, 1L, Long::sum);
        if (collect) {
          List<BadRow> list = badRows.computeIfAbsent(topic, t -> new ArrayList<>());
          if (list.size() < MAX_BAD_ROWS_LISTED) {
            list.add(
                new BadRow(
                    (Long) row.getField("kafka_offset"),
                    (String) row.getField("error_code"),
                    (String) row.getField("reason")));
          }
        }
      }
    }
    return counts;
  }

  private static void appendLedger(Table ledger, List<Record> rows, String importId)
      throws IOException {
    GenericAppenderFactory factory = new GenericAppenderFactory(ledger.schema(), ledger.spec());
    OutputFile file =
        ledger.io().newOutputFile(ledger.locationProvider().newDataLocation(importId + ".parquet"));
    DataWriter<Record> writer =
        factory.newDataWriter(
            EncryptedFiles.plainAsEncryptedOutput(file), FileFormat.PARQUET, null);
    try (writer) {
      rows.forEach(writer::write);
    }
    ledger.newAppend().appendFile(writer.toDataFile()).set(IMPORT_ID, importId).commit();
  }

  /** The ledger's identifier, for tools and tests. */
  public static TableIdentifier ledgerTable() {
    return TableIdentifier.of(IMPORTS.namespace(), IMPORTS.name());
  }
}
