package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.ingestion.FileImport;
import io.servicelake.launcher.embedded.Ports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument and environment errors of {@code import}; loading itself is covered by ImportIT. */
class ImportCommandTest {

  @TempDir Path dir;

  private CliRun last;

  private int run(String... args) {
    last = CliRun.servicelake(args);
    return last.exitCode();
  }

  @Test
  void withoutAPathItIsAUsageError() {
    assertThat(run("import")).isEqualTo(2);
    assertThat(last.err()).contains("Missing required parameter: 'PATH'");
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertThat(run("import", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
    assertThat(last.err()).contains("No such file or directory: ").contains("nope.jsonl");
  }

  @Test
  void anUnknownExtensionIsAUsageErrorNamingTheAcceptedOnes() throws Exception {
    Path file = Files.writeString(dir.resolve("events.txt"), "{}\n");
    assertThat(run("import", file.toString())).isEqualTo(2);
    assertThat(last.err()).contains("Cannot tell the format of").contains("*.jsonl", "*.csv");
  }

  @Test
  void aDirectoryWithoutExportsIsAUsageError() throws Exception {
    Files.writeString(dir.resolve("notes.md"), "x");
    assertThat(run("import", dir.toString())).isEqualTo(2);
    assertThat(last.err()).contains("holds no *.jsonl");
  }

  @Test
  void directoriesContributeJsonLinesAndCsvButNotSingleJsonDocuments() {
    assertThat(ImportCommand.exportInDirectory(Path.of("out/events.jsonl"))).isTrue();
    assertThat(ImportCommand.exportInDirectory(Path.of("out/2023.csv"))).isTrue();
    assertThat(ImportCommand.exportInDirectory(Path.of("out/ground-truth.json"))).isFalse();
    assertThat(ImportCommand.exportInDirectory(Path.of("out/notes.md"))).isFalse();
  }

  @Test
  void theReportListsEveryBadRowOnStderrAndFailsWhenAFileFailed() {
    StringWriter reportOut = new StringWriter();
    StringWriter reportErr = new StringWriter();
    Path loaded = Path.of("/x/a.jsonl");
    int code =
        ImportCommand.report(
            List.of(
                new FileImport.FileReport(
                    loaded,
                    "ab",
                    FileImport.Outcome.LOADED,
                    7,
                    2,
                    List.of(
                        new FileImport.BadRow(3, "MALFORMED_JSON", "not parseable as JSON"),
                        new FileImport.BadRow(9, "MISSING_FIELD", "required property 'source'")),
                    ""),
                new FileImport.FileReport(
                    Path.of("/x/b.csv"),
                    "",
                    FileImport.Outcome.FAILED,
                    0,
                    0,
                    List.of(),
                    "bad CSV header: header names column 'a' twice")),
            new PrintWriter(reportOut, true),
            new PrintWriter(reportErr, true));
    assertThat(code).isEqualTo(1);
    assertThat(reportOut.toString())
        .contains("         7            2  /x/a.jsonl")
        .contains("/x/b.csv: FAILED, bad CSV header")
        .contains(
            "Total: 7 rows loaded into the raw event tables, 2 quarantined in raw.quarantine; 0 file(s)"
                + " skipped, 1 failed.");
    assertThat(reportErr.toString())
        .contains("/x/a.jsonl:3: MALFORMED_JSON not parseable as JSON")
        .contains("/x/a.jsonl:9: MISSING_FIELD required property 'source'")
        .contains("/x/b.csv: not imported: bad CSV header");
  }

  @Test
  void parallelismMustBePositive() throws Exception {
    Path file = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    assertThat(run("import", "--parallelism", "0", file.toString())).isEqualTo(2);
    assertThat(last.err()).contains("--parallelism must be at least 1, got 0");
  }

  @Test
  void withoutARunningCatalogItSaysHowToStartTheStack() throws Exception {
    Path file = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    int port = Ports.free();
    int code =
        run(
            "import",
            "--data-dir",
            dir.resolve("data").toString(),
            "--set",
            "catalog.port=" + port,
            file.toString());
    assertThat(code).isEqualTo(1);
    assertThat(last.err())
        .contains("No Iceberg REST catalog answers at http://127.0.0.1:" + port)
        .contains("./servicelake quickstart --detach");
  }

  @Test
  void simulateToKafkaWithoutABrokerSaysHowToStartTheStack() {
    int port = Ports.free();
    int code =
        run(
            "simulate",
            "--to-kafka",
            "--units",
            "5",
            "--data-dir",
            dir.resolve("data").toString(),
            "--set",
            "kafka.port=" + port,
            "--out",
            dir.resolve("out").toString());
    assertThat(code).isEqualTo(1);
    assertThat(last.err())
        .contains("No Kafka answers at 127.0.0.1:" + port)
        .contains("./servicelake quickstart --detach");
  }

  @Test
  void benchNeedsABenchmarkName() {
    assertThat(run("bench")).isEqualTo(2);
    assertThat(last.err()).contains("Missing benchmark: try 'bench simulate'");
    assertThat(run("bench", "simulate", "--units", "0")).isEqualTo(2);
    assertThat(last.err()).contains("--units must be at least 1, got 0");
  }
}
