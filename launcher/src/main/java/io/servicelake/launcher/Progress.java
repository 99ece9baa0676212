package io.servicelake.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Stage-by-stage progress on the console: what runs, for how long, and the total elapsed. */
public final class Progress {

  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** A running stage; {@link Stage#close()} prints its duration. */
  public final class Stage implements AutoCloseable {
    private final String name;
    private final long stageStart = System.nanoTime();

    private Stage(String name) {
      this.name = name;
      out.printf(Locale.ROOT, "[%6.1fs] ▶ %s%n", elapsedSeconds(), name);
      out.flush();
    }

    /** A detail line under the stage. */
    public void note(String text) {
      out.printf(Locale.ROOT, "           %s%n", text);
      out.flush();
    }

    @Override
    public void close() {
      out.printf(
          Locale.ROOT,
          "[%6.1fs] ✓ %s (%.1fs)%n",
          elapsedSeconds(),
          name,
          (System.nanoTime() - stageStart) / 1e9);
      out.flush();
    }
  }

  public Stage stage(String name) {
    return new Stage(name);
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public PrintStream out() {
    return out;
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
