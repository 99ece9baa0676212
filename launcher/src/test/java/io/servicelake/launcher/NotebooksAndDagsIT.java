package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.launcher.cli.SqlCommand;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks and the Airflow DAGs against one throwaway embedded stack loaded with a small
 * simulation: the DAGs' commands run through {@code ./servicelake} exactly as Airflow's
 * BashOperator would run them (the weekly chain builds what the planner and engineering notebooks
 * read; the daily chain runs twice for one date and the marts must not change), then every notebook
 * runs headlessly as its group's Trino user, must not raise, must draw each of its charts, and is
 * rendered to {@code launcher/target/notebooks/*.html}.
 */
class NotebooksAndDagsIT {

  private static final SimulatorConfig SIMULATION = SimulatorConfig.defaults(8L, 400, 0.01);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Notebook → Trino user it connects as. */
  private static final Map<String, String> USERS =
      new TreeMap<>(
          Map.of(
              "engineering", "engineering",
              "finance", "finance",
              "planner", "planner",
              "service_management", "analyst"));

  /** Notebook → the tagged cells that must show a chart (or, {@code table:}, an HTML table). */
  private static final Map<String, List<String>> OUTPUTS =
      Map.of(
          "engineering",
          List.of(
              "chart:failure-rate-curves",
              "chart:weibull-probability-plot",
              "chart:failure-mode-pareto",
              "chart:supplier-quality"),
          "finance",
          List.of(
              "chart:cost-composition",
              "chart:warranty-paid-contract",
              "chart:service-cost-pct-of-sales",
              "chart:supplier-recovery"),
          "planner",
          List.of("chart:forecast-fan", "chart:abc-sbc-matrix", "table:reorder-list"),
          "service_management",
          List.of(
              "chart:sla-commitments",
              "chart:technician-scorecard",
              "chart:station-scorecard",
              "chart:complaints-by-department"));

  @TempDir Path dataDir;
  @TempDir Path work;

  @Test
  void dagCommandsRunIdempotentlyAndEveryNotebookDrawsItsCharts() throws Exception {
    DebianPython.require(
        "jpype",
        "pandas",
        "matplotlib",
        "nbclient",
        "nbformat",
        "nbconvert",
        "ipykernel",
        "jinja2");
    Path repo = DebianPython.repository();
    Path output = repo.resolve("launcher/target/notebooks");
    Files.createDirectories(output);

    ServiceLakeConfig config = ServiceLakeConfig.throwaway(dataDir, "2s");
    Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true));
    try (Stack stack = Stack.start(config, Artifacts.fromSystemProperty(), progress);
        Pipeline pipeline = new Pipeline(stack.lake(), 2, progress)) {
      TrinoClient trino = stack.trino();
      long records = pipeline.produceDemoEvents(SIMULATION);
      pipeline.startIngestion();
      pipeline.awaitIngested(records, Duration.ofMinutes(5));
      pipeline.buildMarts();
      Map<String, String> cliEnv = cliEnvironment(repo, config);

      // The health DAG's check passes on a healthy stack and reports what it measured.
      Dags dags = Dags.check(repo, work, "2000-01-01");
      CommandRun health = run(dags.command("servicelake_ingestion_health", 0), cliEnv, repo);
      assertThat(health.exitCode()).as(health.output()).isZero();
      assertThat(health.output()).contains("Health: lag 0;").doesNotContain("ALERT");

      // The weekly DAG builds the life analysis and the forecast the notebooks read.
      for (String command : dags.commands("servicelake_weekly_analysis")) {
        CommandRun weekly = run(command, cliEnv, repo);
        assertThat(weekly.exitCode()).as(command + "\n" + weekly.output()).isZero();
      }

      // The daily DAG for one date, twice: the marts are the full build's, both times.
      String date =
          SqlCommand.query(
                  trino,
                  "SELECT CAST(completion_date AS varchar) FROM lake.marts.fct_workorders_daily"
                      + " GROUP BY 1 ORDER BY sum(work_orders) DESC, 1 LIMIT 1")
              .get(1)
              .get(0);
      Dags daily = Dags.check(repo, work, date);
      Map<String, String> before = martHashes(trino);
      long snapshots = snapshots(trino, "fct_work_order");
      for (int round = 1; round <= 2; round++) {
        for (String command : daily.commands("servicelake_daily_marts")) {
          CommandRun step = run(command, cliEnv, repo);
          assertThat(step.exitCode()).as(command + "\n" + step.output()).isZero();
        }
        assertThat(snapshots(trino, "fct_work_order"))
            .as("round %d rewrote the day's partition (a new snapshot)", round)
            .isGreaterThan(snapshots);
        snapshots = snapshots(trino, "fct_work_order");
        assertThat(martHashes(trino))
            .as("every mart after daily run %d for %s equals the full build", round, date)
            .isEqualTo(before);
      }
      System.out.printf(
          Locale.ROOT, "daily chain for %s ran twice; %d marts unchanged%n", date, before.size());

      for (Map.Entry<String, String> notebook : USERS.entrySet()) {
        runNotebook(repo, output, notebook.getKey(), notebook.getValue(), trino);
      }
      if (!dags.airflow().startsWith("stand-in")) {
        // Where Airflow is installed the scheduler's own test run of the daily DAG must pass too.
        DebianPython.Result airflow =
            Dags.run(
                repo,
                date,
                cliEnv,
                Duration.ofMinutes(20),
                "--airflow-dags-test",
                "servicelake_daily_marts");
        assertThat(airflow.exitCode()).as(airflow.output()).isZero();
      }
    }
  }

  /** Executes a notebook as {@code user}, checks its outputs and renders it to HTML. */
  private void runNotebook(Path repo, Path output, String name, String user, TrinoClient trino)
      throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    // the embedded Trino: HTTPS with its self-signed certificate, the group's generated password
    env.put(
        "SERVICELAKE_TRINO_JDBC_URL",
        "jdbc:trino://" + trino.host() + ":" + trino.port() + "/lake");
    env.put("SERVICELAKE_TRINO_USER", user);
    env.put("SERVICELAKE_TRINO_PASSWORD", trino.password(user).orElseThrow());
    env.put("SERVICELAKE_TRINO_SSL", "true");
    env.put("SERVICELAKE_TRINO_SSL_VERIFICATION", trino.sslVerification());
    trino.truststore().ifPresent(t -> env.put("SERVICELAKE_TRINO_TRUSTSTORE", t.toString()));
    env.put("SERVICELAKE_TRINO_JDBC_JAR", trinoJdbcJar());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MPLCONFIGDIR", work.resolve("matplotlib").toString());
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1"); // ipykernel debugger noise in the log
    long start = System.nanoTime();
    DebianPython.Result executed =
        DebianPython.run(
            List.of(
                DebianPython.PYTHON.toString(),
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=600",
                "--ExecutePreprocessor.kernel_name=python3",
                "--output-dir",
                output.toString(),
                "--output",
                name + ".executed",
                repo.resolve("notebooks/" + name + ".ipynb").toString()),
            env,
            repo,
            Duration.ofMinutes(15));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(executed.exitCode()).as("notebook %s%n%s", name, executed.output()).isZero();

    Path result = output.resolve(name + ".executed.ipynb");
    JsonNode notebook = JSON.readTree(result.toFile());
    Map<String, JsonNode> tagged = new TreeMap<>();
    for (JsonNode cell : notebook.get("cells")) {
      for (JsonNode out : cell.path("outputs")) {
        assertThat(out.path("output_type").asText())
            .as("%s: %s: %s", name, out.path("ename").asText(), out.path("evalue").asText())
            .isNotEqualTo("error");
      }
      cell.path("metadata").path("tags").forEach(tag -> tagged.put(tag.asText(), cell));
    }
    for (String tag : OUTPUTS.get(name)) {
      assertThat(tagged).as("%s has a cell tagged %s", name, tag).containsKey(tag);
      if (tag.startsWith("chart:")) {
        BufferedImage chart = png(tagged.get(tag));
        assertThat(chart).as("%s: %s draws an image", name, tag).isNotNull();
        assertThat(chart.getWidth() * chart.getHeight())
            .as("%s: %s is a chart, not an empty figure", name, tag)
            .isGreaterThan(400 * 250);
        assertThat(colours(chart))
            .as("%s: %s has more than axes on it", name, tag)
            .isGreaterThan(20);
      } else {
        assertThat(tagged.get(tag).toString())
            .as("%s: %s shows a table", name, tag)
            .contains("<table");
      }
    }

    DebianPython.Result html =
        DebianPython.run(
            List.of(
                DebianPython.PYTHON.toString(),
                "-m",
                "nbconvert",
                "--to",
                "html",
                "--output-dir",
                output.toString(),
                "--output",
                name,
                result.toString()),
            Map.of(),
            repo,
            Duration.ofMinutes(5));
    assertThat(html.exitCode()).as(html.output()).isZero();
    String page = Files.readString(output.resolve(name + ".html"));
    assertThat(page.split("<img", -1).length - 1)
        .as("%s.html shows every chart", name)
        .isGreaterThanOrEqualTo(
            (int) OUTPUTS.get(name).stream().filter(t -> t.startsWith("chart:")).count());
    System.out.printf(
        Locale.ROOT,
        "notebook %s as %s: executed in %.1f s → %s%n",
        name,
        user,
        seconds,
        output.resolve(name + ".html"));
  }

  private static BufferedImage png(JsonNode cell) throws Exception {
    for (JsonNode out : cell.path("outputs")) {
      JsonNode data = out.path("data").path("image/png");
      if (data.isTextual()) {
        byte[] bytes = Base64.getMimeDecoder().decode(data.asText());
        return ImageIO.read(new ByteArrayInputStream(bytes));
      }
    }
    return null;
  }

  /** Distinct colours on a 1-in-4 pixel grid: a figure with only axes has a handful. */
  private static int colours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** The environment a scheduler gives the CLI: the checkout, and the stack's settings. */
  private static Map<String, String> cliEnvironment(Path repo, ServiceLakeConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVICELAKE_HOME", repo.toString());
    env.put(ServiceLakeConfig.envName("data-dir"), config.dataDir().toString());
    env.put(ServiceLakeConfig.envName("kafka.port"), Integer.toString(config.kafkaPort()));
    env.put(ServiceLakeConfig.envName("catalog.port"), Integer.toString(config.catalogPort()));
    env.put(ServiceLakeConfig.envName("trino.port"), Integer.toString(config.trinoPort()));
    // the build running this test has just packaged the launcher: the script must not build again
    env.put("SERVICELAKE_NO_BUILD", "1");
    env.put("SERVICELAKE_JVM_OPTS", "-Xmx1536m");
    return env;
  }

  record CommandRun(int exitCode, String output) {}

  /** Runs a task's bash command as Airflow's BashOperator does: {@code bash -c COMMAND}. */
  private static CommandRun run(String command, Map<String, String> env, Path repo)
      throws Exception {
    long start = System.nanoTime();
    DebianPython.Result result =
        DebianPython.run(List.of("bash", "-c", command), env, repo, Duration.ofMinutes(15));
    System.out.printf(
        Locale.ROOT,
        "%.1f s  exit %d  %s%n",
        (System.nanoTime() - start) / 1e9,
        result.exitCode(),
        command);
    return new CommandRun(result.exitCode(), result.output());
  }

  /**
   * One hash per mart over its sorted rows. Doubles are compared to 12 significant digits: Spark
   * may sum floating values in another order on another run, which moves the last bits only.
   */
  private static Map<String, String> martHashes(TrinoClient trino) throws Exception {
    Map<String, String> hashes = new TreeMap<>();
    List<List<String>> tables = SqlCommand.query(trino, "SHOW TABLES FROM lake.marts");
    for (List<String> table : tables.subList(1, tables.size())) {
      List<List<String>> rows = SqlCommand.query(trino, "SELECT * FROM lake.marts." + table.get(0));
      List<String> lines = new ArrayList<>();
      for (List<String> row : rows.subList(1, rows.size())) {
        lines.add(String.join("\u0001", row.stream().map(NotebooksAndDagsIT::normalise).toList()));
      }
      lines.sort(null);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
      hashes.put(table.get(0), lines.size() + " rows " + HexFormat.of().formatHex(sha.digest()));
    }
    return hashes;
  }

  private static String normalise(String value) {
    if (value.matches("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?")) {
      return String.format(Locale.ROOT, "%.12g", Double.parseDouble(value));
    }
    return value;
  }

  private static long snapshots(TrinoClient trino, String mart) throws Exception {
    return Long.parseLong(
        SqlCommand.query(trino, "SELECT count(*) FROM lake.marts.\"" + mart + "$snapshots\"")
            .get(1)
            .get(0));
  }

  private static String trinoJdbcJar() {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().startsWith("trino-jdbc-")) {
        return entry;
      }
    }
    throw new AssertionError("trino-jdbc is not on the test class path");
  }

  /** What check_dags.py found: the DAGs' rendered commands for one date. */
  record Dags(String airflow, JsonNode report) {

    /** airflow-dags/tests/check_dags.py for one date, with {@code extra} arguments. */
    static DebianPython.Result run(
        Path repo, String date, Map<String, String> env, Duration timeout, String... extra)
        throws Exception {
      List<String> command = new java.util.ArrayList<>();
      command.add(DebianPython.PYTHON.toString());
      command.add(repo.resolve("airflow-dags/tests/check_dags.py").toString());
      command.add("--date");
      command.add(date);
      command.addAll(List.of(extra));
      return DebianPython.run(command, env, repo, timeout);
    }

    static Dags check(Path repo, Path work, String date) throws Exception {
      Path json = work.resolve("dags-" + date + ".json");
      DebianPython.Result result =
          run(repo, date, Map.of(), Duration.ofMinutes(2), "--json", json.toString());
      assertThat(result.exitCode()).as(result.output()).isZero();
      JsonNode report = JSON.readTree(json.toFile());
      return new Dags(report.get("airflow").asText(), report);
    }

    /** The bash commands of a DAG's tasks in dependency order. */
    List<String> commands(String dagId) {
      for (JsonNode dag : report.get("dags")) {
        if (dag.get("dag_id").asText().equals(dagId)) {
          List<String> commands = new ArrayList<>();
          dag.get("tasks").forEach(task -> commands.add(task.get("command").asText()));
          return commands;
        }
      }
      throw new AssertionError("no DAG " + dagId);
    }

    String command(String dagId, int task) {
      return commands(dagId).get(task);
    }
  }
}
