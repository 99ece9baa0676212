package io.servicelake.launcher.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.ingestion.KafkaTopics;
import io.servicelake.launcher.Progress;
import io.servicelake.launcher.Stack;
import io.servicelake.launcher.embedded.Artifacts;
import io.servicelake.launcher.embedded.JavaFinder;
import io.servicelake.launcher.embedded.ManagedProcess;
import io.servicelake.launcher.embedded.Ports;
import io.servicelake.launcher.embedded.TrinoServer;
import io.servicelake.launcher.security.AccessRules;
import io.servicelake.launcher.security.Credentials;
import io.servicelake.launcher.security.SelfSignedTls;
import io.servicelake.launcher.security.TrinoClient;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A multi-process ServiceLake cluster on 127.0.0.1, each part its own OS process from the artifacts
 * the build fetched from Maven Central (and Debian's PostgreSQL):
 *
 * <ul>
 *   <li>PostgreSQL, the store of the Iceberg REST catalog (its own JVM);
 *   <li>three Kafka KRaft nodes (broker + controller each), topics with replication factor 3 and
 *       {@code min.insync.replicas=2};
 *   <li>a Flink standalone session cluster: one JobManager, two TaskManagers;
 *   <li>a Spark standalone master and one worker (which starts the executors);
 *   <li>a Trino coordinator and one worker.
 * </ul>
 *
 * <p>State, pids and logs live under {@code <data-dir>/cluster}. Processes outlive the command that
 * started them; {@code cluster down} stops them from their pid files. {@link #configFile()} is the
 * ServiceLake configuration that points the unchanged pipeline at this cluster.
 */
public final class LocalCluster {

  /** Flink's own default JVM options for Java 17 (from the distribution's config.yaml). */
  private static final List<String> FLINK_JAVA_OPTS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  static final String PG_USER = "servicelake";
  static final String PG_DATABASE = "iceberg_catalog";
  static final List<String> KAFKA = List.of("kafka-1", "kafka-2", "kafka-3");
  static final List<String> TASK_MANAGERS = List.of("flink-taskmanager-1", "flink-taskmanager-2");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path root;
  private final Artifacts artifacts;
  private final String topic;
  private final Optional<Path> trinoJavaHome;
  private final ClusterPorts ports;
  private AccessRules rules;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /**
   * @param dataDir the configuration's data directory; the cluster lives in its {@code cluster}
   *     folder
   * @param topic the events topic, created with replication factor 3
   */
  public LocalCluster(
      Path dataDir, Artifacts artifacts, String topic, Optional<Path> trinoJavaHome) {
    this.root = dataDir.resolve("cluster");
    this.artifacts = artifacts;
    this.topic = topic;
    this.trinoJavaHome = trinoJavaHome;
    this.ports = ClusterPorts.loadOrAllocate(root.resolve("ports.properties"));
  }

  public Path root() {
    return root;
  }

  /** The ServiceLake configuration of this cluster, written by {@link #up}. */
  public Path configFile() {
    return root.resolve("cluster.properties");
  }

  public String kafkaBootstrapServers() {
    return KAFKA.stream().map(n -> "127.0.0.1:" + ports.get(n)).collect(Collectors.joining(","));
  }

  public String catalogUri() {
    return "http://127.0.0.1:" + ports.get("catalog");
  }

  public String trinoUrl() {
    return "https://127.0.0.1:" + ports.get("trino-coordinator");
  }

  public String flinkRestUrl() {
    return "http://127.0.0.1:" + ports.get("flink-rest");
  }

  public String sparkMaster() {
    return "spark://127.0.0.1:" + ports.get("spark-master");
  }

  public String warehouse() {
    return root.resolve("warehouse").toUri().toString().replaceAll("/+$", "");
  }

  /** Every process in start order. */
  public List<ClusterNode> nodes() {
    List<ClusterNode> nodes = new ArrayList<>();
    nodes.add(postgres());
    nodes.add(catalog());
    for (int i = 1; i <= 3; i++) {
      nodes.add(kafka(i));
    }
    nodes.add(flink("flink-jobmanager"));
    TASK_MANAGERS.forEach(name -> nodes.add(flink(name)));
    nodes.add(spark("spark-master"));
    nodes.add(spark("spark-worker"));
    nodes.add(trino("trino-coordinator"));
    nodes.add(trino("trino-worker"));
    return nodes;
  }

  public ClusterNode node(String name) {
    return nodes().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No cluster process named "
                        + name
                        + ". Known: "
                        + nodes().stream().map(ClusterNode::name).toList()));
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts every process that is not running, tier by tier, each tier waited on until it serves;
   * then creates the events topic and writes {@link #configFile()}. Idempotent: running processes
   * are left alone, so it also brings back the ones that died.
   */
  public void up(Progress progress) throws Exception {
    Files.createDirectories(root.resolve("logs"));
    writeLogConfig();
    try (Progress.Stage stage = progress.stage("PostgreSQL (Debian package) for the catalog")) {
      startIfDown(postgres());
      awaitPostgres(Duration.ofSeconds(60));
      stage.note("127.0.0.1:" + ports.get("postgres") + " database " + PG_DATABASE);
    }
    try (Progress.Stage stage = progress.stage("Iceberg REST catalog on PostgreSQL")) {
      startIfDown(catalog());
      await(
          "the Iceberg REST catalog",
          this::catalogAnswers,
          Duration.ofSeconds(60),
          "iceberg-rest-catalog");
      stage.note(catalogUri() + "  warehouse " + warehouse());
    }
    try (Progress.Stage stage = progress.stage("Kafka: 3 KRaft nodes (broker + controller)")) {
      KAFKA.forEach(name -> startIfDown(node(name)));
      await(
          "3 Kafka brokers",
          () -> kafkaBrokers() == 3,
          Duration.ofSeconds(180),
          KAFKA.toArray(String[]::new));
      KafkaTopics.ensure(kafkaBootstrapServers(), topic, KafkaTopics.DEFAULT_PARTITIONS, (short) 3);
      stage.note(kafkaBootstrapServers() + "  topic " + topic + " RF 3, min.insync.replicas 2");
    }
    try (Progress.Stage stage =
        progress.stage("Flink session cluster: JobManager + 2 TaskManagers")) {
      startIfDown(node("flink-jobmanager"));
      TASK_MANAGERS.forEach(name -> startIfDown(node(name)));
      await(
          "2 Flink TaskManagers",
          () -> flinkTaskManagers() == 2,
          Duration.ofSeconds(180),
          "flink-jobmanager",
          "flink-taskmanager-1",
          "flink-taskmanager-2");
      stage.note(flinkRestUrl());
    }
    try (Progress.Stage stage = progress.stage("Spark standalone: master + 1 worker")) {
      startIfDown(node("spark-master"));
      await(
          "the Spark master",
          () -> sparkAliveWorkers() >= 0,
          Duration.ofSeconds(90),
          "spark-master");
      startIfDown(node("spark-worker"));
      await(
          "1 Spark worker",
          () -> sparkAliveWorkers() == 1,
          Duration.ofSeconds(90),
          "spark-master",
          "spark-worker");
      stage.note(sparkMaster());
    }
    try (Progress.Stage stage = progress.stage("Trino: coordinator + 1 worker")) {
      startIfDown(node("trino-coordinator"));
      startIfDown(node("trino-worker"));
      await(
          "Trino (SELECT 1 on the worker)",
          this::trinoAnswers,
          Duration.ofSeconds(240),
          "trino-coordinator",
          "trino-worker");
      stage.note(trinoUrl());
    }
    writeConfigFile();
  }

  /** Stops every process, last tier first; each tier's processes in parallel. */
  public List<String> down() {
    List<List<String>> tiers =
        List.of(
            List.of("trino-worker", "trino-coordinator"),
            List.of("spark-worker"),
            List.of("spark-master"),
            TASK_MANAGERS,
            List.of("flink-jobmanager"),
            KAFKA,
            List.of("iceberg-rest-catalog"),
            List.of("postgres"));
    List<String> stopped = new ArrayList<>();
    for (List<String> tier : tiers) {
      List<CompletableFuture<Boolean>> futures =
          tier.stream()
              .map(
                  name ->
                      CompletableFuture.supplyAsync(
                          () -> ManagedProcess.stopRecorded(pidFile(name))))
              .toList();
      for (int i = 0; i < tier.size(); i++) {
        if (futures.get(i).join()) {
          stopped.add(tier.get(i));
        }
      }
    }
    return stopped;
  }

  /** The pid of a running process of this cluster, if it runs. */
  public Optional<Long> runningPid(String name) {
    return ManagedProcess.readPid(pidFile(name))
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid);
  }

  /** Crashes a process as a power loss would: SIGKILL, no shutdown hook. Returns its pid. */
  public long kill(String name) throws InterruptedException {
    long pid =
        runningPid(name)
            .orElseThrow(
                () -> new IllegalStateException(name + " is not running; nothing to kill"));
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
    Ports.await(() -> !handle.isAlive(), Duration.ofSeconds(30), Duration.ofMillis(50));
    return pid;
  }

  /** Starts {@code node} unless its recorded process still runs. */
  public void startIfDown(ClusterNode node) {
    if (runningPid(node.name()).isPresent()) {
      return;
    }
    if (Ports.isOpen(node.port())) {
      throw new IllegalStateException(
          "Port "
              + node.port()
              + " for "
              + node.name()
              + " is taken by a process this cluster did not start. Stop it, or delete "
              + root.resolve("ports.properties")
              + " (after ./servicelake cluster down) to choose new ports.");
    }
    prepare(node.name());
    ManagedProcess.start(
        node.name(),
        node.command(),
        node.environment(),
        node.workDir(),
        root.resolve("logs"),
        root.resolve("run"));
  }

  public Path log(String name) {
    return root.resolve("logs").resolve(name + ".log");
  }

  private Path pidFile(String name) {
    return root.resolve("run").resolve(name + ".pid");
  }

  // ---------------------------------------------------------------- health

  /** Brokers the Kafka cluster reports alive, or -1 when none answers. */
  public int kafkaBrokers() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    try (Admin admin = Admin.create(props)) {
      return admin.describeCluster().nodes().get().size();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  /** TaskManagers registered with the JobManager, or -1 when its REST API does not answer. */
  public int flinkTaskManagers() {
    return getJson(flinkRestUrl() + "/overview")
        .map(j -> j.path("taskmanagers").asInt(-1))
        .orElse(-1);
  }

  /**
   * The TaskManager running the most of the job's slots (its resource id is its process name), or
   * the first one when none answers.
   */
  public String busiestTaskManager() {
    String busiest = TASK_MANAGERS.get(0);
    int mostUsed = -1;
    Optional<JsonNode> list = getJson(flinkRestUrl() + "/taskmanagers");
    if (list.isPresent()) {
      for (JsonNode tm : list.get().path("taskmanagers")) {
        int used = tm.path("slotsNumber").asInt() - tm.path("freeSlots").asInt();
        if (used > mostUsed && TASK_MANAGERS.contains(tm.path("id").asText())) {
          mostUsed = used;
          busiest = tm.path("id").asText();
        }
      }
    }
    return busiest;
  }

  /**
   * True when the job runs and has completed a checkpoint (an Iceberg commit) acknowledged after
   * {@code epochMillis}: proof that it has recovered, whether or not data was waiting.
   */
  public boolean checkpointedAfter(String jobId, long epochMillis) {
    Optional<JsonNode> job = getJson(flinkRestUrl() + "/jobs/" + jobId);
    Optional<JsonNode> checkpoints = getJson(flinkRestUrl() + "/jobs/" + jobId + "/checkpoints");
    return job.isPresent()
        && job.get().path("state").asText().equals("RUNNING")
        && checkpoints.isPresent()
        && checkpoints.get().path("latest").path("completed").path("latest_ack_timestamp").asLong(0)
            > epochMillis;
  }

  /** The session cluster's jobs ({@code /jobs/overview}), if its REST API answers. */
  public Optional<JsonNode> flinkJobs() {
    return getJson(flinkRestUrl() + "/jobs/overview");
  }

  /** Workers the Spark master counts alive, or -1 when it does not answer. */
  public int sparkAliveWorkers() {
    return getJson("http://127.0.0.1:" + ports.get("spark-master-ui") + "/json/")
        .map(j -> j.path("aliveworkers").asInt(-1))
        .orElse(-1);
  }

  public boolean catalogAnswers() {
    return getJson(catalogUri() + "/v1/config").isPresent();
  }

  public boolean trinoAnswers() {
    return trinoClient(rules().admin()).answers();
  }

  /** The cluster's Trino as {@code user}, with that user's generated password. */
  public TrinoClient trinoClient(String user) {
    return new TrinoClient(
        trinoUrl(),
        user,
        Optional.empty(),
        Optional.of(trinoPasswordsFile()),
        Optional.of(trinoCertificate()),
        "FULL",
        Stack.CATALOG_NAME);
  }

  static Optional<JsonNode> getJson(String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }
  }

  /**
   * Waits until {@code ready}; fails at once, with the tail of its log, when one of {@code
   * processes} has died meanwhile.
   */
  private void await(
      String what, java.util.function.BooleanSupplier ready, Duration timeout, String... processes)
      throws InterruptedException {
    List<String> dead = new ArrayList<>();
    boolean ok =
        Ports.await(
            () -> {
              for (String name : processes) {
                if (runningPid(name).isEmpty()) {
                  dead.add(name);
                  return true;
                }
              }
              return ready.getAsBoolean();
            },
            timeout,
            Duration.ofMillis(500));
    if (!dead.isEmpty()) {
      throw new IllegalStateException(
          dead.get(0)
              + " exited while starting. Last lines of "
              + log(dead.get(0))
              + ":\n"
              + ManagedProcess.tail(log(dead.get(0)), 25));
    }
    if (!ok) {
      throw new IllegalStateException(
          what
              + " not ready within "
              + timeout.toSeconds()
              + " s; see the logs in "
              + root.resolve("logs")
              + " (./servicelake cluster status shows which process is down).");
    }
  }

  // ---------------------------------------------------------------- PostgreSQL

  private Path pgData() {
    return root.resolve("pg");
  }

  private Path pgPasswordFile() {
    return root.resolve("pg-password");
  }

  /** The newest PostgreSQL server binaries Debian installed. */
  static Path pgBin() {
    Path base = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.isDirectory(base) ? Files.list(base) : Stream.empty()) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
          .max((a, b) -> Integer.compare(major(a), major(b)))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "Cluster mode needs PostgreSQL and none was found under "
                          + base
                          + ". Install Debian's package: apt-get install -y postgresql"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** PostgreSQL refuses to run as root: as root, run it as the package's {@code postgres} user. */
  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asPostgresUser(List<String> command) {
    if (!asRoot()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private ClusterNode postgres() {
    return new ClusterNode(
        "postgres",
        "PostgreSQL (catalog store)",
        ports.get("postgres"),
        "shared_buffers 64MB",
        asPostgresUser(
            List.of(
                pgBin().resolve("postgres").toString(),
                "-D",
                pgData().toString(),
                "-p",
                Integer.toString(ports.get("postgres")),
                "-c",
                "listen_addresses=127.0.0.1",
                // TCP only: no socket file to place where the postgres user may write.
                "-c",
                "unix_socket_directories=",
                "-c",
                "shared_buffers=64MB",
                "-c",
                "max_connections=40")),
        Map.of(),
        root);
  }

  /** initdb once: password authentication on loopback, the password kept beside (mode 600). */
  private void initPostgres() throws IOException, InterruptedException {
    if (Files.exists(pgData().resolve("PG_VERSION"))) {
      return;
    }
    Files.createDirectories(pgData());
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Files.writeString(pgPasswordFile(), password);
    Files.setPosixFilePermissions(pgPasswordFile(), PosixFilePermissions.fromString("rw-------"));
    Path pwfile = root.resolve("pg-initdb-pwfile");
    Files.writeString(pwfile, password + "\n");
    if (asRoot()) {
      chownToPostgres(pgData());
      chownToPostgres(pwfile);
    }
    List<String> initdb =
        asPostgresUser(
            List.of(
                pgBin().resolve("initdb").toString(),
                "-D",
                pgData().toString(),
                "-U",
                PG_USER,
                "--pwfile=" + pwfile,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C"));
    Process process =
        new ProcessBuilder(initdb)
            .redirectErrorStream(true)
            .redirectOutput(log("postgres-initdb").toFile())
            .start();
    int code = process.waitFor();
    Files.deleteIfExists(pwfile);
    if (code != 0) {
      throw new IllegalStateException(
          "initdb failed (exit " + code + "):\n" + ManagedProcess.tail(log("postgres-initdb"), 20));
    }
  }

  private static void chownToPostgres(Path path) throws IOException {
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName("postgres");
    GroupPrincipal group = lookup.lookupPrincipalByGroupName("postgres");
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
  }

  String pgPassword() {
    try {
      return Files.readString(pgPasswordFile()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String pgUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + ports.get("postgres") + "/" + database;
  }

  /** Waits until PostgreSQL accepts logins, then creates the catalog's database once. */
  private void awaitPostgres(Duration timeout) throws InterruptedException {
    await(
        "PostgreSQL",
        () -> {
          try (Connection c =
              DriverManager.getConnection(pgUrl("postgres"), PG_USER, pgPassword())) {
            return true;
          } catch (SQLException e) {
            return false;
          }
        },
        timeout);
    try (Connection c = DriverManager.getConnection(pgUrl("postgres"), PG_USER, pgPassword());
        Statement statement = c.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT 1 FROM pg_database WHERE datname = '" + PG_DATABASE + "'")) {
      if (!rs.next()) {
        statement.execute("CREATE DATABASE " + PG_DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the catalog database: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- catalog

  private ClusterNode catalog() {
    String classpath =
        Artifacts.require(artifacts.catalogClasses(), "The catalog server classes")
            + File.pathSeparator
            + read(Artifacts.require(artifacts.catalogClasspathFile(), "The catalog classpath"));
    return new ClusterNode(
        "iceberg-rest-catalog",
        "Iceberg REST catalog (JDBC → PostgreSQL)",
        ports.get("catalog"),
        "256m",
        List.of(
            java, "-Xmx256m", "-cp", classpath, "io.servicelake.catalog.LoopbackRestCatalogServer"),
        Map.of(
            "CATALOG_URI",
            pgUrl(PG_DATABASE),
            "CATALOG_JDBC_USER",
            PG_USER,
            "CATALOG_JDBC_PASSWORD",
            Files.exists(pgPasswordFile()) ? pgPassword() : "",
            "CATALOG_WAREHOUSE",
            warehouse(),
            "CATALOG_REST_PORT",
            Integer.toString(ports.get("catalog")),
            "CATALOG_REST_HOST",
            "127.0.0.1"),
        root);
  }

  // ---------------------------------------------------------------- Kafka

  private Path kafkaDir(int i) {
    return root.resolve("kafka").resolve("node-" + i);
  }

  private Properties kafkaProperties(int i) {
    String voters =
        Stream.of(1, 2, 3)
            .map(n -> n + "@127.0.0.1:" + ports.get("kafka-controller-" + n))
            .collect(Collectors.joining(","));
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(i));
    props.put("controller.quorum.voters", voters);
    props.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + ports.get("kafka-" + i)
            + ",CONTROLLER://127.0.0.1:"
            + ports.get("kafka-controller-" + i));
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.get("kafka-" + i));
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", kafkaDir(i).resolve("data").toString());
    // Every topic, internal ones included, survives one lost broker without losing a write.
    props.put("default.replication.factor", "3");
    props.put("min.insync.replicas", "2");
    props.put("unclean.leader.election.enable", "false");
    props.put("offsets.topic.replication.factor", "3");
    props.put("offsets.topic.num.partitions", "4");
    props.put("transaction.state.log.replication.factor", "3");
    props.put("transaction.state.log.min.isr", "2");
    props.put("share.coordinator.state.topic.replication.factor", "3");
    props.put("share.coordinator.state.topic.min.isr", "2");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "4");
    return props;
  }

  private ClusterNode kafka(int i) {
    Path config = kafkaDir(i).resolve("server.properties");
    List<String> command = new ArrayList<>(List.of(java, "-Xms384m", "-Xmx384m", "-XX:+UseG1GC"));
    command.addAll(logOptions());
    command.addAll(List.of("-cp", launcherClasspath(), "kafka.Kafka", config.toString()));
    return new ClusterNode(
        "kafka-" + i,
        "Kafka broker+controller " + i,
        ports.get("kafka-" + i),
        "384m",
        command,
        Map.of(),
        kafkaDir(i));
  }

  /** Writes the node's properties; formats its log dir once, with the cluster's one id. */
  private void prepareKafka(int i) throws IOException {
    Files.createDirectories(kafkaDir(i));
    Path config = kafkaDir(i).resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(config)) {
      kafkaProperties(i).store(writer, "ServiceLake localhost cluster, Kafka node " + i);
    }
    if (Files.exists(kafkaDir(i).resolve("data/meta.properties"))) {
      return;
    }
    Path idFile = root.resolve("kafka/cluster.id");
    if (!Files.exists(idFile)) {
      Files.writeString(idFile, Uuid.randomUuid().toString());
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code =
        StorageTool.execute(
            new String[] {
              "format",
              "-t",
              Files.readString(idFile).strip(),
              "-c",
              config.toString(),
              "--ignore-formatted"
            },
            new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException(
          "Formatting Kafka node " + i + " failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------- Flink

  private Path flinkConf() {
    return root.resolve("flink/conf");
  }

  private ClusterNode flink(String name) {
    boolean jobManager = name.equals("flink-jobmanager");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(
        jobManager
            ? List.of(
                "-Xms512m", "-Xmx512m", "-XX:MaxMetaspaceSize=256m", "-XX:MaxDirectMemorySize=128m")
            : List.of(
                "-Xms640m",
                "-Xmx640m",
                "-XX:MaxMetaspaceSize=256m",
                "-XX:MaxDirectMemorySize=192m"));
    command.addAll(FLINK_JAVA_OPTS);
    command.addAll(logOptions());
    command.add("-Dlog.file=" + log(name));
    command.addAll(List.of("-cp", flinkClasspath()));
    if (jobManager) {
      command.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
      command.addAll(List.of("--configDir", flinkConf().toString()));
    } else {
      command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
      command.addAll(
          List.of("--configDir", flinkConf().toString(), "-D", "taskmanager.resource-id=" + name));
    }
    return new ClusterNode(
        name,
        jobManager ? "Flink JobManager (REST)" : "Flink TaskManager, 2 slots",
        // TaskManagers listen on ports the JobManager hands out; status reads their registration.
        jobManager ? ports.get("flink-rest") : 0,
        jobManager ? "512m" : "640m",
        command,
        Map.of(),
        root.resolve("flink"));
  }

  /** One config.yaml for the JobManager and the TaskManagers, memory spelled out for each. */
  private void writeFlinkConf() throws IOException {
    Files.createDirectories(flinkConf());
    Files.createDirectories(root.resolve("flink/tmp"));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("jobmanager.rpc.address", "127.0.0.1");
    conf.put("jobmanager.rpc.port", Integer.toString(ports.get("flink-rpc")));
    conf.put("jobmanager.bind-host", "127.0.0.1");
    conf.put("taskmanager.bind-host", "127.0.0.1");
    conf.put("taskmanager.host", "127.0.0.1");
    conf.put("rest.address", "127.0.0.1");
    conf.put("rest.bind-address", "127.0.0.1");
    conf.put("rest.port", Integer.toString(ports.get("flink-rest")));
    conf.put("blob.server.port", "0");
    conf.put("io.tmp.dirs", root.resolve("flink/tmp").toString());
    // Two slots per TaskManager: with parallelism 2 the job fits on one survivor.
    conf.put("taskmanager.numberOfTaskSlots", "2");
    conf.put("parallelism.default", "2");
    // One slot on each TaskManager rather than both on the first: a lost TaskManager hits the job.
    conf.put("taskmanager.load-balance.mode", "SLOTS");
    conf.put("jobmanager.memory.heap.size", "512m");
    conf.put("jobmanager.memory.off-heap.size", "128m");
    conf.put("jobmanager.memory.jvm-metaspace.size", "256m");
    conf.put("jobmanager.memory.jvm-overhead.min", "192m");
    conf.put("jobmanager.memory.jvm-overhead.max", "192m");
    conf.put("taskmanager.cpu.cores", "2");
    conf.put("taskmanager.memory.framework.heap.size", "128m");
    conf.put("taskmanager.memory.task.heap.size", "512m");
    conf.put("taskmanager.memory.managed.size", "64m");
    conf.put("taskmanager.memory.framework.off-heap.size", "128m");
    conf.put("taskmanager.memory.task.off-heap.size", "0m");
    conf.put("taskmanager.memory.network.min", "64m");
    conf.put("taskmanager.memory.network.max", "64m");
    conf.put("taskmanager.memory.jvm-metaspace.size", "256m");
    conf.put("taskmanager.memory.jvm-overhead.min", "192m");
    conf.put("taskmanager.memory.jvm-overhead.max", "192m");
    // A lost TaskManager is noticed in seconds; the job restarts every 2 s until it runs again.
    conf.put("heartbeat.interval", "2000");
    conf.put("heartbeat.timeout", "10000");
    conf.put("restart-strategy.type", "fixed-delay");
    conf.put("restart-strategy.fixed-delay.attempts", "2147483647");
    conf.put("restart-strategy.fixed-delay.delay", "2 s");
    conf.put("execution.checkpointing.tolerable-failed-checkpoints", "10");
    Files.writeString(
        flinkConf().resolve("config.yaml"),
        conf.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"))
            + "\n");
  }

  /**
   * What a Flink distribution's lib/ holds: Flink with its dependencies and Hadoop (from the
   * build's list), plus the log4j binding.
   */
  private String flinkClasspath() {
    List<String> entries =
        new ArrayList<>(
            Arrays.asList(
                read(Artifacts.require(artifacts.flinkLibClasspathFile(), "The Flink lib list"))
                    .split(File.pathSeparator)));
    Arrays.stream(launcherClasspath().split(File.pathSeparator))
        .filter(p -> p.contains("/org/apache/logging/log4j/"))
        .forEach(entries::add);
    return String.join(File.pathSeparator, entries);
  }

  // ---------------------------------------------------------------- Spark

  private Path sparkHome() {
    return root.resolve("spark/home");
  }

  private ClusterNode spark(String name) {
    boolean master = name.equals("spark-master");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(
        Arrays.asList(
            org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.addAll(
        List.of(
            "-cp",
            sparkHome().resolve("conf") + File.pathSeparator + sparkHome().resolve("jars") + "/*"));
    if (master) {
      command.addAll(
          List.of(
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(ports.get("spark-master")),
              "--webui-port",
              Integer.toString(ports.get("spark-master-ui"))));
    } else {
      command.addAll(
          List.of(
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(ports.get("spark-worker")),
              "--webui-port",
              Integer.toString(ports.get("spark-worker-ui")),
              "--cores",
              "2",
              "--memory",
              "1536m",
              "--work-dir",
              root.resolve("spark/work").toString(),
              sparkMaster()));
    }
    return new ClusterNode(
        name,
        master ? "Spark standalone master" : "Spark worker (2 cores, executors 1g)",
        master ? ports.get("spark-master") : ports.get("spark-worker"),
        "256m",
        command,
        Map.of(
            // What Spark's bin/load-spark-env.sh and sbin scripts set.
            "SPARK_HOME", sparkHome().toString(),
            "SPARK_SCALA_VERSION", "2.13",
            "SPARK_LOCAL_IP", "127.0.0.1",
            "SPARK_NO_DAEMONIZE", "1"),
        root.resolve("spark"));
  }

  /**
   * A SPARK_HOME assembled from Maven Central jars: Spark, Iceberg's Spark runtime, Hadoop and the
   * ServiceLake jobs (as a Spark image built for the jobs would carry them). Executors started by
   * the worker get {@code jars/*} as their classpath.
   */
  private void prepareSparkHome() throws IOException {
    Path jars = sparkHome().resolve("jars");
    Files.createDirectories(jars);
    Files.createDirectories(sparkHome().resolve("conf"));
    Files.createDirectories(root.resolve("spark/work"));
    try (Stream<Path> old = Files.list(jars)) {
      for (Path link : old.toList()) {
        Files.delete(link);
      }
    }
    for (String entry : launcherClasspath().split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !sparkRuntime(entry)) {
        continue;
      }
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName().toString());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    Files.copy(
        root.resolve("conf/log4j2.properties"),
        sparkHome().resolve("conf/log4j2.properties"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Launcher jars a Spark executor needs: everything but Flink, Kafka, Trino and PostgreSQL. */
  static boolean sparkRuntime(String jar) {
    return Stream.of(
            "/org/apache/flink/",
            "/org/apache/kafka/",
            "/io/trino/",
            "/org/postgresql/",
            "/com/esotericsoftware/kryo/",
            "/com/esotericsoftware/minlog/",
            "/com/esotericsoftware/reflectasm/",
            "servicelake-ingestion",
            "iceberg-flink-runtime")
        .noneMatch(jar::contains);
  }

  // ---------------------------------------------------------------- Trino

  private ClusterNode trino(String name) {
    boolean coordinator = name.equals("trino-coordinator");
    Path etc = root.resolve("trino").resolve(name).resolve("etc");
    Path trinoHome = artifacts.trinoHome();
    List<String> command = TrinoServer.command(JavaFinder.trinoJava(trinoJavaHome), etc, trinoHome);
    return new ClusterNode(
        name,
        coordinator ? "Trino coordinator (schedules only)" : "Trino worker",
        ports.get(name),
        "1G",
        command,
        Map.of(),
        root.resolve("trino").resolve(name));
  }

  /**
   * The coordinator's and the worker's configuration: HTTPS with one self-signed certificate,
   * internal traffic signed with a secret kept in the cluster's directory (a restarted node must
   * share it with the running one), and on the coordinator the embedded server's passwords and
   * access rules — the same security as quickstart's Trino.
   */
  private void writeTrinoConfig(String name) throws IOException {
    boolean coordinator = name.equals("trino-coordinator");
    Path dir = TrinoServer.home(root).resolve(name);
    TrinoServer.writeConfig(
        new TrinoServer.Node(
            coordinator ? TrinoServer.Role.COORDINATOR : TrinoServer.Role.WORKER,
            name,
            ports.get(name),
            trinoUrl(),
            trinoSharedSecret(),
            "1GB"),
        dir.resolve("etc"),
        dir.resolve("var"),
        Artifacts.require(artifacts.trinoHome(), "The Trino server"),
        catalogUri(),
        Stack.CATALOG_NAME,
        SelfSignedTls.ensure(
            TrinoServer.home(root).resolve("tls"),
            JavaFinder.trinoJava(trinoJavaHome).resolveSibling("keytool")),
        rules(),
        trinoPasswordsFile());
  }

  /**
   * Generated user=password file of the cluster's Trino users (owner-only): the embedded server's
   * layout under the cluster's directory.
   */
  public Path trinoPasswordsFile() {
    return TrinoServer.passwordsFile(root);
  }

  /** PEM certificate of the cluster's Trino (self-signed for 127.0.0.1 and localhost). */
  public Path trinoCertificate() {
    return TrinoServer.certificate(root);
  }

  /** The access rules, loaded once: loading reads every schema and model doc for PII marks. */
  private AccessRules rules() {
    if (rules == null) {
      rules = AccessRules.load();
    }
    return rules;
  }

  private String trinoSharedSecret() throws IOException {
    Path file = TrinoServer.home(root).resolve("shared-secret");
    if (!Files.isRegularFile(file)) {
      String secret = TrinoServer.newSecret();
      Credentials.writeOwnerOnly(file, writer -> writer.write(secret));
    }
    return Files.readString(file).strip();
  }

  // ---------------------------------------------------------------- shared

  /** Writes what a process needs before it starts (config files, formatted dirs). */
  private void prepare(String name) {
    try {
      if (name.equals("postgres")) {
        initPostgres();
      } else if (name.startsWith("kafka-")) {
        prepareKafka(Integer.parseInt(name.substring("kafka-".length())));
      } else if (name.startsWith("flink-")) {
        writeFlinkConf();
      } else if (name.equals("spark-master") || name.equals("spark-worker")) {
        prepareSparkHome();
      } else if (name.startsWith("trino-")) {
        writeTrinoConfig(name);
      } else if (name.equals("iceberg-rest-catalog")) {
        Files.createDirectories(root.resolve("warehouse"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Preparing " + name + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing " + name, e);
    }
  }

  private List<String> logOptions() {
    return List.of("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
  }

  /** Engine logs of every cluster JVM go to stdout, which its ManagedProcess sends to its log. */
  private void writeLogConfig() throws IOException {
    Files.createDirectories(root.resolve("conf"));
    Files.writeString(
        root.resolve("conf/log4j2.properties"),
        String.join(
            "\n",
            "status = warn",
            "rootLogger.level = info",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{ISO8601} %-5p [%t] %c{1.} - %m%n",
            "logger.jetty.name = org.sparkproject.jetty",
            "logger.jetty.level = warn",
            "logger.hadoop.name = org.apache.hadoop",
            "logger.hadoop.level = warn",
            ""));
  }

  /** The ServiceLake configuration that points the unchanged pipeline at this cluster. */
  void writeConfigFile() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    // The launcher's own state (Flink checkpoints, pid files) apart from the embedded quickstart's.
    settings.put("data-dir", root.resolve("pipeline").toString());
    settings.put("kafka.bootstrap-servers", kafkaBootstrapServers());
    settings.put("kafka.topic", topic);
    settings.put("catalog.uri", catalogUri());
    settings.put("warehouse.uri", warehouse());
    settings.put("flink.rest-address", "127.0.0.1:" + ports.get("flink-rest"));
    settings.put("spark.master", sparkMaster());
    settings.put("trino.url", trinoUrl());
    settings.put("trino.truststore", trinoCertificate().toString());
    settings.put("trino.passwords-file", trinoPasswordsFile().toString());
    String text =
        "# Written by ./servicelake cluster up: the localhost cluster's endpoints.\n"
            + "# Run the pipeline on it: ./servicelake quickstart --config "
            + configFile()
            + "\n"
            + settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"))
            + "\n";
    Files.writeString(configFile(), text);
  }

  private String launcherClasspath() {
    return read(Artifacts.require(artifacts.launcherClasspathFile(), "The launcher classpath"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
