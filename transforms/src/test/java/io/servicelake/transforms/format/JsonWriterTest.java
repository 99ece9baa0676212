package io.servicelake.transforms.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedObjectsEscapesAndNullsNonFinite() {
    Map<String, Number> counts = new LinkedHashMap<>();
    counts.put("a", 3);
    counts.put("b", 0.25);
    String json =
        new JsonWriter()
            .beginObject()
            .field("s", "q\"uo\\te\n")
            .field("x", 1.5)
            .field("n", 2.0)
            .field("nan", Double.NaN)
            .field("ok", true)
            .field("m", counts)
            .endObject()
            .toString();
    assertThat(json)
        .isEqualTo(
            "{\"s\":\"q\\\"uo\\\\te\\n\",\"x\":1.5,\"n\":2,\"nan\":null,\"ok\":true,"
                + "\"m\":{\"a\":3,\"b\":0.25}}");
  }

  @Test
  void refusesUnbalancedOutput() {
    assertThatThrownBy(() -> new JsonWriter().beginObject().toString())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().field("x", 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
