package io.servicelake.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicelake.schemas.ErrorCode;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventSchema;
import io.servicelake.schemas.FieldSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts rows of a headered CSV export into event JSON, typed by the event schema, so they go
 * through exactly the validation the stream's JSON goes through.
 *
 * <p>Columns are event fields, envelope included ({@code event_id, event_type, schema_version,
 * occurred_at, source, ...}). Each cell becomes a JSON value of the type the row's schema declares
 * for that column ({@code event_type} and {@code schema_version} pick the schema):
 *
 * <ul>
 *   <li>{@code integer} / {@code number}: a JSON number when the cell is one, else the text as a
 *       string, which the validator then rejects as {@code WRONG_TYPE} with the field named;
 *   <li>{@code boolean}: {@code true} / {@code false} (any case), else the text;
 *   <li>{@code array} / {@code object}: the cell parsed as JSON (e.g. {@code [{"component":...}]}),
 *       else the text;
 *   <li>{@code string} and columns the schema does not declare: the text.
 * </ul>
 *
 * An empty unquoted cell means "absent" (the field is left out, so a required one is reported
 * missing); a quoted empty cell {@code ""} is the empty string. Quoting follows RFC 4180 within one
 * line ({@code "a, b"}, {@code "say ""hi"""}); a quoted line break is not supported (each line is
 * one row, as in JSON Lines). A row whose cell count differs from the header's, or with broken
 * quoting, is rejected as {@link ErrorCode#MALFORMED_CSV}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventCatalog catalog;
  private final Map<String, String> envelopeTypes = new HashMap<>();

  public CsvEvents(EventCatalog catalog) {
    this.catalog = catalog;
    for (FieldSpec field : catalog.envelopeFields()) {
      envelopeTypes.put(field.name(), field.jsonType());
    }
  }

  /** A row that is not well-formed CSV, or a header that cannot name columns. */
  public static final class CsvFormatException extends Exception {
    public CsvFormatException(String message) {
      super(message);
    }
  }

  /** Checks a header line and returns its column names: at least one, none empty, no duplicates. */
  public static List<String> header(String line) throws CsvFormatException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String cell : split(stripBom(line))) {
      String name = cell == null ? "" : cell.strip();
      if (name.isEmpty()) {
        throw new CsvFormatException(
            "header column " + (names.size() + 1) + " has no name: name every column");
      }
      if (!seen.add(name)) {
        throw new CsvFormatException("header names column '" + name + "' twice");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  /** Converts one data row under {@code header} to event JSON, or says why it cannot. */
  public RecordDecoder.Decoded convert(List<String> header, String line) {
    List<String> cells;
    try {
      cells = split(line);
    } catch (CsvFormatException e) {
      return new RecordDecoder.Decoded.Rejected(ErrorCode.MALFORMED_CSV, e.getMessage());
    }
    if (cells.size() != header.size()) {
      return new RecordDecoder.Decoded.Rejected(
          ErrorCode.MALFORMED_CSV,
          "row has " + cells.size() + " cells, the header has " + header.size() + " columns");
    }
    Map<String, String> types = types(header, cells);
    ObjectNode event = JSON.createObjectNode();
    for (int i = 0; i < header.size(); i++) {
      String cell = cells.get(i);
      if (cell != null) {
        event.set(header.get(i), typed(cell, types.getOrDefault(header.get(i), "string")));
      }
    }
    return new RecordDecoder.Decoded.Json(event.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Field types for this row: the envelope's, plus its schema's when the row names a known one. */
  private Map<String, String> types(List<String> header, List<String> cells) {
    Map<String, String> types = new HashMap<>(envelopeTypes);
    int typeColumn = header.indexOf("event_type");
    int versionColumn = header.indexOf("schema_version");
    if (typeColumn < 0 || versionColumn < 0) {
      return types;
    }
    String type = cells.get(typeColumn);
    Optional<EventSchema> schema = Optional.empty();
    try {
      if (type != null && cells.get(versionColumn) != null) {
        schema = catalog.find(type.strip(), Integer.parseInt(cells.get(versionColumn).strip()));
      }
    } catch (NumberFormatException e) {
      // the validator reports the bad schema_version
    }
    schema.ifPresent(s -> s.fields().forEach(f -> types.put(f.name(), f.jsonType())));
    return types;
  }

  private static JsonNode typed(String cell, String jsonType) {
    String text = cell.strip();
    switch (jsonType) {
      case "integer", "number" -> {
        try {
          BigDecimal number = new BigDecimal(text);
          if ("integer".equals(jsonType) && number.stripTrailingZeros().scale() <= 0) {
            return JSON.getNodeFactory().numberNode(number.toBigIntegerExact());
          }
          return JSON.getNodeFactory().numberNode(number);
        } catch (NumberFormatException | ArithmeticException e) {
          return JSON.getNodeFactory().textNode(cell);
        }
      }
      case "boolean" -> {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
          return JSON.getNodeFactory().booleanNode(lower.equals("true"));
        }
        return JSON.getNodeFactory().textNode(cell);
      }
      case "array", "object" -> {
        try {
          JsonNode node = JSON.readTree(text);
          if (node != null && (node.isArray() || node.isObject())) {
            return node;
          }
        } catch (JsonProcessingException e) {
          // kept as text: the validator names the field and the expected type
        }
        return JSON.getNodeFactory().textNode(cell);
      }
      default -> {
        return JSON.getNodeFactory().textNode(cell);
      }
    }
  }

  /**
   * Splits one CSV line into cells: {@code null} for an empty unquoted cell, the unquoted text
   * otherwise.
   */
  static List<String> split(String line) throws CsvFormatException {
    List<String> cells = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        StringBuilder cell = new StringBuilder();
        int start = i++;
        while (true) {
          if (i >= n) {
            throw new CsvFormatException(
                "cell "
                    + (cells.size() + 1)
                    + " opens a quote at column "
                    + (start + 1)
                    + " that is never closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
        cells.add(cell.toString());
        if (i < n && line.charAt(i) != ',') {
          throw new CsvFormatException(
              "cell "
                  + cells.size()
                  + " has text after its closing quote (column "
                  + (i + 1)
                  + ")");
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        String cell = line.substring(i, end);
        if (cell.indexOf('"') >= 0) {
          throw new CsvFormatException(
              "cell "
                  + (cells.size() + 1)
                  + " has a quote inside unquoted text: quote the whole"
                  + " cell and double inner quotes (\"say \"\"hi\"\"\")");
        }
        cells.add(cell.isBlank() ? null : cell);
        i = end;
      }
      if (i >= n) {
        return cells;
      }
      i++; // the comma
      if (i == n) {
        cells.add(null); // a trailing comma ends with an empty cell
        return cells;
      }
    }
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
