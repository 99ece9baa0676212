package io.servicelake.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this JVM and every process below it, by role (launcher, Spark executor, Kafka, …):
 * where a run's CPU went, which for the localhost cluster is spread over a dozen processes. On a
 * shared machine wall-clock time also counts waiting for a core; CPU time does not.
 */
public final class ProcessCpu {

  /** Roles by a fragment of the command line, first match wins. */
  private static final List<Map.Entry<String, String>> ROLES =
      List.of(
          Map.entry("CoarseGrainedExecutorBackend", "spark-executor"),
          Map.entry("org.apache.spark.deploy", "spark-master+worker"),
          Map.entry("kafka.Kafka", "kafka"),
          Map.entry("org.apache.flink", "flink"),
          Map.entry("io.trino.server", "trino"),
          // before "postgres": the catalog's class path names the PostgreSQL driver
          Map.entry("LoopbackRestCatalogServer", "iceberg-rest-catalog"),
          Map.entry("postgres", "postgres"));

  /** CPU nanoseconds and role of each process alive at one moment. */
  public record Sample(Map<Long, Long> cpuNanos, Map<Long, String> roles) {}

  private ProcessCpu() {}

  public static Sample take() {
    ProcessHandle self = ProcessHandle.current();
    Map<Long, Long> cpu = new TreeMap<>();
    Map<Long, String> roles = new TreeMap<>();
    processTree()
        .forEach(
            p -> {
              cpu.put(p.pid(), p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L));
              roles.put(p.pid(), p.pid() == self.pid() ? "launcher" : role(p));
            });
    return new Sample(cpu, roles);
  }

  /** This JVM and every process below it. */
  static Stream<ProcessHandle> processTree() {
    ProcessHandle self = ProcessHandle.current();
    return Stream.concat(Stream.of(self), self.descendants());
  }

  static String role(ProcessHandle process) {
    String commandLine = commandLine(process);
    return ROLES.stream()
        .filter(r -> commandLine.contains(r.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("other");
  }

  /**
   * The whole command line: {@code /proc/<pid>/cmdline} on Linux, as {@link ProcessHandle.Info}
   * cuts long ones (a JVM's class path) before the main class.
   */
  static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return process.info().commandLine().orElse("");
    }
  }

  /**
   * CPU seconds spent between two samples, by role; a process started in between counts from zero,
   * one that ended in between is missing (its time is lost with it).
   */
  public static Map<String, Double> secondsByRole(Sample before, Sample after) {
    return after.cpuNanos().entrySet().stream()
        .collect(
            Collectors.groupingBy(
                e -> after.roles().get(e.getKey()),
                TreeMap::new,
                Collectors.summingDouble(
                    e -> (e.getValue() - before.cpuNanos().getOrDefault(e.getKey(), 0L)) / 1e9)));
  }

  public static double total(Map<String, Double> byRole) {
    return byRole.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
