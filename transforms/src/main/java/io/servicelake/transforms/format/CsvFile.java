package io.servicelake.transforms.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small headered CSV file: comma-separated, no quoting, blank lines ignored, fields trimmed.
 * Enough for the numeric inputs of the analysis commands; every problem becomes an {@link
 * InputFormatException} naming file and line.
 */
public final class CsvFile {
  /** One data row with its 1-based line number in the file. */
  public record Row(Path file, int line, List<String> fields) {
    public String get(int column) {
      return fields.get(column);
    }

    /** Parses a finite double, or reports the column and the expected form. */
    public double number(int column, String name) throws InputFormatException {
      try {
        double v = Double.parseDouble(fields.get(column));
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      throw error(name + " is '" + fields.get(column) + "', not a number", "write a plain number");
    }

    /** Parses a non-negative integer. */
    public long count(int column, String name) throws InputFormatException {
      try {
        long v = Long.parseLong(fields.get(column));
        if (v >= 0) {
          return v;
        }
      } catch (NumberFormatException notAnInteger) {
        // reported below
      }
      throw error(
          name + " is '" + fields.get(column) + "', not a non-negative integer",
          "write a whole number >= 0");
    }

    public InputFormatException error(String problem, String fix) {
      return new InputFormatException(file, line, problem, fix);
    }
  }

  private CsvFile() {}

  /**
   * Reads {@code file}, checks that its header is exactly {@code header} and returns the data rows,
   * each with exactly as many fields as the header.
   */
  public static List<Row> read(Path file, List<String> header) throws InputFormatException {
    String expected = String.join(",", header);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new InputFormatException(file, 0, "file not found", "pass an existing CSV file");
    } catch (IOException e) {
      throw new InputFormatException(
          file, 0, "cannot be read (" + e.getMessage() + ")", "check the path and permissions");
    }
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new InputFormatException(
          file, 0, "file is empty", "start it with the header " + expected);
    }
    List<String> actual = split(stripBom(lines.get(headerLine)));
    if (!actual.equals(header)) {
      throw new InputFormatException(
          file,
          headerLine + 1,
          "header is '" + String.join(",", actual) + "'",
          "make the first line exactly " + expected);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> fields = split(lines.get(i));
      if (fields.size() != header.size()) {
        throw new InputFormatException(
            file,
            i + 1,
            "has " + fields.size() + " fields, expected " + header.size(),
            "write one value per column: " + expected);
      }
      rows.add(new Row(file, i + 1, fields));
    }
    if (rows.isEmpty()) {
      throw new InputFormatException(file, 0, "has a header but no data rows", "add data rows");
    }
    return rows;
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    for (String f : line.split(",", -1)) {
      out.add(f.trim());
    }
    return out;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
