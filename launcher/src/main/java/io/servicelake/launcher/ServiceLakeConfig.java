package io.servicelake.launcher;

import io.servicelake.launcher.embedded.Ports;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one configuration of a ServiceLake deployment. Every endpoint that is left unset means "start
 * the embedded one"; set, it points at an existing cluster. The same code runs either way.
 *
 * <p>Sources, later ones winning: built-in defaults ({@link #DEFAULTS}, the only place defaults
 * live), the properties file ({@code servicelake.properties} in the working directory, or {@code
 * --config FILE}), environment variables ({@code SERVICELAKE_KAFKA_BOOTSTRAP_SERVERS} for {@code
 * kafka.bootstrap-servers}, and so on).
 *
 * @param dataDir where embedded components keep their state
 * @param kafkaBootstrapServers external Kafka, or empty for the embedded broker
 * @param catalogUri external Iceberg REST catalog, or empty for the embedded one
 * @param warehouseUri warehouse root; empty means {@code file://<dataDir>/warehouse}
 * @param sparkMaster Spark master URL
 * @param trinoUrl external Trino (e.g. {@code https://trino:8443}), or empty for the embedded one
 * @param trinoUser the Trino user the CLI's own queries run as ({@code sql}, {@code status}, bench)
 * @param trinoPassword that user's password; empty: the embedded stack's generated one from {@code
 *     <data-dir>/trino/passwords.properties}
 * @param trinoPasswordsFile a {@code user=password} properties file to take the password from when
 *     {@code trinoPassword} is empty (the localhost cluster's generated one); empty: the embedded
 *     stack's
 * @param trinoTruststore PEM certificate or Java truststore that Trino's certificate must chain to;
 *     empty: the embedded stack's self-signed certificate, or the JVM's default trust on a cluster
 * @param trinoSslVerification {@code FULL} (certificate and host name), {@code CA} (certificate
 *     only) or {@code NONE}
 * @param flinkRestAddress {@code host:port} of a Flink session cluster's REST endpoint to submit
 *     the ingestion job jar to, or empty for a mini-cluster in the launcher's JVM
 */
public record ServiceLakeConfig(
    Path dataDir,
    Optional<String> kafkaBootstrapServers,
    Optional<String> catalogUri,
    Optional<String> warehouseUri,
    String sparkMaster,
    Optional<String> trinoUrl,
    String eventsTopic,
    int kafkaPort,
    int catalogPort,
    int trinoPort,
    Optional<Path> trinoJavaHome,
    Duration checkpointInterval,
    int parallelism,
    String trinoUser,
    Optional<String> trinoPassword,
    Optional<Path> trinoPasswordsFile,
    Optional<Path> trinoTruststore,
    String trinoSslVerification,
    Optional<String> flinkRestAddress) {

  /** Every key with its default; an empty default means "unset". */
  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("data-dir", "data"),
          Map.entry("kafka.bootstrap-servers", ""),
          Map.entry("catalog.uri", ""),
          Map.entry("warehouse.uri", ""),
          Map.entry("spark.master", "local[2]"),
          Map.entry("trino.url", ""),
          Map.entry("kafka.topic", "service-events"),
          Map.entry("kafka.port", "19092"),
          Map.entry("catalog.port", "18181"),
          Map.entry("trino.port", "18080"),
          Map.entry("trino.java-home", ""),
          Map.entry("trino.user", "admin"),
          Map.entry("trino.password", ""),
          Map.entry("trino.passwords-file", ""),
          Map.entry("trino.truststore", ""),
          Map.entry("trino.ssl-verification", "FULL"),
          Map.entry("flink.checkpoint-interval", "5s"),
          Map.entry("flink.parallelism", "2"),
          Map.entry("flink.rest-address", ""));

  /** Raised for a bad setting; the message says which key, what is wrong and how to fix it. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }

  /** Loads defaults ← file ← environment ← {@code overrides} (from command-line flags). */
  public static ServiceLakeConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> values = new TreeMap<>(DEFAULTS);
    Path path = file.orElse(Path.of("servicelake.properties"));
    if (file.isPresent() && !Files.isRegularFile(path)) {
      throw new ConfigException(
          "Config file " + path + " does not exist. Pass an existing file to --config.");
    }
    if (Files.isRegularFile(path)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException("Cannot read config file " + path + ": " + e.getMessage());
      }
      for (String key : properties.stringPropertyNames()) {
        requireKnown(key, "in " + path);
        values.put(key, properties.getProperty(key).strip());
      }
    }
    // The conventional variable works too; SERVICELAKE_TRINO_JAVA_HOME wins when both are set.
    if (env.containsKey("TRINO_JAVA_HOME")) {
      values.put("trino.java-home", env.get("TRINO_JAVA_HOME").strip());
    }
    for (String key : DEFAULTS.keySet()) {
      String envName = envName(key);
      if (env.containsKey(envName)) {
        values.put(key, env.get(envName).strip());
      }
    }
    overrides.forEach(
        (key, value) -> {
          requireKnown(key, "on the command line");
          values.put(key, value.strip());
        });
    return from(values);
  }

  /**
   * A throw-away embedded stack: state in {@code dataDir}, every port free right now on loopback.
   * For tests and benchmarks that must not collide with a running quickstart.
   */
  public static ServiceLakeConfig throwaway(Path dataDir, String checkpointInterval) {
    return load(
        Optional.empty(),
        Map.of(),
        Map.of(
            "data-dir", dataDir.toString(),
            "kafka.port", Integer.toString(Ports.freePair()),
            "catalog.port", Integer.toString(Ports.free()),
            "trino.port", Integer.toString(Ports.free()),
            "flink.checkpoint-interval", checkpointInterval));
  }

  public static String envName(String key) {
    return "SERVICELAKE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static void requireKnown(String key, String where) {
    if (!DEFAULTS.containsKey(key)) {
      throw new ConfigException(
          "Unknown setting '" + key + "' " + where + ". Known settings: " + DEFAULTS.keySet());
    }
  }

  private static ServiceLakeConfig from(Map<String, String> v) {
    return new ServiceLakeConfig(
        Path.of(v.get("data-dir")).toAbsolutePath().normalize(),
        optional(v.get("kafka.bootstrap-servers")),
        optional(v.get("catalog.uri")),
        optional(v.get("warehouse.uri")),
        v.get("spark.master"),
        optional(v.get("trino.url")),
        v.get("kafka.topic"),
        port(v, "kafka.port"),
        port(v, "catalog.port"),
        port(v, "trino.port"),
        optional(v.get("trino.java-home")).map(Path::of),
        duration(v, "flink.checkpoint-interval"),
        positive(v, "flink.parallelism"),
        required(v, "trino.user"),
        optional(v.get("trino.password")),
        optional(v.get("trino.passwords-file")).map(Path::of),
        optional(v.get("trino.truststore")).map(Path::of),
        oneOf(v, "trino.ssl-verification", "FULL", "CA", "NONE"),
        optional(v.get("flink.rest-address")));
  }

  private static Optional<String> optional(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static String required(Map<String, String> v, String key) {
    String value = v.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(key + " must not be empty.");
    }
    return value;
  }

  private static String oneOf(Map<String, String> v, String key, String... allowed) {
    String value = v.get(key).toUpperCase(Locale.ROOT);
    if (!java.util.List.of(allowed).contains(value)) {
      throw new ConfigException(
          key + "='" + v.get(key) + "' is not one of " + String.join(", ", allowed) + ".");
    }
    return value;
  }

  private static int port(Map<String, String> v, String key) {
    int port = integer(v, key);
    // 0 ("any free port") is refused: later commands (sql, status, stop) find the running stack
    // at its configured ports, so an embedded port must be fixed; bench and tests pick free ones.
    if (port < 1 || port > 65535) {
      throw new ConfigException(
          key
              + "="
              + port
              + " is not a usable port: set a free port in 1..65535 (the running stack is found"
              + " there again by sql, status and stop).");
    }
    return port;
  }

  private static int positive(Map<String, String> v, String key) {
    int value = integer(v, key);
    if (value < 1) {
      throw new ConfigException(key + "=" + value + " must be at least 1.");
    }
    return value;
  }

  private static int integer(Map<String, String> v, String key) {
    try {
      return Integer.parseInt(v.get(key));
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "='" + v.get(key) + "' is not a whole number.");
    }
  }

  private static Duration duration(Map<String, String> v, String key) {
    String text = v.get(key).toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new ConfigException(
        key + "='" + v.get(key) + "' is not a duration: write e.g. 500ms, 5s or 2m.");
  }
}
