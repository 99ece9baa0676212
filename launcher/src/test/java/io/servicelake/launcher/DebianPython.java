package io.servicelake.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python ({@code /usr/bin/python3}, not a pyenv or venv one first on PATH) for the tests
 * of the notebooks and the Airflow DAGs. The packages come from apt, not PyPI; a missing one fails
 * the test with the {@code apt-get install} line that fixes it (.ci/run installs the same).
 */
public final class DebianPython {

  public static final Path PYTHON = Path.of("/usr/bin/python3");

  /** Every Debian package the notebooks and DAG checks need, as .ci/run installs them. */
  public static final String APT_PACKAGES =
      "python3-jpype python3-pandas python3-matplotlib python3-nbclient python3-nbformat"
          + " python3-ipykernel python3-nbconvert python3-jinja2";

  private DebianPython() {}

  /** Fails (never skips) unless Debian's Python can import every module. */
  public static void require(String... modules) throws Exception {
    String fix = "apt-get install -y " + APT_PACKAGES;
    assertThat(Files.isExecutable(PYTHON))
        .as(
            "%s is missing: install Debian's Python and the packages: apt-get install -y python3 %s",
            PYTHON, APT_PACKAGES)
        .isTrue();
    Result result =
        run(
            List.of(PYTHON.toString(), "-c", "import " + String.join(", ", modules)),
            Map.of(),
            Path.of("."),
            Duration.ofMinutes(1));
    assertThat(result.exitCode())
        .as(
            "Debian's Python cannot import %s: run `%s` (Debian packages; no PyPI needed).%n%s",
            String.join(", ", modules), fix, result.output())
        .isZero();
  }

  /** What a process printed (stdout and stderr interleaved) and how it ended. */
  public record Result(int exitCode, String output) {}

  /** Runs a command to completion with extra environment variables; kills it after timeout. */
  public static Result run(
      List<String> command, Map<String, String> env, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.environment().putAll(env);
    Path log = Files.createTempFile("servicelake-process", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return new Result(-1, "timed out after " + timeout + ":\n" + read(log));
      }
      return new Result(process.exitValue(), read(log));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static String read(Path log) throws IOException {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The repository root: {@code servicelake.home} under failsafe, else the module's parent. */
  public static Path repository() {
    String home = System.getProperty("servicelake.home");
    Path root = home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }
}
