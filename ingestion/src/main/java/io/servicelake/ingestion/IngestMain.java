package io.servicelake.ingestion;

import io.servicelake.transforms.config.LakeSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Entry class of the job jar, for submitters that run a jar's main themselves: {@code flink run},
 * the REST API's {@code /jars/:id/run}, the Flink Kubernetes Operator ({@code entryClass}). It
 * builds the same {@link KafkaIngestion} the launcher builds, from arguments instead of the
 * launcher's configuration:
 *
 * <pre>
 * --kafka-bootstrap-servers H:P[,H:P] --catalog-uri URI --warehouse URI --checkpoint-dir URI
 * [--topic service-events] [--checkpoint-interval 5s] [--parallelism 2]
 * </pre>
 */
public final class IngestMain {

  private static final Set<String> KEYS =
      Set.of(
          "kafka-bootstrap-servers",
          "topic",
          "catalog-uri",
          "warehouse",
          "checkpoint-dir",
          "checkpoint-interval",
          "parallelism");

  private IngestMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    LakeSettings lake =
        new LakeSettings(
            require(options, "kafka-bootstrap-servers"),
            options.getOrDefault("topic", "service-events"),
            "lake",
            require(options, "catalog-uri"),
            require(options, "warehouse"),
            // Spark's master is no concern of the streaming job.
            "unused",
            require(options, "checkpoint-dir"),
            seconds(options.getOrDefault("checkpoint-interval", "5s")));
    int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
    new KafkaIngestion(lake, parallelism).start(false);
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!KEYS.contains(key) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "Bad argument '" + args[i] + "'. Expected --KEY VALUE pairs with KEY in " + KEYS);
      }
      options.put(key, args[i + 1]);
    }
    return options;
  }

  private static String require(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is required (see the class Javadoc).");
    }
    return value;
  }

  private static Duration seconds(String text) {
    return text.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
        : Duration.ofSeconds(Long.parseLong(text.replaceFirst("s$", "")));
  }
}
