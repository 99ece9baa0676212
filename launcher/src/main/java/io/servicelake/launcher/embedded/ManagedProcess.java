package io.servicelake.launcher.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the launcher (the REST catalog, Trino): output to a log file, pid recorded in
 * the run directory so {@code servicelake stop} can find it even if the launcher died, and stopped
 * gently first, forcibly if it does not stop in time.
 */
public final class ManagedProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final String name;
  private final Process process;
  private final Path log;
  private final Path pidFile;

  private ManagedProcess(String name, Process process, Path log, Path pidFile) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.pidFile = pidFile;
  }

  /**
   * Starts {@code command}; stdout and stderr go to {@code <logDir>/<name>.log} and the pid to
   * {@code <runDir>/<name>.pid}.
   */
  public static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path logDir,
      Path runDir) {
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(runDir);
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      Path pidFile = runDir.resolve(name + ".pid");
      Files.writeString(pidFile, Long.toString(process.pid()));
      return new ManagedProcess(name, process, log, pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Fails with the tail of the log when the process has died, so the user sees why. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " exited with code "
              + process.exitValue()
              + ". Last lines of "
              + log
              + ":\n"
              + tail(log, 30));
    }
  }

  @Override
  public void close() {
    stop(process.toHandle());
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // a leftover pid file is harmless: stop() checks the process is still alive
    }
  }

  /** Stops a process and its descendants: TERM, then KILL after a grace period. */
  public static void stop(ProcessHandle handle) {
    List<ProcessHandle> descendants = handle.descendants().toList();
    handle.destroy();
    try {
      handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Stops the process whose pid is recorded in {@code pidFile}, if it still runs. */
  public static boolean stopRecorded(Path pidFile) {
    Optional<ProcessHandle> handle = readPid(pidFile).flatMap(ProcessHandle::of);
    boolean stopped = false;
    if (handle.isPresent() && handle.get().isAlive()) {
      stop(handle.get());
      stopped = true;
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stopped;
  }

  public static Optional<Long> readPid(Path pidFile) {
    try {
      return Files.isRegularFile(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).strip()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
