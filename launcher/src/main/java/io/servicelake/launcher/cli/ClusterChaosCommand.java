package io.servicelake.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.servicelake.ingestion.EventProducer;
import io.servicelake.ingestion.FlinkTarget;
import io.servicelake.ingestion.IcebergTables;
import io.servicelake.ingestion.KafkaIngestion;
import io.servicelake.ingestion.TopicOffsets;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.launcher.cluster.LocalCluster;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.launcher.security.TrinoClient;
import io.servicelake.schemas.EventCatalog;
import io.servicelake.schemas.EventTables;
import io.servicelake.schemas.TableSpec;
import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code servicelake cluster chaos}: node failures during ingestion on the localhost cluster. While
 * N unique events stream through Kafka → Flink (session cluster) → Iceberg it crashes (SIGKILL) one
 * Kafka broker and one Flink TaskManager, brings each back, and after ingestion crashes the Trino
 * worker; then it checks through Trino that exactly N rows arrived without a duplicate, and reports
 * each recovery time as JSON.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "While N unique events stream in, SIGKILL one Kafka broker, then one Flink",
      "TaskManager, and bring each back; after ingestion SIGKILL the Trino worker",
      "and bring it back. Checks through Trino: exactly N new rows, no duplicate",
      "event_id, queries answer. Prints and writes <data-dir>/cluster/chaos-*.json",
      "with each recovery time. Starts the cluster if it is down.",
      "Exit 0 when every check passes, 1 otherwise."
    })
public final class ClusterChaosCommand implements Callable<Integer> {

  /** The raw table of each event type; loaded once, as the counts run on every poll. */
  private static final List<TableSpec> EVENT_TABLES = EventTables.all(EventCatalog.load());

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Unique events to ingest. Default: ${DEFAULT-VALUE}.")
  int events = 100_000;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description =
          "Events per second produced, so the failures land mid-stream. Default: ${DEFAULT-VALUE}.")
  int rate = 500;

  @Option(
      names = "--downtime",
      paramLabel = "SECONDS",
      description =
          "How long a killed process stays down before it is restarted. Default: ${DEFAULT-VALUE}.")
  int downtime = 10;

  @Option(
      names = "--seed",
      description = "Simulator seed (default: the current time, so event ids are new to the lake).")
  Long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, Object> report = new LinkedHashMap<>();
  private Progress progress;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || rate < 1 || downtime < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events and --rate must be at least 1, --downtime at least 0.");
    }
    ServiceLakeConfig base = configOptions.load();
    LocalCluster cluster = ClusterCommand.cluster(base);
    progress = new Progress(System.out);
    progress.line("Chaos run on the localhost cluster — " + events + " events");
    cluster.up(progress);
    ServiceLakeConfig config =
        ServiceLakeConfig.load(Optional.of(cluster.configFile()), Map.of(), Map.of());
    LakeSettings lake = Stack.running(config);
    FlinkTarget flink = Stack.flink(config, Artifacts.fromSystemProperty());
    TrinoClient trino = StackEndpoints.trino(config);
    requireNoRunningJob(cluster);

    long seedValue = seed != null ? seed : System.currentTimeMillis();
    report.put("events", events);
    report.put("rate_per_s", rate);
    report.put("downtime_s", downtime);
    report.put("seed", seedValue);
    report.put("started", Instant.now().toString());

    KafkaIngestion ingestion = new KafkaIngestion(lake, config.parallelism(), flink);
    JobClient job;
    try (Progress.Stage stage =
        progress.stage("Submit the ingestion job jar to " + flink.describe())) {
      job = ingestion.start(false);
      stage.note("job " + job.getJobID());
    }
    // Records already in the topic (earlier runs) are ingested first: the baseline is then exact.
    try (Progress.Stage stage = progress.stage("Catch up with records already in the topic");
        RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      long inTopic =
          TopicOffsets.records(
              TopicOffsets.of(
                  lake.kafkaBootstrapServers(), lake.eventsTopic(), KafkaIngestion.CONSUMER_GROUP));
      awaitCommitted(catalog, inTopic, job, new AtomicReference<>());
      stage.note(inTopic + " earlier records all committed");
    }
    Counts before = trinoCounts(trino);
    report.put("rows_before", before.rows());
    AtomicLong produced = new AtomicLong();
    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producer =
        new Thread(() -> produce(lake, seedValue, produced, producerFailure), "chaos-producer");
    long t0 = System.nanoTime();
    producer.start();
    try (RESTCatalog catalog = IcebergTables.openCatalog(lake)) {
      long baseline = committed(catalog);

      // 1. A Kafka broker, a fifth of the way in.
      awaitCommitted(catalog, baseline + events / 5, job, producerFailure);
      report.put("kafka_broker", killKafka(cluster, catalog, lake, job, produced));

      // 2. A Flink TaskManager, half way.
      awaitCommitted(catalog, baseline + events / 2, job, producerFailure);
      report.put("flink_taskmanager", killTaskManager(cluster, catalog, job, produced));

      producer.join();
      if (producerFailure.get() != null) {
        throw new IllegalStateException("The producer failed", producerFailure.get());
      }
      report.put("produce_seconds", seconds(System.nanoTime() - t0));
      try (Progress.Stage stage = progress.stage("Waiting for every event to be committed")) {
        awaitCommitted(catalog, baseline + events, job, producerFailure);
        stage.note("committed " + (committed(catalog) - baseline) + " new rows");
      }
      report.put("ingest_seconds", seconds(System.nanoTime() - t0));
      // A few more checkpoints: anything written twice would show now.
      Thread.sleep(3 * lake.checkpointInterval().toMillis());
    }

    // 3. The Trino worker, after ingestion.
    report.put("trino_worker", killTrinoWorker(cluster, trino));

    Counts after = countsAfterRecovery(trino);
    long newRows = after.rows() - before.rows();
    long newQuarantined = after.quarantined() - before.quarantined();
    report.put("rows_after", after.rows());
    report.put("new_rows", newRows);
    report.put("distinct_event_ids", after.distinctIds());
    report.put("new_quarantined", newQuarantined);
    report.put("job_status_at_end", job.getJobStatus().get().toString());
    boolean exact = newRows == events;
    boolean unique = after.distinctIds() == after.rows();
    boolean passed = exact && unique && newQuarantined == 0;
    report.put("exactly_n_rows", exact);
    report.put("no_duplicates", unique);
    report.put("passed", passed);
    try (Progress.Stage stage = progress.stage("Cancel the job (its checkpoint is retained)")) {
      job.cancel().get();
    }

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path out =
        cluster.root().resolve("chaos-" + Instant.now().toString().replace(':', '-') + ".json");
    Files.writeString(out, json.writeValueAsString(report) + "\n");
    System.out.println(json.writeValueAsString(report));
    System.out.println((passed ? "PASSED" : "FAILED") + " — report " + out);
    return passed ? 0 : 1;
  }

  private void produce(
      LakeSettings lake, long seedValue, AtomicLong produced, AtomicReference<Throwable> failure) {
    Throttle throttle = new Throttle(rate);
    // About 8 events per unit over a service life: enough units that N events exist.
    SimulatorConfig simulation = SimulatorConfig.defaults(seedValue, events / 6 + 100, 0.0);
    try (EventProducer producer =
        new EventProducer(lake.kafkaBootstrapServers(), lake.eventsTopic())) {
      new Simulator(simulation)
          .run(
              event -> {
                if (produced.get() < events) {
                  throttle.acquire();
                  producer.send(event);
                  produced.incrementAndGet();
                }
              });
      producer.flush();
      if (produced.get() < events) {
        throw new IllegalStateException(
            "The simulator made only " + produced.get() + " events; use a smaller --events");
      }
    } catch (Throwable e) {
      failure.set(e);
    }
  }

  private Map<String, Object> killKafka(
      LocalCluster cluster,
      RESTCatalog catalog,
      LakeSettings lake,
      JobClient job,
      AtomicLong produced)
      throws Exception {
    // Service goes on with 2 of 3 replicas (min.insync.replicas=2): the job checkpoints (and
    // commits to Iceberg) again, restarting from its last checkpoint if its reader failed.
    return killDuringIngestion(
        cluster,
        catalog,
        job,
        produced,
        "kafka-2",
        "kill_to_first_checkpoint_s",
        (result, killed) -> {
          // The controller fences the dead broker once its session times out.
          boolean fenced =
              Ports.await(
                  () -> cluster.kafkaBrokers() == 2,
                  Duration.ofSeconds(60),
                  Duration.ofMillis(200));
          result.put("kill_to_broker_fenced_s", fenced ? seconds(System.nanoTime() - killed) : -1);
        },
        new Recovery("all_isr_3", () -> fullyReplicated(lake), Duration.ofMinutes(5), "all_isr_3"));
  }

  private Map<String, Object> killTaskManager(
      LocalCluster cluster, RESTCatalog catalog, JobClient job, AtomicLong produced)
      throws Exception {
    // The TaskManager that runs the job's tasks (with slots spread evenly, either one does). The
    // job restarts from its last checkpoint on the other TaskManager's two slots; it has
    // recovered when it runs and completes a checkpoint again.
    return killDuringIngestion(
        cluster,
        catalog,
        job,
        produced,
        cluster.busiestTaskManager(),
        "kill_to_running_and_checkpointed_s",
        (result, killed) ->
            result.put("job_status_after_failover", job.getJobStatus().get().toString()),
        new Recovery(
            "registered",
            () -> cluster.flinkTaskManagers() == 2,
            Duration.ofMinutes(3),
            "2_taskmanagers"));
  }

  /** When a restarted process counts as back: its check, and the report keys of the times. */
  private record Recovery(
      String afterRestart, BooleanSupplier isBack, Duration timeout, String afterKill) {}

  /** A report step run once the job has checkpointed after the kill. */
  private interface AfterFailover {
    void record(Map<String, Object> result, long killedNanos) throws Exception;
  }

  /**
   * SIGKILLs {@code victim} while events stream, times until the job checkpoints (commits) again,
   * keeps it down for --downtime, restarts it and times until {@code recovery} holds.
   */
  private Map<String, Object> killDuringIngestion(
      LocalCluster cluster,
      RESTCatalog catalog,
      JobClient job,
      AtomicLong produced,
      String victim,
      String checkpointKey,
      AfterFailover afterFailover,
      Recovery recovery)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (Progress.Stage stage = progress.stage("Kill " + victim + " (SIGKILL)")) {
      long rowsAtKill = committed(catalog);
      long killed = System.nanoTime();
      long killedAt = System.currentTimeMillis();
      result.put("process", victim);
      result.put("pid", cluster.kill(victim));
      result.put("rows_at_kill", rowsAtKill);
      result.put("produced_at_kill", produced.get());
      String jobId = job.getJobID().toString();
      Ports.await(
          () -> cluster.checkpointedAfter(jobId, killedAt),
          Duration.ofMinutes(5),
          Duration.ofMillis(200));
      result.put(checkpointKey, seconds(System.nanoTime() - killed));
      afterFailover.record(result, killed);
      sleepUntil(killed, downtime);
      long restarted = System.nanoTime();
      cluster.startIfDown(cluster.node(victim));
      boolean back = Ports.await(recovery.isBack(), recovery.timeout(), Duration.ofMillis(200));
      result.put(
          "restart_to_" + recovery.afterRestart() + "_s", seconds(System.nanoTime() - restarted));
      result.put("kill_to_" + recovery.afterKill() + "_s", seconds(System.nanoTime() - killed));
      result.put("recovered", back);
      stage.note(result.toString());
    }
    return result;
  }

  private Map<String, Object> killTrinoWorker(LocalCluster cluster, TrinoClient trino)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    try (Progress.Stage stage = progress.stage("Kill the Trino worker (SIGKILL)")) {
      long killed = System.nanoTime();
      result.put("pid", cluster.kill("trino-worker"));
      // Queries fail while the only worker is gone (the coordinator schedules no tasks itself).
      boolean failedWhileDown =
          Ports.await(() -> !countAnswers(trino), Duration.ofSeconds(60), Duration.ofMillis(500));
      result.put("queries_failed_while_down", failedWhileDown);
      sleepUntil(killed, downtime);
      long restarted = System.nanoTime();
      cluster.startIfDown(cluster.node("trino-worker"));
      // Back once queries answer three times in a row: the coordinator may still hold the dead
      // worker's entry, so one answer right after the restart is not yet recovery.
      boolean back =
          Ports.await(
              () -> countAnswers(trino) && countAnswers(trino) && countAnswers(trino),
              Duration.ofMinutes(4),
              Duration.ofMillis(500));
      result.put("restart_to_query_answer_s", seconds(System.nanoTime() - restarted));
      result.put("kill_to_query_answer_s", seconds(System.nanoTime() - killed));
      result.put("recovered", back);
      stage.note(result.toString());
    }
    return result;
  }

  private void awaitCommitted(
      RESTCatalog catalog, long target, JobClient job, AtomicReference<Throwable> producerFailure)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (committed(catalog) < target) {
      if (producerFailure.get() != null) {
        throw new IllegalStateException("The producer failed", producerFailure.get());
      }
      if (job.getJobStatus().get().isGloballyTerminalState()) {
        throw new IllegalStateException("The ingestion job stopped: " + job.getJobStatus().get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Only " + committed(catalog) + " of " + target + " rows after 15 minutes");
      }
      Thread.sleep(200);
    }
  }

  /**
   * Rows committed to the raw tables (events + quarantine), from the current snapshots: what the
   * stream has made durable.
   */
  private static long committed(RESTCatalog catalog) {
    List<String> tables = new ArrayList<>();
    EVENT_TABLES.forEach(t -> tables.add(t.name()));
    tables.add(LakeSettings.QUARANTINE_TABLE);
    long rows = 0;
    for (String table : tables) {
      TableIdentifier id = TableIdentifier.of(LakeSettings.RAW_NAMESPACE, table);
      catalog.invalidateTable(id);
      rows += IcebergTables.stats(catalog, id).rows();
    }
    return rows;
  }

  /** True when every partition of the events topic has all 3 replicas in sync again. */
  private static boolean fullyReplicated(LakeSettings lake) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lake.kafkaBootstrapServers());
    // The API timeout must not be shorter than the request timeout, or the client refuses to start.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(props)) {
      TopicDescription topic =
          admin
              .describeTopics(List.of(lake.eventsTopic()))
              .allTopicNames()
              .get()
              .get(lake.eventsTopic());
      return topic.partitions().stream().allMatch(p -> p.isr().size() == 3);
    } catch (Exception e) {
      return false;
    }
  }

  record Counts(long rows, long distinctIds, long quarantined) {}

  private static Counts trinoCounts(TrinoClient trino) throws SQLException {
    try (Connection connection = trino.connect();
        Statement statement = connection.createStatement()) {
      long rows = 0;
      long distinct = 0;
      long quarantined = 0;
      // the ingestion job creates every raw table at once: one exists, all do
      if (tableExists(statement, "workorder_completed")) {
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT count(*), count(DISTINCT event_id) FROM ("
                    + EventTables.unionAll(EventCatalog.load(), "lake", "event_id")
                    + ")")) {
          rs.next();
          rows = rs.getLong(1);
          distinct = rs.getLong(2);
        }
      }
      if (tableExists(statement, LakeSettings.QUARANTINE_TABLE)) {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM lake.raw.quarantine")) {
          rs.next();
          quarantined = rs.getLong(1);
        }
      }
      return new Counts(rows, distinct, quarantined);
    }
  }

  /**
   * The final counts; a query that fails with the worker just back is retried for up to a minute,
   * and the report says how often (0 when the cluster answered at once).
   */
  private Counts countsAfterRecovery(TrinoClient trino) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    for (int failures = 0; ; failures++) {
      try {
        Counts counts = trinoCounts(trino);
        report.put("final_count_query_failures", failures);
        return counts;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        progress.line("  final count failed (" + e.getMessage() + "), retrying");
        Thread.sleep(2000);
      }
    }
  }

  private static boolean tableExists(Statement statement, String table) throws SQLException {
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT count(*) FROM lake.information_schema.tables WHERE table_schema = 'raw'"
                + " AND table_name = '"
                + table
                + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** A query that reads table files, so a worker must run it (count(*) may come from metadata). */
  private static boolean countAnswers(TrinoClient trino) {
    try (Connection connection = trino.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(DISTINCT event_id) FROM lake.raw.workorder_completed")) {
      return rs.next();
    } catch (SQLException e) {
      return false;
    }
  }

  private static void requireNoRunningJob(LocalCluster cluster) {
    cluster
        .flinkJobs()
        .ifPresent(
            list -> {
              for (var job : list.path("jobs")) {
                String state = job.path("state").asText();
                if (state.equals("RUNNING")
                    || state.equals("RESTARTING")
                    || state.equals("CREATED")) {
                  throw new IllegalStateException(
                      "A job already runs on the Flink cluster ("
                          + job.path("jid").asText()
                          + ", "
                          + job.path("name").asText()
                          + "): stop that pipeline first (Ctrl-C its quickstart).");
                }
              }
            });
  }

  private static void sleepUntil(long startNanos, int seconds) throws InterruptedException {
    long due = startNanos + Duration.ofSeconds(seconds).toNanos() - System.nanoTime();
    if (due > 0) {
      Thread.sleep(due / 1_000_000);
    }
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
