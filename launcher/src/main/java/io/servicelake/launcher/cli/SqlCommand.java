package io.servicelake.launcher.cli;

import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.JavaFinder;
import io.servicelake.launcher.security.TrinoClient;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code servicelake sql}: Trino's prompt, or one statement printed as a table. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Query the running stack through Trino (catalog 'lake') over HTTPS as a Trino user",
      "(default trino.user = admin; the embedded stack's passwords are generated on first start",
      "into <data-dir>/trino/passwords.properties, read from there).",
      "Without a statement: opens the interactive Trino CLI.",
      "With one: runs it and prints the result as a table, e.g.",
      "  ./servicelake sql \"SELECT region, sum(work_orders) FROM marts.fct_workorders_daily GROUP BY 1\""
    })
public final class SqlCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--user",
      description =
          "Trino user: admin, analyst, engineering, finance, planner, manager_north"
              + " (default: the trino.user setting, admin).")
  String user;

  @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "One SQL statement.")
  String statement;

  @Override
  public Integer call() throws Exception {
    ServiceLakeConfig config = configOptions.load();
    TrinoClient trino = StackEndpoints.trino(config);
    if (user != null) {
      trino = trino.as(user);
    }
    if (statement == null) {
      return interactive(config, trino);
    }
    try {
      print(trino.query(statement), System.out);
      return 0;
    } catch (SQLException e) {
      System.err.println("Query failed: " + e.getMessage());
      if (!trino.as(trino.defaultUser()).answers() && !e.getMessage().contains("password")) {
        System.err.println(
            "Trino does not answer at "
                + trino.url()
                + " as "
                + trino.defaultUser()
                + ". Start the stack: ./servicelake quickstart");
      }
      return 1;
    }
  }

  private int interactive(ServiceLakeConfig config, TrinoClient trino) throws Exception {
    Artifacts artifacts = Artifacts.fromSystemProperty();
    List<String> command = new ArrayList<>();
    command.add(JavaFinder.trinoJava(config.trinoJavaHome()).toString());
    // The CLI's line editor loads a native library; allowed explicitly, without a warning.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(Artifacts.require(artifacts.trinoCli(), "The Trino CLI").toString());
    command.addAll(cliArguments(trino));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    // The CLI reads the password from TRINO_PASSWORD (never from its command line, where ps shows
    // it); without one it prompts.
    Optional<String> password = trino.password(trino.defaultUser());
    password.ifPresent(p -> builder.environment().put("TRINO_PASSWORD", p));
    return builder.start().waitFor();
  }

  /** The Trino CLI's arguments for {@code trino}: server, catalog, user, TLS trust. */
  public static List<String> cliArguments(TrinoClient trino) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server",
                trino.url(),
                "--catalog",
                trino.catalog(),
                "--user",
                trino.defaultUser()));
    if (trino.tls()) {
      args.add("--password");
      if (trino.sslVerification().equals("NONE")) {
        args.add("--insecure");
      } else {
        trino.truststore().ifPresent(t -> args.addAll(List.of("--truststore-path", t.toString())));
      }
    }
    return args;
  }

  /** Runs one statement as {@code trino}'s user; the first row holds the column names. */
  public static List<List<String>> query(TrinoClient trino, String sql) throws SQLException {
    return trino.query(sql);
  }

  /** Prints rows (header first) as an aligned text table. */
  public static void print(List<List<String>> rows, PrintStream out) {
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == 0 ? " " : " | ").append(pad(rows.get(r).get(i), width[i]));
      }
      out.println(line);
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns; i++) {
          rule.append(i == 0 ? "-" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule.append('-'));
      }
    }
    out.println("(" + (rows.size() - 1) + " row" + (rows.size() == 2 ? ")" : "s)"));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
