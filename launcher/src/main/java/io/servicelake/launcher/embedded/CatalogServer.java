package io.servicelake.launcher.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the Iceberg REST catalog ({@code catalog-server} module) as its own JVM: its servlet
 * classes clash with Spark's, so it never shares the launcher's classpath. State persists in a
 * SQLite file under the data directory.
 */
public final class CatalogServer {

  private CatalogServer() {}

  public static ManagedProcess start(
      Artifacts artifacts, Path dataDir, String warehouseUri, int port)
      throws InterruptedException {
    Ports.requireFree(port, "the Iceberg REST catalog", "catalog.port");
    Path dir = dataDir.resolve("catalog");
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String classpath;
    try {
      classpath =
          Artifacts.require(artifacts.catalogClasses(), "The catalog server classes")
              + java.io.File.pathSeparator
              + Files.readString(
                      Artifacts.require(
                          artifacts.catalogClasspathFile(), "The catalog server classpath"))
                  .strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ManagedProcess process =
        ManagedProcess.start(
            "iceberg-rest-catalog",
            List.of(
                java,
                "-Xmx256m",
                "-cp",
                classpath,
                "io.servicelake.catalog.LoopbackRestCatalogServer"),
            Map.of(
                "CATALOG_URI",
                "jdbc:sqlite:" + dir.resolve("catalog.db"),
                "CATALOG_WAREHOUSE",
                warehouseUri,
                "CATALOG_REST_PORT",
                Integer.toString(port),
                "CATALOG_REST_HOST",
                "127.0.0.1"),
            dataDir,
            dataDir.resolve("logs"),
            dataDir.resolve("run"));
    boolean up =
        Ports.await(
            () -> Ports.isOpen(port) || !process.isAlive(),
            Duration.ofSeconds(60),
            Duration.ofMillis(200));
    process.requireAlive();
    if (!up) {
      process.close();
      throw new IllegalStateException(
          "The Iceberg REST catalog did not open port "
              + port
              + " within 60 s; see "
              + process.log());
    }
    return process;
  }
}
