package io.servicelake.launcher.cli;

import io.servicelake.ingestion.IcebergTables;
import io.servicelake.ingestion.KafkaIngestion;
import io.servicelake.ingestion.TopicOffsets;
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
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code servicelake status}: is ingestion keeping up, and what do the tables hold. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show consumer lag per Kafka partition, rows, files and last commit time per Iceberg"
            + " table, and the quarantine by error code, for the running stack.")
public final class StatusCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
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
    return 0;
  }

  private static String ago(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
  }
}
