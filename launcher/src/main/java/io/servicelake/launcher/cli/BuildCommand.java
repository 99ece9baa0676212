package io.servicelake.launcher.cli;

import io.servicelake.jobs.DateRange;
import io.servicelake.launcher.Pipeline;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code servicelake build}: batch jobs over the lake. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build derived tables with Spark on the running stack.",
    subcommands = {BuildCommand.Marts.class})
public final class BuildCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing target: choose one of " + spec.subcommands().keySet());
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
}
