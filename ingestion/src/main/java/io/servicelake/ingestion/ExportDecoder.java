package io.servicelake.ingestion;

import io.servicelake.schemas.ErrorCode;
import io.servicelake.schemas.EventCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes records of {@link FileLinesSource}: a JSON Lines line is the event JSON as it is; a CSV
 * row (the source puts its file's header line in the record key) is converted by {@link CsvEvents}.
 */
final class ExportDecoder implements RecordDecoder {

  private transient CsvEvents csv;
  private transient String lastHeaderText;
  private transient List<String> lastHeader;

  @Override
  public Decoded decode(RawRecord record) {
    if (record.key() == null) {
      return new Decoded.Json(record.value());
    }
    if (csv == null) {
      csv = new CsvEvents(EventCatalog.load());
    }
    String headerText = new String(record.key(), StandardCharsets.UTF_8);
    try {
      if (!headerText.equals(lastHeaderText)) {
        lastHeader = CsvEvents.header(headerText);
        lastHeaderText = headerText;
      }
    } catch (CsvEvents.CsvFormatException e) {
      return new Decoded.Rejected(ErrorCode.MALFORMED_CSV, "bad header: " + e.getMessage());
    }
    String row;
    try {
      row =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(record.value()))
              .toString();
    } catch (CharacterCodingException e) {
      return new Decoded.Rejected(ErrorCode.INVALID_UTF8, "row is not valid UTF-8: " + e);
    }
    return csv.convert(lastHeader, row);
  }
}
