package io.servicelake.ingestion;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A bounded source over export files: one {@link RawRecord} per non-blank line, with {@code topic =
 * "file:" + absolute path}, {@code partition = 0} and {@code offset = } the 1-based line number, so
 * a quarantined row says exactly where it came from. The value is the line's bytes as they are
 * (without the line break, a UTF-8 byte-order mark at the start of the file removed), so invalid
 * UTF-8 reaches the validator unchanged.
 *
 * <p>For a CSV file the first non-blank line is the header: it is not emitted, and every row of the
 * file carries it as its record key (for {@link ExportDecoder}; in {@code raw.quarantine} it shows
 * as {@code kafka_key}, the column names of {@code raw_text}). JSON Lines records have no key.
 *
 * <p>One split per file; a split's state is its byte position and line number, so a restored job
 * continues where its checkpoint left off.
 */
public final class FileLinesSource
    implements Source<RawRecord, FileLinesSource.FileSplit, Collection<FileLinesSource.FileSplit>>,
        ResultTypeQueryable<RawRecord> {

  /** Record topic prefix; the rest is the absolute path. */
  public static final String TOPIC_PREFIX = "file:";

  private final List<FileSplit> splits;

  /**
   * @param files files to read, each whole; {@code csv} says whether its first line is a header
   */
  public FileLinesSource(List<ExportFile> files) {
    List<FileSplit> list = new ArrayList<>();
    for (ExportFile file : files) {
      list.add(
          new FileSplit(
              file.path().toAbsolutePath().normalize().toString(), file.csv(), null, 0, 1));
    }
    this.splits = List.copyOf(list);
  }

  /** One file to read. */
  public record ExportFile(Path path, boolean csv) {}

  public static String topic(Path file) {
    return TOPIC_PREFIX + file.toAbsolutePath().normalize();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  @Override
  public SourceReader<RawRecord, FileSplit> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> createEnumerator(
      SplitEnumeratorContext<FileSplit> context) {
    return new IteratorSourceEnumerator<>(context, splits);
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> restoreEnumerator(
      SplitEnumeratorContext<FileSplit> context, Collection<FileSplit> checkpoint) {
    return new IteratorSourceEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<FileSplit>> getEnumeratorCheckpointSerializer() {
    return new CheckpointSerializer();
  }

  /**
   * The rest of one file.
   *
   * @param path absolute path
   * @param header the CSV header line once read, else {@code null}
   * @param position byte offset of the next line to read
   * @param line 1-based number of that line
   */
  public record FileSplit(String path, boolean csv, byte[] header, long position, long line)
      implements IteratorSourceSplit<RawRecord, LineIterator>, java.io.Serializable {

    @Override
    public String splitId() {
      return path;
    }

    @Override
    public LineIterator getIterator() {
      return new LineIterator(this);
    }

    @Override
    public IteratorSourceSplit<RawRecord, LineIterator> getUpdatedSplitForIterator(
        LineIterator iterator) {
      return new FileSplit(path, csv, iterator.header, iterator.position, iterator.line);
    }
  }

  /** Reads lines lazily; closes the file when the last one is read. */
  public static final class LineIterator implements Iterator<RawRecord> {
    private final String topic;
    private final boolean csv;
    private InputStream in;
    private byte[] header;
    private long position;
    private long line;
    private RawRecord next;

    LineIterator(FileSplit split) {
      this.topic = TOPIC_PREFIX + split.path();
      this.csv = split.csv();
      this.header = split.header();
      this.position = split.position();
      this.line = split.line();
      try {
        FileChannel channel = FileChannel.open(Path.of(split.path()), StandardOpenOption.READ);
        channel.position(position);
        in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + split.path(), e);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null && in != null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public RawRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawRecord record = next;
      next = null;
      return record;
    }

    private RawRecord advance() {
      try {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        while (true) {
          long lineNumber = line;
          boolean atStart = position == 0;
          buffer.reset();
          int b;
          boolean any = false;
          while ((b = in.read()) >= 0) {
            any = true;
            position++;
            if (b == '\n') {
              break;
            }
            buffer.write(b);
          }
          if (!any) {
            in.close();
            in = null;
            return null;
          }
          line++;
          byte[] bytes = trim(buffer.toByteArray(), atStart);
          if (isBlank(bytes)) {
            continue;
          }
          if (csv && header == null) {
            header = bytes;
            continue;
          }
          return new RawRecord(topic, 0, lineNumber, csv ? header : null, bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + topic.substring(TOPIC_PREFIX.length()), e);
      }
    }

    /** Drops a trailing CR (CRLF files) and, on the first line, a UTF-8 byte-order mark. */
    private static byte[] trim(byte[] bytes, boolean firstLine) {
      int from = 0;
      int to = bytes.length;
      if (firstLine
          && to >= 3
          && (bytes[0] & 0xff) == 0xEF
          && (bytes[1] & 0xff) == 0xBB
          && (bytes[2] & 0xff) == 0xBF) {
        from = 3;
      }
      if (to > from && bytes[to - 1] == '\r') {
        to--;
      }
      return from == 0 && to == bytes.length
          ? bytes
          : java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static boolean isBlank(byte[] bytes) {
      for (byte b : bytes) {
        if (b != ' ' && b != '\t') {
          return false;
        }
      }
      return true;
    }
  }

  static final class SplitSerializer implements SimpleVersionedSerializer<FileSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(FileSplit split) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      write(split, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public FileSplit deserialize(int version, byte[] serialized) throws IOException {
      return read(new DataInputDeserializer(serialized));
    }

    static void write(FileSplit split, DataOutputSerializer out) throws IOException {
      out.writeUTF(split.path());
      out.writeBoolean(split.csv());
      out.writeInt(split.header() == null ? -1 : split.header().length);
      if (split.header() != null) {
        out.write(split.header());
      }
      out.writeLong(split.position());
      out.writeLong(split.line());
    }

    static FileSplit read(DataInputDeserializer in) throws IOException {
      String path = in.readUTF();
      boolean csv = in.readBoolean();
      int headerLength = in.readInt();
      byte[] header = null;
      if (headerLength >= 0) {
        header = new byte[headerLength];
        in.readFully(header);
      }
      return new FileSplit(path, csv, header, in.readLong(), in.readLong());
    }
  }

  static final class CheckpointSerializer
      implements SimpleVersionedSerializer<Collection<FileSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<FileSplit> splits) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      out.writeInt(splits.size());
      for (FileSplit split : splits) {
        SplitSerializer.write(split, out);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public Collection<FileSplit> deserialize(int version, byte[] serialized) throws IOException {
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      int count = in.readInt();
      List<FileSplit> splits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        splits.add(SplitSerializer.read(in));
      }
      return splits;
    }
  }
}
