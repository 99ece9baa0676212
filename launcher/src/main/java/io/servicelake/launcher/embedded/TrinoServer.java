package io.servicelake.launcher.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicelake.launcher.security.AccessRules;
import io.servicelake.launcher.security.Credentials;
import io.servicelake.launcher.security.SelfSignedTls;
import io.servicelake.launcher.security.TrinoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Trino server (coordinator that also runs tasks) from the tarball the build unpacked, with
 * the Iceberg connector pointed at the lake's REST catalog. It runs on a JDK ≥ 24 in its own
 * process; its state lives under {@code <dataDir>/trino}.
 *
 * <p>Secure by default: HTTPS only (self-signed certificate made on first start), password
 * authentication against bcrypt hashes of generated passwords, and file-based access control
 * generated from {@link AccessRules}. Plain HTTP is off entirely — not even on loopback — because
 * Trino authenticates an HTTP request by its user header alone: any local process could claim to be
 * {@code admin} and bypass every row filter and mask.
 */
public final class TrinoServer {

  private TrinoServer() {}

  /** Where the embedded server keeps its configuration, TLS material and passwords. */
  public static Path home(Path dataDir) {
    return dataDir.resolve("trino");
  }

  /** The generated clear passwords, {@code user=password}, owner-only. */
  public static Path passwordsFile(Path dataDir) {
    return home(dataDir).resolve("passwords.properties");
  }

  /** The server's self-signed certificate (PEM): what clients trust. */
  public static Path certificate(Path dataDir) {
    return home(dataDir).resolve("tls/trino.pem");
  }

  /** Connection facts for other processes (notebooks, scripts): see {@link #writeConnection}. */
  public static Path connectionFile(Path dataDir) {
    return home(dataDir).resolve("connection.json");
  }

  /** The writable mount of catalog {@code catalog}, visible to admins only. */
  public static String adminCatalog(String catalog) {
    return catalog + "_admin";
  }

  /** URL of the embedded server on {@code port}. */
  public static String url(int port) {
    return "https://127.0.0.1:" + port;
  }

  /** A client of the embedded server of {@code dataDir}, as {@code user}. */
  public static TrinoClient client(Path dataDir, int port, String user, String catalog) {
    return new TrinoClient(
        url(port),
        user,
        Optional.empty(),
        Optional.of(passwordsFile(dataDir)),
        Optional.of(certificate(dataDir)),
        "FULL",
        catalog);
  }

  /** Plugins the lake uses; not every plugin of the core tarball loads on its own. */
  static final List<String> PLUGINS = List.of("iceberg", "password-authenticators");

  public static ManagedProcess start(
      Artifacts artifacts,
      Path dataDir,
      Optional<Path> javaHome,
      int port,
      String catalogUri,
      String catalogName)
      throws InterruptedException {
    Path java = JavaFinder.trinoJava(javaHome);
    Path trinoHome = Artifacts.require(artifacts.trinoHome(), "The Trino server");
    Ports.requireFree(port, "Trino", "trino.port");
    Path etc = home(dataDir).resolve("etc");
    AccessRules rules = AccessRules.load();
    SelfSignedTls tls =
        SelfSignedTls.ensure(home(dataDir).resolve("tls"), java.resolveSibling("keytool"));
    writeConfig(
        // A new secret each start: the single node is the only party that has to know it.
        new Node(Role.SINGLE, "servicelake-coordinator", port, url(port), newSecret(), "512MB"),
        etc,
        home(dataDir).resolve("var"),
        trinoHome,
        catalogUri,
        catalogName,
        tls,
        rules,
        passwordsFile(dataDir));

    List<String> command = command(java, etc, trinoHome);
    ManagedProcess process =
        ManagedProcess.start(
            "trino",
            command,
            Map.of(),
            home(dataDir).resolve("var"),
            dataDir.resolve("logs"),
            dataDir.resolve("run"));
    TrinoClient admin = client(dataDir, port, rules.admin(), catalogName);
    boolean ready =
        Ports.await(
            () -> !process.isAlive() || admin.answers(),
            Duration.ofSeconds(180),
            Duration.ofSeconds(1));
    process.requireAlive();
    if (!ready) {
      process.close();
      throw new IllegalStateException(
          "Trino did not answer SELECT 1 within 180 s; see " + process.log());
    }
    writeConnection(dataDir, admin, rules);
    return process;
  }

  /**
   * Writes {@code <dataDir>/trino/connection.json} (owner-only) for processes that are not Java
   * callers of {@link TrinoClient}: a notebook or script reads url/host/port, trusts {@code
   * certificate_pem}, and takes its user's password from {@code passwords_file}.
   */
  static void writeConnection(Path dataDir, TrinoClient client, AccessRules rules) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("url", client.url());
    root.put("host", client.host());
    root.put("port", client.port());
    root.put("catalog", client.catalog());
    root.put("admin_catalog", adminCatalog(client.catalog()));
    root.put("jdbc_url", client.jdbcUrl());
    root.put("ssl", true);
    root.put("certificate_pem", certificate(dataDir).toString());
    root.put("passwords_file", passwordsFile(dataDir).toString());
    root.put("passwords_format", "java-properties: user=password");
    rules.userNames().forEach(root.putArray("users")::add);
    Credentials.writeOwnerOnly(
        connectionFile(dataDir),
        writer ->
            writer.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n"));
  }

  /**
   * A plugin directory holding just {@link #PLUGINS}, one link per jar. The core tarball stores a
   * jar that several directories share once and the others as tar hard links, which the build's
   * unpacker writes as empty files; such a jar is linked to the non-empty copy of the same name in
   * {@code lib/} or another plugin instead (without this the password authenticator misses Guava).
   */
  private static Path pluginDir(Path dir, Path trinoHome) throws IOException {
    Files.createDirectories(dir);
    for (String plugin : PLUGINS) {
      Path target = dir.resolve(plugin);
      if (Files.isSymbolicLink(target)) {
        Files.delete(target); // a data dir of an older build linked the whole directory
      }
      Files.createDirectories(target);
      try (Stream<Path> old = Files.list(target)) {
        for (Path link : old.toList()) {
          Files.deleteIfExists(link);
        }
      }
      try (Stream<Path> jars = Files.list(trinoHome.resolve("plugin").resolve(plugin))) {
        for (Path jar : jars.toList()) {
          Files.createSymbolicLink(target.resolve(jar.getFileName()), contentOf(jar, trinoHome));
        }
      }
    }
    return dir;
  }

  /** {@code jar} itself, or for an empty hard-link stand-in the real file of the same name. */
  private static Path contentOf(Path jar, Path trinoHome) throws IOException {
    if (!Files.isRegularFile(jar) || Files.size(jar) > 0) {
      return jar;
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(trinoHome.resolve("lib").resolve(jar.getFileName()));
    try (Stream<Path> plugins = Files.list(trinoHome.resolve("plugin"))) {
      plugins.forEach(p -> candidates.add(p.resolve(jar.getFileName())));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.size(candidate) > 0) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        jar + " is empty and no other copy exists in " + trinoHome + ": unpack the tarball again");
  }

  /** A random secret for {@code internal-communication.shared-secret}. */
  public static String newSecret() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  /** What a Trino process is: the embedded single node, or a cluster's coordinator or worker. */
  public enum Role {
    /** Coordinator that also runs the tasks (the embedded server). */
    SINGLE,
    /** Coordinator that only schedules; clients authenticate here and its rules apply. */
    COORDINATOR,
    /** Runs tasks for the coordinator; reached only by the other nodes. */
    WORKER;

    boolean coordinates() {
      return this != WORKER;
    }
  }

  /**
   * One Trino process's identity.
   *
   * @param discoveryUrl the coordinator's HTTPS URL
   * @param sharedSecret the secret every node of one cluster signs internal requests with
   * @param queryMaxMemory cluster-wide memory of one query
   */
  public record Node(
      Role role,
      String nodeId,
      int port,
      String discoveryUrl,
      String sharedSecret,
      String queryMaxMemory) {}

  /**
   * Writes a node's configuration: HTTPS only (plain HTTP off, as password authentication would
   * otherwise trust the user name sent over it), internal traffic over HTTPS with the shared
   * secret; on a coordinator also password authentication and the access rules; on every node the
   * catalog {@code catalogName} (read-only, rules applied) and its admin mount. A coordinator's
   * {@code etc/password.db} holds the hashes of the users' passwords in {@code passwordsFile}
   * (generated there on first use).
   */
  public static void writeConfig(
      Node node,
      Path etc,
      Path var,
      Path trinoHome,
      String catalogUri,
      String catalogName,
      SelfSignedTls tls,
      AccessRules rules,
      Path passwordsFile) {
    try {
      Files.createDirectories(etc.resolve("catalog"));
      Files.createDirectories(var);
      List<String> config = new ArrayList<>();
      config.add("coordinator=" + node.role().coordinates());
      if (node.role().coordinates()) {
        // A cluster's coordinator only schedules: with its worker down queries wait for it.
        config.add("node-scheduler.include-coordinator=" + (node.role() == Role.SINGLE));
      }
      config.addAll(
          List.of(
              "http-server.http.enabled=false",
              "http-server.https.enabled=true",
              "http-server.https.port=" + node.port(),
              "http-server.https.keystore.path=" + tls.keystore(),
              "http-server.https.keystore.key=" + tls.keystorePassword()));
      if (node.role().coordinates()) {
        config.addAll(
            List.of(
                "http-server.authentication.type=PASSWORD",
                "password-authenticator.config-files="
                    + etc.resolve("password-authenticator.properties"),
                "access-control.config-files=" + etc.resolve("access-control.properties"),
                // A column a user may not read is left out of SELECT * instead of failing it.
                "hide-inaccessible-columns=true"));
      }
      config.addAll(
          List.of(
              "discovery.uri=" + node.discoveryUrl(),
              "internal-communication.shared-secret=" + node.sharedSecret(),
              "internal-communication.https.required=true",
              "internal-communication.https.keystore.path=" + tls.keystore(),
              "internal-communication.https.keystore.key=" + tls.keystorePassword(),
              "internal-communication.https.truststore.path=" + tls.certificatePem(),
              "node.environment=servicelake",
              "node.id=" + node.nodeId(),
              "log.path=" + var.resolve("server.log"),
              "node.bind-ip=127.0.0.1",
              "node.internal-address=127.0.0.1",
              "plugin.dir=" + pluginDir(etc.resolveSibling("plugin"), trinoHome),
              "catalog.config-dir=" + etc.resolve("catalog"),
              "query.max-memory=" + node.queryMaxMemory(),
              "query.max-memory-per-node=512MB",
              ""));
      Credentials.writeOwnerOnly(
          etc.resolve("config.properties"), writer -> writer.write(String.join("\n", config)));
      if (node.role().coordinates()) {
        Credentials.writeTrinoPasswordFile(
            etc.resolve("password.db"), Credentials.ensure(passwordsFile, rules.userNames()));
        Files.writeString(
            etc.resolve("password-authenticator.properties"),
            String.join(
                "\n",
                "password-authenticator.name=file",
                "file.password-file=" + etc.resolve("password.db"),
                ""));
        Files.writeString(etc.resolve("rules.json"), rules.toTrinoRules(catalogName));
        Files.writeString(
            etc.resolve("access-control.properties"),
            String.join(
                "\n",
                "access-control.name=file",
                "security.config-file=" + etc.resolve("rules.json"),
                ""));
      }
      Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
      for (String catalog : List.of(catalogName, adminCatalog(catalogName))) {
        Files.writeString(
            etc.resolve("catalog").resolve(catalog + ".properties"),
            String.join(
                "\n",
                "connector.name=iceberg",
                "iceberg.catalog.type=rest",
                "iceberg.rest-catalog.uri=" + catalogUri,
                // Local warehouse files are read through Trino's native local file system.
                "fs.native-local.enabled=true",
                "local.location=/",
                // Reads (filtered and masked by the rules) for all; writes only in the admin mount.
                "iceberg.security=" + (catalog.equals(catalogName) ? "read_only" : "allow_all"),
                ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The command line of a Trino server process (the JVM flags of Trino's own launcher, 1 GB heap):
   * the embedded server's and the localhost cluster's nodes.
   *
   * @param etc the node's configuration directory ({@code config.properties}, {@code
   *     log.properties})
   */
  public static List<String> command(Path java, Path etc, Path trinoHome) {
    return List.of(
        java.toString(),
        "-Xmx1G",
        "-XX:+UseG1GC",
        "-XX:+ExplicitGCInvokesConcurrent",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:ReservedCodeCacheSize=256M",
        "-XX:+EnableDynamicAgentLoading",
        "-Djdk.attach.allowAttachSelf=true",
        "-Dfile.encoding=UTF-8",
        "--enable-native-access=ALL-UNNAMED",
        "-Dconfig=" + etc.resolve("config.properties"),
        "-Dlog.levels-file=" + etc.resolve("log.properties"),
        "-cp",
        trinoHome.resolve("lib") + "/*",
        "io.trino.server.TrinoServer");
  }
}
