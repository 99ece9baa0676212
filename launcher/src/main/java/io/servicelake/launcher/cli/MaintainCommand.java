package io.servicelake.launcher.cli;

import io.servicelake.jobs.SparkSessions;
import io.servicelake.jobs.TableMaintenance;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.transforms.config.LakeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake maintain}: compaction, snapshot expiry and orphan removal. */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compact small files, expire old snapshots and remove orphan files of the lake's Iceberg"
            + " tables (all, or --table). Safe while ingestion runs.")
public final class MaintainCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  /** Iceberg refuses shorter windows while other writers may be active. */
  static final long MIN_ORPHAN_HOURS = 24;

  @Option(
      names = "--table",
      paramLabel = "NS.TABLE",
      description =
          "Only this table, e.g. raw.workorder_completed. Repeatable. Default: every table.")
  List<String> tables;

  @Option(
      names = "--expire-older-than-hours",
      description = "Expire snapshots older than this. Default: ${DEFAULT-VALUE}.")
  long expireHours = 24;

  @Option(
      names = "--retain-snapshots",
      description = "Always keep this many newest snapshots. Default: ${DEFAULT-VALUE}.")
  int retain = 5;

  @Option(
      names = "--orphan-older-than-hours",
      description =
          "Only files older than this can be orphans (protects writes in flight)."
              + " Default: ${DEFAULT-VALUE}.")
  long orphanHours = 72;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (expireHours < 0 || retain < 1 || orphanHours < MIN_ORPHAN_HOURS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--expire-older-than-hours must be >= 0, --retain-snapshots >= 1 and"
              + " --orphan-older-than-hours >= "
              + MIN_ORPHAN_HOURS
              + " (a shorter window could delete files of a write still in flight)");
    }
    ServiceLakeConfig config = configOptions.load();
    LakeSettings lake = Stack.running(config);
    SparkSession spark = SparkSessions.create(lake, "servicelake-maintain");
    try {
      TableMaintenance maintenance =
          new TableMaintenance(
              spark,
              lake.catalogName(),
              Duration.ofHours(expireHours),
              retain,
              Duration.ofHours(orphanHours));
      maintenance.run(
          tables == null ? maintenance.tables() : tables,
          r ->
              System.out.printf(
                  Locale.ROOT,
                  "%-45s compacted %d files into %d, expired %d data files, removed %d orphans%n",
                  r.table(),
                  r.rewrittenFiles(),
                  r.addedFiles(),
                  r.expiredFiles(),
                  r.orphanFiles()));
      return 0;
    } finally {
      spark.stop();
    }
  }
}
