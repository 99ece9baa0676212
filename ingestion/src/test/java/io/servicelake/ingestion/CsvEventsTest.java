package io.servicelake.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.ErrorCode;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventValidator;
import io.servicelake.schemas.ValidationResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvEventsTest {

  private static final EventCatalog CATALOG = EventCatalog.load();
  private static final CsvEvents CSV = new CsvEvents(CATALOG);
  private static final EventValidator VALIDATOR = new EventValidator(CATALOG);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HEADER =
      "event_id,event_type,schema_version,occurred_at,source,work_order_id,request_id,serial,"
          + "region,station_id,technician_id,service_type,labour_minutes,travel_km,fixed,"
          + "failure_mode";

  private static final String ROW =
      "5d0e0b2a-7f0c-4f43-9a3e-2b2f0c6a0008,workorder.completed,1,2024-06-01T08:00:00Z,"
          + "field-app,WO-1,SR-1,SN-1,north,ST-01,T-01-2,warranty,95,12.5,TRUE,";

  private static List<String> header(String line) throws Exception {
    return CsvEvents.header(line);
  }

  private static JsonNode json(RecordDecoder.Decoded decoded) throws Exception {
    assertThat(decoded).isInstanceOf(RecordDecoder.Decoded.Json.class);
    return JSON.readTree(((RecordDecoder.Decoded.Json) decoded).value());
  }

  private static ValidationResult validate(RecordDecoder.Decoded decoded) {
    return VALIDATOR.validate(((RecordDecoder.Decoded.Json) decoded).value());
  }

  @Test
  void cellsBecomeJsonValuesOfTheTypesTheEventSchemaDeclares() throws Exception {
    RecordDecoder.Decoded decoded = CSV.convert(header(HEADER), ROW);
    JsonNode event = json(decoded);
    assertThat(event.get("schema_version").isInt()).as("envelope integer").isTrue();
    assertThat(event.get("schema_version").asInt()).isEqualTo(1);
    assertThat(event.get("labour_minutes").isNumber()).isTrue();
    assertThat(event.get("labour_minutes").asDouble()).isEqualTo(95);
    assertThat(event.get("travel_km").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(event.get("fixed").isBoolean()).as("TRUE is a boolean, any case").isTrue();
    assertThat(event.get("serial").isTextual()).isTrue();
    assertThat(event.has("failure_mode")).as("empty unquoted cell = absent").isFalse();
    assertThat(validate(decoded)).isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void quotedCellsKeepCommasQuotesAndTheEmptyString() throws Exception {
    List<String> header = header("event_id,event_type,schema_version,model,failure_mode,serial");
    JsonNode event =
        json(
            CSV.convert(
                header, "id-1,workorder.completed,1,\"AC-200, rev \"\"B\"\"\",\"\",\"SN-1\""));
    assertThat(event.get("model").asText()).isEqualTo("AC-200, rev \"B\"");
    assertThat(event.get("failure_mode").asText()).as("quoted empty = empty string").isEmpty();
    assertThat(event.get("serial").asText()).isEqualTo("SN-1");
  }

  @Test
  void arrayColumnsHoldJson() throws Exception {
    List<String> header = header("event_type,schema_version,components");
    JsonNode event =
        json(
            CSV.convert(
                header,
                "product.shipped,1,\"[{\"\"component\"\":\"\"compressor\"\","
                    + "\"\"component_group\"\":\"\"mechanical\"\",\"\"warranty_months\"\":36}]\""));
    assertThat(event.get("components").isArray()).isTrue();
    assertThat(event.at("/components/0/warranty_months").asInt()).isEqualTo(36);
  }

  @Test
  void integersAcceptAZeroFractionAndKeepOtherTextForTheValidatorToReject() throws Exception {
    List<String> header = header("event_type,schema_version,quantity,serial");
    assertThat(
            json(CSV.convert(header, "part.consumed,1,3.0,SN")).get("quantity").isIntegralNumber())
        .isTrue();
    assertThat(json(CSV.convert(header, "part.consumed,1,2.5,SN")).get("quantity").isNumber())
        .isTrue();
    assertThat(json(CSV.convert(header, "part.consumed,1,three,SN")).get("quantity").asText())
        .isEqualTo("three");
  }

  @Test
  void aCellOfTheWrongTypeIsRejectedByTheSameValidatorAsTheStream() throws Exception {
    RecordDecoder.Decoded decoded =
        CSV.convert(header(HEADER), ROW.replace(",95,", ",ninety-five,"));
    ValidationResult result = validate(decoded);
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).code()).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(((ValidationResult.Invalid) result).reason()).contains("labour_minutes");
  }

  @Test
  void aMissingRequiredCellIsReportedMissing() throws Exception {
    RecordDecoder.Decoded decoded = CSV.convert(header(HEADER), ROW.replace(",SN-1,", ",,"));
    ValidationResult result = validate(decoded);
    assertThat(((ValidationResult.Invalid) result).code()).isEqualTo(ErrorCode.MISSING_FIELD);
    assertThat(((ValidationResult.Invalid) result).reason()).contains("serial");
  }

  @Test
  void unknownEventTypesAreTypedByTheEnvelopeAndRejectedAsUnknown() throws Exception {
    RecordDecoder.Decoded decoded =
        CSV.convert(header(HEADER), ROW.replace("workorder.completed", "workorder.exploded"));
    assertThat(json(decoded).get("labour_minutes").isTextual()).isTrue();
    assertThat(((ValidationResult.Invalid) validate(decoded)).code())
        .isEqualTo(ErrorCode.UNKNOWN_EVENT_TYPE);
  }

  @Test
  void rowsThatAreNotCsvAreRejectedWithTheReason() throws Exception {
    List<String> header = header("a,b,c");
    assertRejected(CSV.convert(header, "1,2"), "row has 2 cells, the header has 3 columns");
    assertRejected(CSV.convert(header, "1,2,3,4"), "row has 4 cells");
    assertRejected(CSV.convert(header, "1,\"2,3"), "never closed");
    assertRejected(CSV.convert(header, "1,\"2\"x,3"), "text after its closing quote");
    assertRejected(CSV.convert(header, "1,2\"x,3"), "quote inside unquoted text");
  }

  private static void assertRejected(RecordDecoder.Decoded decoded, String reason) {
    assertThat(decoded).isInstanceOf(RecordDecoder.Decoded.Rejected.class);
    RecordDecoder.Decoded.Rejected rejected = (RecordDecoder.Decoded.Rejected) decoded;
    assertThat(rejected.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
    assertThat(rejected.reason()).contains(reason);
  }

  @Test
  void splitDistinguishesEmptyFromQuotedEmptyAndKeepsTrailingEmptyCells() throws Exception {
    assertThat(CsvEvents.split("a,,\"\",")).isEqualTo(Arrays.asList("a", null, "", null));
    assertThat(CsvEvents.split("")).isEqualTo(Arrays.asList((String) null));
  }

  @Test
  void headersMustNameEveryColumnOnce() throws Exception {
    assertThat(header("\uFEFFevent_id, event_type")).containsExactly("event_id", "event_type");
    assertThatThrownBy(() -> header("a,,c"))
        .isInstanceOf(CsvEvents.CsvFormatException.class)
        .hasMessageContaining("column 2 has no name");
    assertThatThrownBy(() -> header("a,b,a"))
        .isInstanceOf(CsvEvents.CsvFormatException.class)
        .hasMessageContaining("'a' twice");
  }
}
