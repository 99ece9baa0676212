package io.servicelake.launcher.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A real Trino server (coordinator that also runs tasks) from the tarball the build unpacked, with
 * the Iceberg connector pointed at the lake's REST catalog. It runs on a JDK ≥ 24 in its own
 * process; its configuration lives under {@code <dataDir>/trino/etc}.
 */
public final class TrinoServer {

  private TrinoServer() {}

  /** JDBC URL of a Trino server at {@code httpUrl} with catalog {@code lake}. */
  public static String jdbcUrl(String httpUrl) {
    return "jdbc:trino://" + httpUrl.replaceFirst("^https?://", "") + "/lake";
  }

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
    Path etc = dataDir.resolve("trino/etc");
    writeConfig(etc, dataDir.resolve("trino/var"), trinoHome, port, catalogUri, catalogName);

    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(
        List.of(
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
            "io.trino.server.TrinoServer"));
    ManagedProcess process =
        ManagedProcess.start(
            "trino",
            command,
            Map.of(),
            dataDir.resolve("trino/var"),
            dataDir.resolve("logs"),
            dataDir.resolve("run"));
    String url = "http://127.0.0.1:" + port;
    boolean ready =
        Ports.await(
            () -> !process.isAlive() || answers(url),
            Duration.ofSeconds(180),
            Duration.ofSeconds(1));
    process.requireAlive();
    if (!ready) {
      process.close();
      throw new IllegalStateException(
          "Trino did not answer SELECT 1 within 180 s; see " + process.log());
    }
    return process;
  }

  /** True once Trino runs queries (it refuses them for a few seconds after the port opens). */
  public static boolean answers(String httpUrl) {
    Properties props = new Properties();
    props.setProperty("user", "servicelake");
    try (Connection connection = DriverManager.getConnection(jdbcUrl(httpUrl), props);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Plugins the lake uses; not every plugin of the core tarball loads on its own. */
  static final List<String> PLUGINS = List.of("iceberg");

  /** A plugin directory holding links to just {@link #PLUGINS}. */
  private static Path pluginDir(Path dir, Path trinoHome) throws IOException {
    Files.createDirectories(dir);
    for (String plugin : PLUGINS) {
      Path link = dir.resolve(plugin);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, trinoHome.resolve("plugin").resolve(plugin));
    }
    return dir;
  }

  private static void writeConfig(
      Path etc, Path var, Path trinoHome, int port, String catalogUri, String catalogName) {
    try {
      Files.createDirectories(etc.resolve("catalog"));
      Files.createDirectories(var);
      Files.writeString(
          etc.resolve("config.properties"),
          String.join(
              "\n",
              "coordinator=true",
              "node-scheduler.include-coordinator=true",
              "http-server.http.port=" + port,
              "discovery.uri=http://127.0.0.1:" + port,
              "node.environment=servicelake",
              "node.id=servicelake-coordinator",
              "log.path=" + var.resolve("server.log"),
              "node.bind-ip=127.0.0.1",
              "node.internal-address=127.0.0.1",
              "plugin.dir=" + pluginDir(etc.resolveSibling("plugin"), trinoHome),
              "catalog.config-dir=" + etc.resolve("catalog"),
              "query.max-memory=512MB",
              "query.max-memory-per-node=512MB",
              ""));
      Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
      Files.writeString(
          etc.resolve("catalog").resolve(catalogName + ".properties"),
          String.join(
              "\n",
              "connector.name=iceberg",
              "iceberg.catalog.type=rest",
              "iceberg.rest-catalog.uri=" + catalogUri,
              // Local warehouse files are read through Trino's native local file system.
              "fs.native-local.enabled=true",
              "local.location=/",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
