package io.servicelake.transforms.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.schemas.EventCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The project's SQL models, in build order, loaded from {@code servicelake/models/}. */
public final class SqlModels {

  private static final String ROOT = "servicelake/models/";
  private static final String JOBS_ROOT = "servicelake/jobs/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCatalog CATALOG = EventCatalog.load();

  private SqlModels() {}

  /**
   * Loads every model listed in {@code index.txt}, checking that each one only refers to models
   * listed before it (so building in list order is always valid).
   */
  public static List<SqlModel> load() {
    List<SqlModel> models = new ArrayList<>();
    Set<String> built = new HashSet<>();
    for (String line : read(ROOT + "index.txt").split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] parts = entry.split("/", 2);
      SqlModel model = load(parts[0], parts[1]);
      List<String> reads = new ArrayList<>(model.refs());
      reads.addAll(model.tests().refs());
      reads.removeIf(model.name()::equals);
      for (String ref : reads) {
        if (!built.contains(ref)) {
          throw new IllegalStateException(
              "Model " + model.name() + " refers to " + ref + ", which is not listed before it");
        }
      }
      built.add(model.name());
      models.add(model);
    }
    return List.copyOf(models);
  }

  static SqlModel load(String layer, String name) {
    JsonNode doc = doc(ROOT, layer, name);
    String sql =
        StagingSql.isGenerated(doc)
            ? StagingSql.generate(name, doc, CATALOG)
            : read(ROOT + layer + "/" + name + ".sql");
    return fromDoc(layer, name, sql, doc);
  }

  /**
   * The documentation of a table written by a Spark job rather than by SQL ({@code
   * servicelake/jobs/<layer>/<name>.json}, same format as a model's doc), as a model without SQL so
   * that {@code MartBuilder} publishes its comments and {@code ModelTester} runs its data tests.
   */
  public static SqlModel jobTable(String layer, String name) {
    return fromDoc(layer, name, "", doc(JOBS_ROOT, layer, name));
  }

  private static JsonNode doc(String root, String layer, String name) {
    try {
      return JSON.readTree(read(root + layer + "/" + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("Model doc " + name + ".json is not valid JSON", e);
    }
  }

  private static SqlModel fromDoc(String layer, String name, String sql, JsonNode doc) {
    Map<String, String> columns = new LinkedHashMap<>();
    doc.path("columns")
        .fields()
        .forEachRemaining(e -> columns.put(e.getKey(), e.getValue().asText()));
    String description =
        doc.path("description").asText("") + " Grain: " + doc.path("grain").asText("") + ".";
    JsonNode partition = doc.path("partition_by");
    Optional<SqlModel.Partitioning> partitioning =
        partition.isMissingNode()
            ? Optional.empty()
            : Optional.of(
                new SqlModel.Partitioning(
                    partition.path("column").asText(),
                    partition.path("grain").asText("day"),
                    partition.path("lookback_days").asInt(0)));
    return new SqlModel(
        layer,
        name,
        sql,
        description,
        columns,
        partitioning,
        tests(doc.path("tests")),
        texts(doc.path("pii")));
  }

  private static ModelTests tests(JsonNode tests) {
    Map<String, List<String>> accepted = new LinkedHashMap<>();
    tests
        .path("accepted_values")
        .fields()
        .forEachRemaining(e -> accepted.put(e.getKey(), texts(e.getValue())));
    Map<String, String> relationships = new LinkedHashMap<>();
    tests
        .path("relationships")
        .fields()
        .forEachRemaining(e -> relationships.put(e.getKey(), e.getValue().asText()));
    List<ModelTests.Reconciliation> reconciliations = new ArrayList<>();
    tests
        .path("reconcile")
        .forEach(
            r ->
                reconciliations.add(
                    new ModelTests.Reconciliation(
                        r.path("name").asText(),
                        r.path("actual").asText(),
                        r.path("expected").asText(),
                        r.path("tolerance").asDouble(0))));
    return new ModelTests(
        texts(tests.path("unique")),
        texts(tests.path("not_null")),
        accepted,
        relationships,
        reconciliations,
        texts(tests.path("expect_empty")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(v -> texts.add(v.asText()));
    return texts;
  }

  private static String read(String resource) {
    try (InputStream in = SqlModels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Model resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
