package io.servicelake.launcher;

import io.servicelake.launcher.embedded.Ports;
import io.servicelake.launcher.embedded.TrinoServer;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.transforms.config.LakeSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Where a running stack answers, for commands that attach to it rather than start it ({@code
 * import}, {@code simulate --to-kafka}): the configured endpoint, else the embedded one a {@code
 * quickstart} of the same configuration runs on loopback. Fails with what to start when nothing
 * answers.
 */
public final class StackEndpoints {

  private static final String START_HINT =
      " Start the stack first: ./servicelake quickstart --detach (same --config/--data-dir/--set),"
          + " or point %s at a running one.";

  private StackEndpoints() {}

  /**
   * Warehouse root: {@code warehouse.uri}, else {@code <data-dir>/warehouse}; no trailing slash.
   */
  public static String warehouse(ServiceLakeConfig config) {
    return config
        .warehouseUri()
        .orElse(config.dataDir().resolve("warehouse").toUri().toString())
        .replaceAll("/+$", "");
  }

  /** Kafka bootstrap servers: {@code kafka.bootstrap-servers}, else the embedded broker's. */
  public static String kafka(ServiceLakeConfig config) {
    if (config.kafkaBootstrapServers().isPresent()) {
      return config.kafkaBootstrapServers().get();
    }
    if (!Ports.isOpen(config.kafkaPort())) {
      throw new IllegalStateException(
          "No Kafka answers at 127.0.0.1:"
              + config.kafkaPort()
              + " (kafka.port) and kafka.bootstrap-servers is not set."
              + START_HINT.formatted("kafka.bootstrap-servers"));
    }
    return "127.0.0.1:" + config.kafkaPort();
  }

  /** The Iceberg REST catalog URI: {@code catalog.uri}, else the embedded catalog's. */
  public static String catalog(ServiceLakeConfig config) {
    String uri = config.catalogUri().orElse("http://127.0.0.1:" + config.catalogPort());
    if (!answers(uri)) {
      throw new IllegalStateException(
          "No Iceberg REST catalog answers at "
              + uri
              + (config.catalogUri().isPresent() ? " (catalog.uri)." : " (catalog.port).")
              + START_HINT.formatted("catalog.uri"));
    }
    return uri;
  }

  /**
   * Trino: {@code trino.url} with the configured user, password and truststore, else the embedded
   * server (HTTPS on loopback, its self-signed certificate, passwords from the data directory).
   * Does not check that it answers: {@link TrinoClient#answers()} does.
   */
  public static TrinoClient trino(ServiceLakeConfig config) {
    if (config.trinoUrl().isPresent()) {
      return new TrinoClient(
          config.trinoUrl().get().replaceAll("/+$", ""),
          config.trinoUser(),
          config.trinoPassword(),
          config.trinoPasswordsFile(),
          config.trinoTruststore(),
          config.trinoSslVerification(),
          Stack.CATALOG_NAME);
    }
    TrinoClient embedded =
        TrinoServer.client(
            config.dataDir(), config.trinoPort(), config.trinoUser(), Stack.CATALOG_NAME);
    return new TrinoClient(
        embedded.url(),
        config.trinoUser(),
        config.trinoPassword(),
        config.trinoPasswordsFile().or(embedded::passwordsFile),
        config.trinoTruststore().or(embedded::truststore),
        config.trinoSslVerification(),
        Stack.CATALOG_NAME);
  }

  /** Lake settings for a command that uses the catalog but neither Kafka nor checkpoints. */
  public static LakeSettings lakeForCatalog(ServiceLakeConfig config) {
    return new LakeSettings(
        config.kafkaBootstrapServers().orElse("127.0.0.1:" + config.kafkaPort()),
        config.eventsTopic(),
        Stack.CATALOG_NAME,
        catalog(config),
        warehouse(config),
        config.sparkMaster(),
        config.dataDir().resolve("flink/import-checkpoints").toUri().toString(),
        config.checkpointInterval());
  }

  /** True when an Iceberg REST catalog serves {@code GET /v1/config} at {@code uri}. */
  static boolean answers(String uri) {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(uri.replaceAll("/+$", "") + "/v1/config"))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }
}
