package io.servicelake.launcher.cli;

import io.servicelake.launcher.Progress;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.cluster.LocalCluster;
import io.servicelake.launcher.embedded.Artifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The localhost cluster of {@code cluster up}, started in a temporary directory for one {@code
 * bench … --cluster} run and stopped and deleted afterwards: a benchmark never writes into the
 * user's cluster, and its figures never depend on what that cluster holds.
 */
final class BenchCluster implements AutoCloseable {

  private final Path dir;
  private final LocalCluster cluster;
  private final Thread stopOnExit;

  private BenchCluster(Path dir, LocalCluster cluster) {
    this.dir = dir;
    this.cluster = cluster;
    // Ctrl-C during a long run must not leave twelve processes behind
    this.stopOnExit = new Thread(cluster::down, "bench-cluster-down");
  }

  static BenchCluster up(String topic, Optional<Path> trinoJavaHome, Progress progress)
      throws Exception {
    Path dir = Files.createTempDirectory("servicelake-bench-cluster-");
    // PostgreSQL runs as its own user, which must reach its data directory inside
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    BenchCluster bench =
        new BenchCluster(
            dir, new LocalCluster(dir, Artifacts.fromSystemProperty(), topic, trinoJavaHome));
    Runtime.getRuntime().addShutdownHook(bench.stopOnExit);
    try {
      progress.line("Localhost cluster for the benchmark (throw-away, in " + dir + ")");
      bench.cluster.up(progress);
      return bench;
    } catch (Exception | Error e) {
      bench.close();
      throw e;
    }
  }

  /**
   * The configuration {@code cluster up} wrote, with {@code overrides}; the environment's {@code
   * SERVICELAKE_*} settings are ignored so that both modes of a benchmark run the same settings.
   */
  ServiceLakeConfig config(Map<String, String> overrides) {
    return ServiceLakeConfig.load(Optional.of(cluster.configFile()), Map.of(), overrides);
  }

  @Override
  public void close() throws IOException {
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
    cluster.down();
    BenchCommand.Simulate.deleteTree(dir);
  }
}
