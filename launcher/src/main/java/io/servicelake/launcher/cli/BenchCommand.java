package io.servicelake.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code servicelake bench}: benchmarks print figures and write them as JSON; never tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: print figures and write them as JSON.",
    subcommands = {BenchIngestCommand.class, BenchForecastCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing benchmark: choose one of " + spec.subcommands().keySet());
  }
}
