package io.servicelake.transforms.format;

import java.nio.file.Path;

/**
 * Bad input file: the message names the file, the line (1-based, 0 for the whole file), what is
 * wrong and how to fix it, ready to show a user.
 */
public final class InputFormatException extends Exception {
  private final Path file;
  private final int line;

  public InputFormatException(Path file, int line, String problem, String fix) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem + ". Fix: " + fix);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }
}
