package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.launcher.DebianPython;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAGs without Airflow (not installable here): {@code airflow-dags/tests/check_dags.py}
 * imports every DAG file with Debian's Python — against a stand-in {@code airflow} package where
 * the real one is absent — checks for import-time I/O, cycles and retries, and renders each task's
 * command; this test then runs every command with {@code --help} through the CLI's own command
 * tree. The daily chain itself runs against a real stack in {@code NotebooksAndDagsIT}.
 */
class AirflowDagsTest {

  private static final Path CHECK =
      DebianPython.repository().resolve("airflow-dags/tests/check_dags.py");

  @BeforeAll
  static void debianPython() throws Exception {
    DebianPython.require("jinja2");
  }

  @Test
  void everyDagImportsWithoutCyclesAndEveryTaskRunsAnExistingCliCommand(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("dags.json");
    DebianPython.Result check = check("--json", json.toString(), "--date", "2025-03-04");
    assertThat(check.exitCode()).as(check.output()).isZero();

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    Map<String, List<String>> tasksByDag = new TreeMap<>();
    for (JsonNode dag : report.get("dags")) {
      List<String> tasks = new ArrayList<>();
      dag.get("tasks").forEach(task -> tasks.add(task.get("task_id").asText()));
      tasksByDag.put(dag.get("dag_id").asText(), tasks);
    }
    assertThat(tasksByDag)
        .as("DAGs and their tasks in dependency order")
        .isEqualTo(
            Map.of(
                "servicelake_daily_marts", List.of("ingestion_caught_up", "build_marts"),
                "servicelake_ingestion_health", List.of("check_lag_and_quarantine"),
                "servicelake_table_maintenance", List.of("maintain_tables"),
                "servicelake_weekly_analysis", List.of("build_forecast", "build_life")));

    int commands = 0;
    for (JsonNode dag : report.get("dags")) {
      for (JsonNode task : dag.get("tasks")) {
        assertThat(task.get("retries").asInt()).as(task.get("task_id").asText()).isPositive();
        List<String> args = new ArrayList<>();
        task.get("cli_args").forEach(a -> args.add(a.asText()));
        args.add("--help");
        // the task's whole command line, so an option the CLI does not know fails here too
        CliRun help = CliRun.servicelake(args.toArray(String[]::new));
        assertThat(help.exitCode()).as("servicelake %s%n%s", args, help.err()).isZero();
        assertThat(help.out()).as("usage of servicelake %s", args).startsWith("Usage: servicelake");
        commands++;
      }
    }
    assertThat(commands).isEqualTo(6);

    JsonNode buildMarts = report.get("dags").get(0).get("tasks").get(1).get("cli_args");
    assertThat(buildMarts.toString())
        .as("one day partition per run")
        .isEqualTo("[\"build\",\"marts\",\"--from\",\"2025-03-04\",\"--to\",\"2025-03-04\"]");
  }

  @Test
  void theCheckRejectsCyclesImportTimeIoMissingRetriesAndUnknownTemplates(@TempDir Path dags)
      throws Exception {
    Files.copy(
        DebianPython.repository().resolve("airflow-dags/servicelake_common.py"),
        dags.resolve("servicelake_common.py"));
    Files.writeString(
        dags.resolve("bad_dag.py"),
        """
        from airflow import DAG
        from airflow.operators.bash import BashOperator
        from servicelake_common import DEFAULT_ARGS, START_DATE, servicelake

        with DAG(dag_id="bad", schedule=None, start_date=START_DATE, default_args=DEFAULT_ARGS):
            a = BashOperator(task_id="a", bash_command=servicelake("status"))
            b = BashOperator(task_id="b", bash_command=servicelake("build", "marts"))
            c = BashOperator(task_id="c", bash_command=servicelake("sql {{ dsx }}"), retries=0)
            d = BashOperator(task_id="d", bash_command=servicelake("build marts --from {{ ds }}"))
            a >> b >> a
        """);
    Files.writeString(
        dags.resolve("io_dag.py"),
        """
        from airflow import DAG
        SETTINGS = open("/etc/hostname").read()
        """);

    DebianPython.Result check = check("--dags", dags.toString());

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.output())
        .contains("io_dag.py: import failed: IoAtImport: open() while the DAG file is imported")
        .contains("bad: cycle among tasks ['a', 'b']")
        .contains("bad.c: no retries")
        .contains("bad.c: template does not render: 'dsx' is undefined")
        .contains("bad.d: build marts must rebuild exactly the run's date partition");
  }

  private static DebianPython.Result check(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of(DebianPython.PYTHON.toString(), CHECK.toString()));
    command.addAll(List.of(args));
    return DebianPython.run(command, Map.of(), DebianPython.repository(), Duration.ofMinutes(2));
  }
}
