package io.servicelake.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Peak resident memory (VmHWM) of this JVM plus every child process (Trino, catalog), Linux. */
public final class PeakMemory {

  private PeakMemory() {}

  public static long ofProcessTree() {
    ProcessHandle self = ProcessHandle.current();
    return Stream.concat(Stream.of(self), self.descendants())
        .mapToLong(p -> highWaterMarkBytes(p.pid()))
        .sum();
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
