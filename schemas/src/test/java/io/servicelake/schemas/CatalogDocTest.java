package io.servicelake.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed README is exactly what the generator produces, so docs cannot drift. */
class CatalogDocTest {

  /** Surefire runs tests in the module directory. */
  private static final Path README = Path.of("README.md");

  private static final Path TABLES = Path.of("src/main/resources/servicelake/schemas/tables");

  @Test
  void committedReadmeMatchesTheGenerator() throws IOException {
    String expected = CatalogDoc.render(EventCatalog.load(), TableSpec.all());
    if (Boolean.getBoolean("catalog.regenerate")) {
      Files.writeString(README, expected, StandardCharsets.UTF_8);
    }
    assertThat(README).exists();
    assertThat(Files.readString(README, StandardCharsets.UTF_8))
        .as("schemas/README.md is stale: run mvn -pl schemas test -Dcatalog.regenerate=true")
        .isEqualTo(expected);
  }

  @Test
  void readmeDocumentsEveryTypeVersionFieldAndTable() {
    EventCatalog catalog = EventCatalog.load();
    String doc = CatalogDoc.render(catalog, TableSpec.all());
    for (EventSchema schema : catalog.all()) {
      assertThat(doc).contains("### " + schema.eventType() + " v" + schema.version() + "\n");
      for (FieldSpec field : schema.fields()) {
        assertThat(doc).contains("| `" + field.name() + "` |");
      }
    }
    assertThat(doc)
        .contains("| `customer_phone` | string | no | yes | Customer phone (PII). |")
        .contains("| `components[].warranty_months` | integer, ≥ 0 | yes |")
        .contains("### raw.service_requested\n", "### raw.quarantine\n");
  }

  @Test
  void tableIndexListsEveryTableSpecFile() throws IOException {
    List<String> files;
    try (Stream<Path> listing = Files.list(TABLES)) {
      files =
          listing
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .map(n -> n.substring(0, n.length() - ".json".length()))
              .sorted()
              .toList();
    }
    assertThat(
            TableSpec.all().stream()
                .filter(t -> !EventTables.all(EventCatalog.load()).contains(t))
                .map(TableSpec::qualifiedName)
                .sorted()
                .toList())
        .isEqualTo(files);
  }
}
