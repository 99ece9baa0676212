package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicelake.ingestion.FileImport;
import io.servicelake.ingestion.IcebergTables;
import io.servicelake.launcher.cli.ServiceLakeCli;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.CatalogServer;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.sim.SimulatedEvent;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./servicelake import} against the real Iceberg REST catalog (its own process, on a free
 * port, in a temporary data directory) with the Flink mini-cluster; results are read back through
 * the catalog. Methods run in order: the last re-imports what the first two loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private Path dataDir;
  private int catalogPort;
  private ManagedProcess catalogServer;
  private RESTCatalog catalog;

  private Path good;
  private Set<String> goodIds;
  private Path mixed;
  private long mixedGood;
  private Path csv;

  @BeforeAll
  void startCatalogAndWriteFixtures() throws Exception {
    dataDir = dir.resolve("data");
    catalogPort = Ports.free();
    String warehouse = dataDir.resolve("warehouse").toUri().toString().replaceAll("/+$", "");
    catalogServer =
        CatalogServer.start(Artifacts.fromSystemProperty(), dataDir, warehouse, catalogPort);
    catalog =
        IcebergTables.openCatalog(
            new LakeSettings(
                "unused:9092",
                "unused",
                Stack.CATALOG_NAME,
                "http://127.0.0.1:" + catalogPort,
                warehouse,
                "local[1]",
                dataDir.resolve("cp").toUri().toString(),
                java.time.Duration.ofSeconds(5)));
    writeFixtures();
  }

  @AfterAll
  void stopCatalog() throws Exception {
    if (catalog != null) {
      catalog.close();
    }
    if (catalogServer != null) {
      catalogServer.close();
    }
    assertThat(Ports.isOpen(catalogPort)).as("the catalog is stopped").isFalse();
  }

  @Test
  @Order(1)
  void aGoodJsonLinesFileLoadsExactlyEveryRow() throws Exception {
    Run run = importFiles(good);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(String.format("%10d %12d  %s", goodIds.size(), 0, good.toAbsolutePath()));
    List<Record> events = eventRows(good);
    assertThat(events).hasSize(goodIds.size());
    Set<String> ids = new HashSet<>();
    events.forEach(r -> ids.add((String) r.getField("event_id")));
    assertThat(ids).isEqualTo(goodIds);
    assertThat(events)
        .allSatisfy(r -> assertThat((Integer) r.getField("kafka_partition")).isZero());
    assertThat(rows("quarantine", good)).isEmpty();
  }

  @Test
  @Order(2)
  void badRowsAreQuarantinedWithFileLineAndReasonAndCsvRowsAreTypedByTheSchema() throws Exception {
    Run run = importFiles(mixed, csv);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(eventRows(mixed)).hasSize((int) mixedGood);
    Map<Long, String> expectedBad =
        Map.of(
            3L, "MALFORMED_JSON",
            6L, "MISSING_FIELD",
            9L, "UNKNOWN_EVENT_TYPE",
            13L, "DUPLICATE_EVENT_ID",
            16L, "INVALID_UTF8",
            19L, "NOT_AN_OBJECT");
    List<Record> quarantined = rows("quarantine", mixed);
    assertThat(quarantined).hasSize(expectedBad.size());
    for (Record row : quarantined) {
      long line = (Long) row.getField("kafka_offset");
      assertThat(row.getField("error_code")).as("line " + line).isEqualTo(expectedBad.get(line));
      assertThat((String) row.getField("reason")).isNotBlank();
    }
    for (Map.Entry<Long, String> bad : expectedBad.entrySet()) {
      assertThat(run.err())
          .contains(mixed.toAbsolutePath() + ":" + bad.getKey() + ": " + bad.getValue() + " ");
    }
    assertThat(run.out())
        .contains(String.format("%10d %12d  %s", mixedGood, 6, mixed.toAbsolutePath()));

    // CSV: three good rows typed by the schema; a wrong type and a short row quarantined
    List<Record> csvEvents = rows("workorder_completed", csv);
    assertThat(csvEvents).hasSize(3);
    for (Record event : csvEvents) {
      assertThat(event.getField("labour_minutes")).as(event.toString()).isInstanceOf(Double.class);
      assertThat(event.getField("fixed")).isEqualTo(Boolean.TRUE);
      assertThat(event.getField("schema_version")).isEqualTo(1L);
    }
    assertThat(run.err())
        .contains(csv.toAbsolutePath() + ":4: WRONG_TYPE ")
        .contains("labour_minutes")
        .contains(csv.toAbsolutePath() + ":6: MALFORMED_CSV row has 3 cells");
    assertThat(rows("quarantine", csv))
        .extracting(r -> r.getField("kafka_key"))
        .as("CSV rows carry the header as key, to read raw_text against")
        .allSatisfy(key -> assertThat((String) key).startsWith("event_id,event_type"));
  }

  @Test
  @Order(3)
  void reImportingTheSameContentAddsNothingEvenUnderAnotherName() throws Exception {
    long events = totalEvents();
    long quarantine = total("quarantine");
    Path renamed = Files.copy(mixed, dir.resolve("mixed-again.jsonl"));

    Run run = importFiles(good, renamed, csv);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(good.toAbsolutePath() + ": already imported on ")
        .contains(renamed.toAbsolutePath() + ": already imported on ")
        .contains("from " + mixed.toAbsolutePath())
        .contains(csv.toAbsolutePath() + ": already imported on ")
        .contains(
            "Total: 0 rows loaded into the raw event tables, 0 quarantined in raw.quarantine; 3 file(s)"
                + " skipped, 0 failed.");
    assertThat(totalEvents()).isEqualTo(events);
    assertThat(total("quarantine")).isEqualTo(quarantine);
    List<Record> ledger = read(catalog.loadTable(FileImport.ledgerTable()));
    assertThat(ledger).hasSize(3);
    assertThat(ledger)
        .anySatisfy(
            r -> {
              assertThat(r.getField("file_path")).isEqualTo(mixed.toAbsolutePath().toString());
              assertThat(r.getField("rows_loaded")).isEqualTo(mixedGood);
              assertThat(r.getField("rows_quarantined")).isEqualTo(6L);
              assertThat(r.getField("file_sha256")).isEqualTo(FileImport.sha256(mixed));
            });
  }

  @Test
  @Order(4)
  void contentCommittedByARunThatDiedBeforeItsLedgerRowIsNotLoadedAgain() throws Exception {
    // What a run killed between its data commit and its ledger row leaves behind: a commit to a
    // raw event table whose summary names the file's hash, and no ledger row.
    Path file =
        Files.writeString(
            dir.resolve("interrupted.jsonl"), new String(goodLine(), StandardCharsets.UTF_8));
    catalog
        .loadTable(TableIdentifier.of("raw", "workorder_completed"))
        .newAppend()
        .set(FileImport.IMPORT_ID, "killed-run")
        .set(FileImport.IMPORT_SHA256, "0".repeat(64) + "," + FileImport.sha256(file))
        .commit();

    Run run = importFiles(file);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(file.toAbsolutePath() + ": already imported by import killed-run")
        .contains("ended before writing its ledger row");
    assertThat(eventRows(file)).isEmpty();
  }

  private byte[] goodLine() throws Exception {
    List<SimulatedEvent> events = new ArrayList<>();
    new Simulator(SimulatorConfig.defaults(99L, 3, 0.0)).run(events::add);
    return (new String(events.get(0).value(), StandardCharsets.UTF_8) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  // --- fixtures -----------------------------------------------------------------------------

  private void writeFixtures() throws Exception {
    List<SimulatedEvent> simulated = new ArrayList<>();
    new Simulator(SimulatorConfig.defaults(11L, 40, 0.0)).run(simulated::add);
    assertThat(simulated).noneMatch(SimulatedEvent::isBad);
    goodIds = new HashSet<>();
    ByteArrayOutputStream goodBytes = new ByteArrayOutputStream();
    // the last 20 events are kept apart for mixed.jsonl
    for (SimulatedEvent event : simulated.subList(0, Math.min(600, simulated.size() - 20))) {
      goodBytes.write(event.value());
      goodBytes.write('\n');
      goodIds.add(JSON.readTree(event.value()).get("event_id").asText());
    }
    good = Files.write(dir.resolve("good.jsonl"), goodBytes.toByteArray());

    // mixed.jsonl: later events of the same history; bad rows at known lines, one blank line
    List<byte[]> lines = new ArrayList<>();
    List<SimulatedEvent> rest = simulated.subList(simulated.size() - 20, simulated.size());
    int next = 0;
    for (int line = 1; line <= 21; line++) {
      switch (line) {
        case 3 -> lines.add("{not json".getBytes(StandardCharsets.UTF_8));
        case 6 -> {
          ObjectNode event = (ObjectNode) JSON.readTree(rest.get(next++).value());
          event.remove("source");
          lines.add(event.toString().getBytes(StandardCharsets.UTF_8));
        }
        case 9 -> {
          ObjectNode event = (ObjectNode) JSON.readTree(rest.get(next++).value());
          event.put("event_type", "unit.teleported");
          lines.add(event.toString().getBytes(StandardCharsets.UTF_8));
        }
        case 11 -> lines.add(new byte[0]);
        case 13 -> lines.add(lines.get(0)); // the event of line 1 again
        case 16 -> lines.add(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        case 19 -> lines.add("[1,2]".getBytes(StandardCharsets.UTF_8));
        default -> lines.add(rest.get(next++).value());
      }
    }
    mixedGood = 21 - 6 - 1; // 21 lines: 6 bad, 1 blank
    ByteArrayOutputStream mixedBytes = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      mixedBytes.write(line);
      mixedBytes.write('\n');
    }
    mixed = Files.write(dir.resolve("mixed.jsonl"), mixedBytes.toByteArray());
    assertThat(next).isEqualTo(mixedGood + 2);

    String header =
        "event_id,event_type,schema_version,occurred_at,source,work_order_id,request_id,serial,"
            + "region,station_id,technician_id,service_type,labour_minutes,fixed,failure_mode";
    String row =
        "%s,workorder.completed,1,2024-06-01T08:00:00Z,field-app,WO-%d,SR-1,SN-1,north,ST-01,"
            + "T-01-2,warranty,%s,true,\"no_cooling, intermittent\"";
    csv =
        Files.writeString(
            dir.resolve("export.csv"),
            String.join(
                    "\r\n",
                    header,
                    row.formatted("6a0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0001", 1, "95"),
                    row.formatted("6a0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0002", 2, "12.5"),
                    row.formatted("6a0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0003", 3, "abc"),
                    row.formatted("6a0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0004", 4, "0"),
                    "6a0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0005,workorder.completed,1")
                + "\r\n");
  }

  // --- helpers ------------------------------------------------------------------------------

  record Run(int exit, String out, String err) {}

  private Run importFiles(Path... files) {
    List<String> args = new ArrayList<>();
    args.add("import");
    args.add("--data-dir");
    args.add(dataDir.toString());
    args.add("--set");
    args.add("catalog.port=" + catalogPort);
    args.add("--parallelism");
    args.add("2");
    for (Path file : files) {
      args.add(file.toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = ServiceLakeCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private List<Record> rows(String table, Path file) throws Exception {
    String topic = "file:" + file.toAbsolutePath().normalize();
    return read(catalog.loadTable(TableIdentifier.of("raw", table))).stream()
        .filter(r -> topic.equals(r.getField("kafka_topic")))
        .toList();
  }

  /** Rows of every raw event table that came from the file. */
  private List<Record> eventRows(Path file) throws Exception {
    List<Record> rows = new ArrayList<>();
    for (TableSpec table : EventTables.all(EventCatalog.load())) {
      rows.addAll(rows(table.name(), file));
    }
    return rows;
  }

  private long totalEvents() throws Exception {
    long rows = 0;
    for (TableSpec table : EventTables.all(EventCatalog.load())) {
      rows += total(table.name());
    }
    return rows;
  }

  private long total(String table) throws Exception {
    return read(catalog.loadTable(TableIdentifier.of("raw", table))).size();
  }

  private static List<Record> read(Table table) throws Exception {
    List<Record> rows = new ArrayList<>();
    if (Optional.ofNullable(table.currentSnapshot()).isEmpty()) {
      return rows;
    }
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(r -> rows.add(r.copy()));
    }
    return rows;
  }
}
