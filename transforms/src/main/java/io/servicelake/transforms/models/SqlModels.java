package io.servicelake.transforms.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The project's SQL models, in build order, loaded from {@code servicelake/models/}. */
public final class SqlModels {

  private static final String ROOT = "servicelake/models/";
  private static final ObjectMapper JSON = new ObjectMapper();

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
      for (String ref : model.refs()) {
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
    String sql = read(ROOT + layer + "/" + name + ".sql");
    JsonNode doc;
    try {
      doc = JSON.readTree(read(ROOT + layer + "/" + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("Model doc " + name + ".json is not valid JSON", e);
    }
    Map<String, String> columns = new LinkedHashMap<>();
    doc.path("columns")
        .fields()
        .forEachRemaining(e -> columns.put(e.getKey(), e.getValue().asText()));
    String description =
        doc.path("description").asText("") + " Grain: " + doc.path("grain").asText("") + ".";
    return new SqlModel(layer, name, sql, description, columns);
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
