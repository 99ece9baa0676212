package io.servicelake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File checks before anything is loaded; loading itself is covered by the launcher's ImportIT. */
class FileImportTest {

  @TempDir Path dir;

  @Test
  void formatsComeFromTheExtension() {
    assertThat(FileImport.Format.of(Path.of("a.JSONL"))).contains(FileImport.Format.JSONL);
    assertThat(FileImport.Format.of(Path.of("a.ndjson"))).contains(FileImport.Format.JSONL);
    assertThat(FileImport.Format.of(Path.of("a.json"))).contains(FileImport.Format.JSONL);
    assertThat(FileImport.Format.of(Path.of("a.csv"))).contains(FileImport.Format.CSV);
    assertThat(FileImport.Format.of(Path.of("a.txt"))).isEmpty();
  }

  @Test
  void readableExportsPass() throws Exception {
    assertThat(FileImport.check(Files.writeString(dir.resolve("a.jsonl"), "\n{\"a\":1}\n")))
        .isEmpty();
    assertThat(FileImport.check(Files.writeString(dir.resolve("a.csv"), "event_id,source\n")))
        .isEmpty();
  }

  @Test
  void filesThatCannotBeImportedSayWhy() throws Exception {
    assertThat(FileImport.check(dir.resolve("missing.jsonl"))).contains("no such file");
    assertThat(FileImport.check(Files.writeString(dir.resolve("a.txt"), "x")))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("unknown format"));
    assertThat(FileImport.check(Files.writeString(dir.resolve("truth.json"), "{\n  \"a\": 1\n}\n")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("not JSON Lines"));
    assertThat(FileImport.check(Files.writeString(dir.resolve("empty.csv"), "\n\n")))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("empty CSV file"));
    assertThat(FileImport.check(Files.writeString(dir.resolve("dup.csv"), "a,b,a\n1,2,3\n")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("'a' twice"));
  }

  @Test
  void theHashIsTheContentsNotTheName() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    Path b = Files.writeString(dir.resolve("b.jsonl"), "{}\n");
    Path c = Files.writeString(dir.resolve("c.jsonl"), "{} \n");
    assertThat(FileImport.sha256(a)).isEqualTo(FileImport.sha256(b)).hasSize(64);
    assertThat(FileImport.sha256(c)).isNotEqualTo(FileImport.sha256(a));
  }
}
