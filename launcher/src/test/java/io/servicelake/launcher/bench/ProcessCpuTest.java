package io.servicelake.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void secondsByRoleAddsEachProcessesGrowthAndCountsNewProcessesFromZero() {
    ProcessCpu.Sample before =
        new ProcessCpu.Sample(
            Map.of(1L, 1_000_000_000L, 2L, 500_000_000L), Map.of(1L, "launcher", 2L, "kafka"));
    ProcessCpu.Sample after =
        new ProcessCpu.Sample(
            Map.of(1L, 3_000_000_000L, 2L, 1_000_000_000L, 3L, 2_000_000_000L),
            Map.of(1L, "launcher", 2L, "kafka", 3L, "kafka"));

    Map<String, Double> byRole = ProcessCpu.secondsByRole(before, after);

    assertThat(byRole).containsExactlyInAnyOrderEntriesOf(Map.of("launcher", 2.0, "kafka", 2.5));
    assertThat(ProcessCpu.total(byRole)).isEqualTo(4.5);
  }

  @Test
  void thisJvmIsTheLauncherAndItsCpuTimeGrows() {
    ProcessCpu.Sample before = ProcessCpu.take();
    long sum = 0;
    for (int i = 0; i < 50_000_000; i++) {
      sum += i % 7;
    }
    Map<String, Double> byRole = ProcessCpu.secondsByRole(before, ProcessCpu.take());
    assertThat(sum).isPositive();
    assertThat(byRole).containsKey("launcher");
    assertThat(byRole.get("launcher")).isPositive();
  }

  @Test
  void aChildProcessIsNamedByItsWholeCommandLine() throws Exception {
    // a long argument before the marker, as a JVM's class path comes before its main class
    Process child =
        new ProcessBuilder("sh", "-c", "sleep 30; true", "x".repeat(20_000), "kafka.Kafka").start();
    try {
      // until the child has exec'd, /proc shows the JVM's spawn helper
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!ProcessCpu.commandLine(child.toHandle()).contains("sleep 30")
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ProcessCpu.role(child.toHandle()))
          .as(ProcessCpu.commandLine(child.toHandle()).replaceAll("x{100,}", "x…"))
          .isEqualTo("kafka");
    } finally {
      child.destroyForcibly();
    }
  }
}
