package io.servicelake.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory (VmHWM) of this JVM plus every child process (Trino, catalog), Linux. */
public final class PeakMemory {

  private PeakMemory() {}

  public static long ofProcessTree() {
    return ProcessCpu.processTree().mapToLong(p -> highWaterMarkBytes(p.pid())).sum();
  }

  /**
   * Resets this process's peak resident set (Linux: {@code clear_refs} 5), so that a figure read
   * later is the peak of what ran since, not of an earlier phase or run in this JVM.
   */
  public static void resetOwn() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // not Linux: the peak then covers the whole process lifetime
    }
  }

  static long highWaterMarkBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process ended: it contributes nothing
    }
    return 0;
  }
}
