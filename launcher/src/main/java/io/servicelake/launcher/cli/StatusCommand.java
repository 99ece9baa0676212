package io.servicelake.launcher.cli;

import io.servicelake.ingestion.IcebergTables;
import io.servicelake.ingestion.KafkaIngestion;
import io.servicelake.ingestion.TopicOffsets;
import io.servicelake.launcher.IngestionHealth;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.transforms.config.LakeSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake status}: is ingestion keeping up, and what do the tables hold. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show consumer lag per Kafka partition, rows, files and last commit time per Iceberg"
            + " table, and the quarantine by error code, for the running stack. With --max-lag"
            + " or --max-quarantine-share it is a health check: exit code "
            + StatusCommand.ALERT
            + " when a threshold is exceeded (for schedulers and monitoring).")
public final class StatusCommand implements Callable<Integer> {

  /** Exit code of a health check that found a threshold exceeded (1 = error, 2 = bad input). */
  public static final int ALERT = 3;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--max-lag",
      paramLabel = "RECORDS",
      description = "Alert when the ingestion job's consumer lag exceeds this many records.")
  Long maxLag;

  @Option(
      names = "--max-quarantine-share",
      paramLabel = "FRACTION",
      description =
          "Alert when more than this share (0..1) of the records committed within --window went"
              + " to the quarantine, e.g. 0.05.")
  Double maxQuarantineShare;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description =
          "How far back --max-quarantine-share looks, ISO-8601 or e.g. 1h, 30m."
              + " Default: ${DEFAULT-VALUE}.")
  String window = "1h";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration lookBack = window();
    if (maxLag != null && maxLag < 0
        || maxQuarantineShare != null && (maxQuarantineShare < 0 || maxQuarantineShare > 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--max-lag must be >= 0 and --max-quarantine-share between 0 and 1 (e.g. 0.05 = 5 %)");
    }
    ServiceLakeConfig config = configOptions.load();
    LakeSettings lake = Stack.running(config);
    PrintStream out = System.out;

    List<TopicOffsets.Partition> partitions =
        TopicOffsets.of(
            lake.kafkaBootstrapServers(), lake.eventsTopic(), KafkaIngestion.CONSUMER_GROUP);
    out.printf(
        Locale.ROOT,
        "Kafka topic %s at %s — %d records, consumer group %s lag %d%n",
        lake.eventsTopic(),
        lake.kafkaBootstrapServers(),
        TopicOffsets.records(partitions),
        KafkaIngestion.CONSUMER_GROUP,
        partitions.stream().mapToLong(TopicOffsets.Partition::lag).sum());
    for (TopicOffsets.Partition p : partitions) {
      out.printf(
          Locale.ROOT,
          "  partition %d: offsets %d..%d, committed %s, lag %d%n",
          p.partition(),
          p.earliest(),
          p.latest(),
          p.committed() < 0 ? "none" : Long.toString(p.committed()),
          p.lag());
    }

    out.println("Iceberg tables at " + lake.catalogUri() + ":");
    Instant now = Instant.now();
    try (RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      for (Namespace namespace : catalog.listNamespaces()) {
        for (TableIdentifier id : catalog.listTables(namespace)) {
          IcebergTables.TableStats stats = IcebergTables.stats(catalog, id);
          out.printf(
              Locale.ROOT,
              "  %-45s %10d rows %6d files  last commit %s%n",
              stats.table(),
              stats.rows(),
              stats.dataFiles(),
              stats.lastCommit() == null
                  ? "never"
                  : stats.lastCommit()
                      + " ("
                      + ago(Duration.between(stats.lastCommit(), now))
                      + ")");
        }
      }
    }

    TrinoClient trino = StackEndpoints.trino(config);
    if (trino.answers()) {
      out.println("Quarantine by error code:");
      List<List<String>> rows =
          trino.query(
              "SELECT error_code, count(*) AS records FROM lake.raw.quarantine"
                  + " GROUP BY error_code ORDER BY 2 DESC");
      rows.stream().skip(1).forEach(r -> out.printf("  %-24s %s%n", r.get(0), r.get(1)));
    } else {
      out.println(
          "Trino does not answer at "
              + trino.url()
              + " as "
              + trino.defaultUser()
              + ": quarantine breakdown skipped.");
    }

    if (maxLag == null && maxQuarantineShare == null) {
      return 0;
    }
    IngestionHealth health;
    try (RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      health =
          IngestionHealth.measure(
              catalog,
              partitions.stream().mapToLong(TopicOffsets.Partition::lag).sum(),
              lookBack,
              Instant.now());
    }
    out.printf(
        Locale.ROOT,
        "Health: lag %d; last %s: %d records accepted, %d quarantined (%.2f %%)%n",
        health.lag(),
        lookBack,
        health.accepted(),
        health.quarantined(),
        100 * health.quarantineShare());
    List<String> alerts =
        health.alerts(
            maxLag == null ? OptionalLong.empty() : OptionalLong.of(maxLag),
            maxQuarantineShare == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(maxQuarantineShare));
    alerts.forEach(alert -> out.println("ALERT: " + alert));
    return alerts.isEmpty() ? 0 : ALERT;
  }

  /** {@code --window} as ISO-8601 ({@code PT1H}) or the short form {@code 90m}, {@code 2h}. */
  private Duration window() {
    String text = window.trim().toUpperCase(Locale.ROOT);
    try {
      Duration parsed = Duration.parse(text.startsWith("P") ? text : "PT" + text);
      if (parsed.isNegative() || parsed.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return parsed;
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--window '"
              + window
              + "' is not a positive duration: write e.g. 30m, 1h, 2h30m or PT1H");
    }
  }

  private static String ago(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
  }
}
