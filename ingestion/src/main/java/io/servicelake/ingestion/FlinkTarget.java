package io.servicelake.ingestion;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the ingestion job runs: a mini-cluster in this JVM (the embedded default), or a Flink
 * session cluster that receives the job jar over its REST API, as {@code flink run} does. The job
 * graph is the same either way; only the environment that executes it differs.
 *
 * @param restAddress {@code host:port} of the session cluster's REST endpoint; empty for the
 *     mini-cluster
 * @param jobJar the shaded job jar ({@code servicelake-ingestion-*-job.jar}) shipped to the
 *     cluster; empty for the mini-cluster
 */
public record FlinkTarget(Optional<String> restAddress, Optional<Path> jobJar) {

  public FlinkTarget {
    requireNonNull(restAddress, "restAddress");
    requireNonNull(jobJar, "jobJar");
    if (restAddress.isPresent() != jobJar.isPresent()) {
      throw new IllegalArgumentException("A session cluster needs both its address and a job jar");
    }
  }

  public static FlinkTarget miniCluster() {
    return new FlinkTarget(Optional.empty(), Optional.empty());
  }

  /** A session cluster at {@code hostPort} (e.g. {@code 127.0.0.1:8081}) running {@code jobJar}. */
  public static FlinkTarget session(String hostPort, Path jobJar) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException(
          "flink.rest-address='" + hostPort + "' is not host:port, e.g. 127.0.0.1:8081.");
    }
    if (!Files.isRegularFile(jobJar)) {
      throw new IllegalStateException(
          "The Flink job jar "
              + jobJar
              + " is missing. Build it: mvn -B -DskipTests package (./servicelake does this).");
    }
    return new FlinkTarget(Optional.of(hostPort), Optional.of(jobJar));
  }

  public boolean isSession() {
    return restAddress.isPresent();
  }

  /** The environment to build and execute the job in, with {@code conf} as its configuration. */
  StreamExecutionEnvironment environment(Configuration conf) {
    if (restAddress.isEmpty()) {
      return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
    String address = restAddress.get();
    int colon = address.lastIndexOf(':');
    return StreamExecutionEnvironment.createRemoteEnvironment(
        address.substring(0, colon),
        Integer.parseInt(address.substring(colon + 1)),
        conf,
        jobJar.get().toAbsolutePath().toString());
  }

  /** For progress lines: "mini-cluster" or "session cluster 127.0.0.1:8081". */
  public String describe() {
    return restAddress.map(a -> "session cluster " + a).orElse("mini-cluster");
  }
}
