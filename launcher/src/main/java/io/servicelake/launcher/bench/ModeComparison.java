package io.servicelake.launcher.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark's figures in embedded and in cluster mode side by side, as one JSON document: both
 * runs as they were written, the cluster/embedded ratio of every numeric top-level figure, and the
 * explanation of the difference.
 */
public final class ModeComparison {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModeComparison() {}

  /**
   * @param embeddedJson the benchmark's JSON of the embedded run
   * @param clusterJson the same benchmark's JSON of the cluster run
   * @param setups what each mode ran on, keyed "embedded" and "cluster"
   * @param explanation why the figures differ, one point per entry
   */
  public static String toJson(
      String benchmark,
      String embeddedJson,
      String clusterJson,
      Map<String, String> setups,
      List<String> explanation) {
    JsonNode embedded = parse(embeddedJson);
    JsonNode cluster = parse(clusterJson);
    try {
      ObjectNode root = JSON.createObjectNode();
      root.put("benchmark", benchmark);
      ObjectNode setup = root.putObject("setup");
      setups.forEach(setup::put);
      root.set("embedded", embedded);
      root.set("cluster", cluster);
      root.set("cluster_to_embedded_ratio", ratios(embedded, cluster));
      ArrayNode why = root.putArray("explanation");
      explanation.forEach(why::add);
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write the comparison: " + e.getMessage(), e);
    }
  }

  /** cluster ÷ embedded for each numeric field both runs have (settings with equal values too). */
  static ObjectNode ratios(JsonNode embedded, JsonNode cluster) {
    ObjectNode ratios = JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = embedded.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode other = cluster.get(field.getKey());
      if (field.getValue().isNumber()
          && other != null
          && other.isNumber()
          && field.getValue().asDouble() != 0
          && field.getValue().asDouble() != other.asDouble()) {
        ratios.put(
            field.getKey(),
            Math.round(other.asDouble() / field.getValue().asDouble() * 1000) / 1000.0);
      }
    }
    return ratios;
  }

  /**
   * A figure of the measured sentence: the JSON field, how it reads ({@code format} after dividing
   * by {@code divisor}, then {@code unit}), and whether the cluster/embedded ratio follows.
   */
  public record Figure(
      String label, String field, String format, double divisor, String unit, boolean ratio) {}

  /** "Measured: label embedded → cluster unit (×ratio), …." for an explanation's last point. */
  public static String measured(String embedded, String cluster, Figure... figures) {
    JsonNode before = parse(embedded);
    JsonNode after = parse(cluster);
    StringBuilder sentence = new StringBuilder("Measured: ");
    for (int i = 0; i < figures.length; i++) {
      Figure f = figures[i];
      double was = number(before, f.field());
      double is = number(after, f.field());
      sentence
          .append(i == 0 ? "" : ", ")
          .append(f.label())
          .append(' ')
          .append(String.format(Locale.ROOT, f.format(), was / f.divisor()))
          .append(" → ")
          .append(String.format(Locale.ROOT, f.format(), is / f.divisor()))
          .append(' ')
          .append(f.unit());
      if (f.ratio()) {
        sentence.append(String.format(Locale.ROOT, " (×%.2f)", is / was));
      }
    }
    return sentence.append('.').toString();
  }

  /** A figure of a benchmark's JSON, for the measured sentence of an explanation. */
  public static double figure(String json, String field) {
    return number(parse(json), field);
  }

  private static double number(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException("No numeric field " + field + " in " + json);
    }
    return node.asDouble();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("A benchmark wrote invalid JSON: " + e.getMessage(), e);
    }
  }
}
