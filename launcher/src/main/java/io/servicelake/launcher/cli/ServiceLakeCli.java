package io.servicelake.launcher.cli;

import io.servicelake.launcher.ServiceLakeConfig;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code servicelake}: the command-line entry point. */
@Command(
    name = "servicelake",
    mixinStandardHelpOptions = true,
    version = "ServiceLake 0.1.0",
    description = "After-sales service lakehouse: Kafka → Flink → Iceberg/Parquet → Spark → Trino.",
    subcommands = {
      QuickstartCommand.class,
      StopCommand.class,
      ClusterCommand.class,
      SqlCommand.class,
      StatusCommand.class,
      MaintainCommand.class,
      BuildCommand.class,
      SimulateCommand.class,
      ImportCommand.class,
      BenchCommand.class,
      WeibullCommand.class,
      ForecastCommand.class
    },
    footer = {
      "",
      "Start here:  ./servicelake quickstart     then  ./servicelake sql \"SHOW TABLES FROM lake.marts\""
    })
public final class ServiceLakeCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand.");
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ServiceLakeCli());
    cli.setExecutionExceptionHandler(ServiceLakeCli::handleExecutionException);
    cli.setParameterExceptionHandler(ServiceLakeCli::handleParameterException);
    return cli;
  }

  /** A bad flag or unknown subcommand: what is wrong, suggestions, then the usage; exit 2. */
  private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println(e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println();
    cli.usage(err);
    return 2;
  }

  /** Configuration and state problems are the user's to fix: say what and how, exit 2. */
  private static int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (e instanceof ServiceLakeConfig.ConfigException) {
      err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
    throw new RuntimeException(e);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
