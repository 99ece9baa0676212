package io.servicelake.launcher.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the embedded stack runs: the REST catalog's classpath, the Trino server
 * and CLI. All come from Maven Central through the build ({@code mvn package}).
 *
 * @param home the repository root (system property {@code servicelake.home})
 */
public record Artifacts(Path home) {

  public static Artifacts fromSystemProperty() {
    return new Artifacts(
        Path.of(System.getProperty("servicelake.home", ".")).toAbsolutePath().normalize());
  }

  public Path catalogClasses() {
    return home.resolve("catalog-server/target/classes");
  }

  /** File listing the catalog server's runtime jars, written by the build. */
  public Path catalogClasspathFile() {
    return home.resolve("catalog-server/target/classpath.txt");
  }

  /** The shaded Flink job jar a session cluster runs (cluster mode). */
  public Path ingestionJobJar() {
    return home.resolve("ingestion/target/servicelake-ingestion-job.jar");
  }

  /** Flink and Hadoop jars a Flink distribution's lib/ would hold, written by the build. */
  public Path flinkLibClasspathFile() {
    return home.resolve("ingestion/target/flink-lib-classpath.txt");
  }

  /** The launcher's runtime jars, written by the build. */
  public Path launcherClasspathFile() {
    return home.resolve("launcher/target/classpath.txt");
  }

  public Path trinoHome() {
    return home.resolve("launcher/target/trino");
  }

  public Path trinoCli() {
    return home.resolve("launcher/target/trino-cli.jar");
  }

  /** Fails with the command that fixes it when the build has not produced {@code path}. */
  public static Path require(Path path, String what) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          what
              + " not found at "
              + path
              + ". Build it first: mvn -B -DskipTests package (./servicelake does this on first use).");
    }
    return path;
  }
}
