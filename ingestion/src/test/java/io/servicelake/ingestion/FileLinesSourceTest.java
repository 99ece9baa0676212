package io.servicelake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLinesSourceTest {

  @TempDir Path dir;

  private static List<String> values(Iterable<RawRecord> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(r.offset() + ":" + new String(r.value(), StandardCharsets.UTF_8)));
    return out;
  }

  private FileLinesSource.FileSplit split(Path file, boolean csv) throws Exception {
    FileLinesSource source =
        new FileLinesSource(List.of(new FileLinesSource.ExportFile(file, csv)));
    Collection<FileLinesSource.FileSplit> splits =
        source
            .getEnumeratorCheckpointSerializer()
            .deserialize(
                1,
                source
                    .getEnumeratorCheckpointSerializer()
                    .serialize(
                        List.of(
                            new FileLinesSource.FileSplit(
                                file.toAbsolutePath().normalize().toString(), csv, null, 0, 1))));
    return splits.iterator().next();
  }

  @Test
  void oneRecordPerNonBlankLineNumberedFromOneWithTheFileAsTopic() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.write("{\"a\":1}\r\n\r\n  \n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // invalid UTF-8, no final newline
    Path file = Files.write(dir.resolve("x.jsonl"), bytes.toByteArray());

    List<RawRecord> records = new ArrayList<>();
    split(file, false).getIterator().forEachRemaining(records::add);

    assertThat(records).hasSize(3);
    assertThat(records.get(0).topic()).isEqualTo("file:" + file.toAbsolutePath());
    assertThat(records.get(0).partition()).isZero();
    assertThat(records.get(0).key()).isNull();
    assertThat(values(records.subList(0, 2))).containsExactly("1:{\"a\":1}", "4:{\"b\":2}");
    assertThat(records.get(2).offset()).isEqualTo(5);
    assertThat(records.get(2).value()).as("bytes kept as they are").containsExactly(0xC3, 0x28);
  }

  @Test
  void csvHeaderIsNotARecordButEveryRowCarriesItAsKey() throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "\na,b\n1,2\n3,4\n");
    List<RawRecord> records = new ArrayList<>();
    split(file, true).getIterator().forEachRemaining(records::add);
    assertThat(values(records)).containsExactly("3:1,2", "4:3,4");
    assertThat(records)
        .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("a,b"));
  }

  @Test
  void aRestoredSplitContinuesAfterTheLastEmittedLine() throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n3,4\n5,6\n");
    FileLinesSource.LineIterator iterator = split(file, true).getIterator();
    assertThat(values(List.of(iterator.next()))).containsExactly("2:1,2");
    FileLinesSource.FileSplit checkpointed =
        (FileLinesSource.FileSplit) split(file, true).getUpdatedSplitForIterator(iterator);
    FileLinesSource.SplitSerializer serializer = new FileLinesSource.SplitSerializer();
    FileLinesSource.FileSplit restored =
        serializer.deserialize(1, serializer.serialize(checkpointed));

    List<RawRecord> rest = new ArrayList<>();
    restored.getIterator().forEachRemaining(rest::add);
    assertThat(values(rest)).containsExactly("3:3,4", "4:5,6");
    assertThat(new String(rest.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("a,b");
  }
}
