package io.servicelake.transforms.sim;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes simulated records as JSON Lines: one record value per line, byte for byte (bad records
 * included, exactly as Kafka would carry them). Either one mixed file {@code events.jsonl} or one
 * file per intended event type, {@code <event_type>.jsonl}.
 *
 * <p>Not thread-safe. Close it to flush; IO errors surface as {@link UncheckedIOException}.
 */
public final class JsonLinesWriter implements Consumer<SimulatedEvent>, Closeable {

  /** The file name of the mixed stream. */
  public static final String MIXED_FILE = "events.jsonl";

  private final Path directory;
  private final boolean perType;
  private final Map<String, OutputStream> outputs = new TreeMap<>();
  private long records;
  private long bytes;

  public JsonLinesWriter(Path directory, boolean perType) {
    this.directory = directory;
    this.perType = perType;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  @Override
  public void accept(SimulatedEvent event) {
    String file = perType ? event.eventType() + ".jsonl" : MIXED_FILE;
    try {
      OutputStream out = outputs.get(file);
      if (out == null) {
        out = new BufferedOutputStream(Files.newOutputStream(directory.resolve(file)), 1 << 16);
        outputs.put(file, out);
      }
      out.write(event.value());
      out.write('\n');
      records++;
      bytes += event.value().length + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory.resolve(file), e);
    }
  }

  public long records() {
    return records;
  }

  public long bytes() {
    return bytes;
  }

  /** The files written so far, sorted. */
  public java.util.List<Path> files() {
    return outputs.keySet().stream().map(directory::resolve).toList();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OutputStream out : outputs.values()) {
      try {
        out.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
