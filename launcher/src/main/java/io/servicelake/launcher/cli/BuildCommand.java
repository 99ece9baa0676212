package io.servicelake.launcher.cli;

import io.servicelake.jobs.ComponentLifeJob;
import io.servicelake.jobs.DateRange;
import io.servicelake.jobs.MartBuilder;
import io.servicelake.jobs.PartsForecastJob;
import io.servicelake.jobs.SparkSessions;
import io.servicelake.launcher.Pipeline;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.transforms.config.LakeSettings;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake build}: batch jobs over the lake. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Build derived tables with Spark on the running stack: the SQL models (marts), then the"
            + " life analysis (life) and the parts forecast (forecast), which read them.",
    subcommands = {BuildCommand.Marts.class, BuildCommand.Life.class, BuildCommand.Forecast.class})
public final class BuildCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing job: choose one of " + spec.subcommands().keySet());
  }

  /** {@code servicelake build marts [--from D --to D]}. */
  @Command(
      name = "marts",
      mixinStandardHelpOptions = true,
      description =
          "Build every SQL model (staging, intermediate, marts) as Iceberg tables. With --from/--to"
              + " only the partitions of that event-date range are replaced (idempotent: running"
              + " twice gives identical tables); without, only partitions the output touches.")
  public static final class Marts implements Callable<Integer> {

    @Mixin ConfigOptions configOptions;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First event date.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last event date.")
    String to;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Optional<DateRange> range = range();
      ServiceLakeConfig config = configOptions.load();
      try (Pipeline pipeline =
          new Pipeline(Stack.running(config), config.parallelism(), new Progress(System.out))) {
        pipeline.buildMarts(range);
      }
      return 0;
    }

    private Optional<DateRange> range() {
      if ((from == null) != (to == null)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--from and --to go together: give both, or neither");
      }
      if (from == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(DateRange.parse(from, to));
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "dates are written YYYY-MM-DD, e.g. --from 2025-01-01: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
  }

  @Command(
      name = "life",
      mixinStandardHelpOptions = true,
      description =
          "Weibull and lognormal life per model × component (and ship-month cohort) with Fisher"
              + " bounds and the returns expected in the next 12 months → marts.fct_component_life.")
  static final class Life implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;

    @Override
    public Integer call() {
      LakeSettings lake = Stack.running(configOptions.load());
      SparkSession spark = SparkSessions.create(lake, "servicelake-build-life");
      try {
        report(new ComponentLifeJob(spark, lake).run());
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  @Command(
      name = "forecast",
      mixinStandardHelpOptions = true,
      description =
          "12-month probabilistic parts-demand forecast per part × store with SBC/ABC class, chosen"
              + " method, P50/P90/P95, safety stock and reorder point → marts.fct_parts_forecast.")
  static final class Forecast implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;

    @Option(
        names = "--service-level",
        description = "Target cycle service level of the reorder point. Default: ${DEFAULT-VALUE}.")
    double serviceLevel = PartsForecastJob.Options.defaults().serviceLevel();

    @Option(
        names = "--partitions",
        description = "Spark partitions the series are spread over (0: default parallelism).")
    int partitions = 0;

    @Override
    public Integer call() {
      PartsForecastJob.Options options =
          PartsForecastJob.Options.defaults()
              .withServiceLevel(serviceLevel)
              .withPartitions(partitions);
      LakeSettings lake = Stack.running(configOptions.load());
      SparkSession spark = SparkSessions.create(lake, "servicelake-build-forecast");
      try {
        report(new PartsForecastJob(spark, lake, options).run());
      } finally {
        spark.stop();
      }
      return 0;
    }
  }

  private static void report(MartBuilder.ModelResult result) {
    System.out.printf("%s: %d rows in %d ms%n", result.table(), result.rows(), result.millis());
  }
}
