package io.servicelake.launcher.cli;

import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.JavaFinder;
import io.servicelake.launcher.embedded.TrinoServer;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
      "Query the running stack through Trino (catalog 'lake').",
      "Without a statement: opens the interactive Trino CLI.",
      "With one: runs it and prints the result as a table, e.g.",
      "  ./servicelake sql \"SELECT region, sum(work_orders) FROM marts.fct_workorders_daily GROUP BY 1\""
    })
public final class SqlCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Option(names = "--user", description = "Trino user (default: ${DEFAULT-VALUE}).")
  String user = "servicelake";

  @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "One SQL statement.")
  String statement;

  @Override
  public Integer call() throws Exception {
    ServiceLakeConfig config = configOptions.load();
    String url = Stack.runningTrinoUrl(config);
    if (statement == null) {
      return interactive(config, url);
    }
    try {
      print(query(url, user, statement), System.out);
      return 0;
    } catch (SQLException e) {
      System.err.println("Query failed: " + e.getMessage());
      if (!TrinoServer.answers(url)) {
        System.err.println(
            "Trino does not answer at " + url + ". Start the stack: ./servicelake quickstart");
      }
      return 1;
    }
  }

  private int interactive(ServiceLakeConfig config, String url) throws Exception {
    Artifacts artifacts = Artifacts.fromSystemProperty();
    Process cli =
        new ProcessBuilder(
                JavaFinder.trinoJava(config.trinoJavaHome()).toString(),
                // The CLI's line editor loads a native library; allowed explicitly, without a
                // warning.
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                Artifacts.require(artifacts.trinoCli(), "The Trino CLI").toString(),
                "--server",
                url,
                "--catalog",
                "lake",
                "--user",
                user)
            .inheritIO()
            .start();
    return cli.waitFor();
  }

  /** Runs one statement; the first row holds the column names. */
  public static List<List<String>> query(String trinoUrl, String user, String sql)
      throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    try (Connection connection = DriverManager.getConnection(TrinoServer.jdbcUrl(trinoUrl), props);
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnLabel(i));
      }
      rows.add(header);
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    }
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
