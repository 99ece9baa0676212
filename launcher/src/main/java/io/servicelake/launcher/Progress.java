package io.servicelake.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

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

  /**
   * Counts work items: a live progress bar on a terminal, a line every {@link Counter#LINE_EVERY}
   * items otherwise (logs and CI).
   */
  public final class Counter implements AutoCloseable {
    static final long LINE_EVERY = 10_000;
    private final String unit;
    private final ProgressBar bar;
    private long count;

    private Counter(String task, String unit) {
      this.unit = unit;
      this.bar =
          System.console() == null
              ? null
              : new ProgressBarBuilder()
                  .setTaskName(task)
                  .setUnit(" " + unit, 1)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setInitialMax(-1)
                  .setConsumer(new ConsoleProgressBarConsumer(out))
                  .build();
    }

    public void step() {
      count++;
      if (bar != null) {
        bar.step();
      } else if (count % LINE_EVERY == 0) {
        out.printf(Locale.ROOT, "           … %,d %s%n", count, unit);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  public Counter counter(String task, String unit) {
    return new Counter(task, unit);
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
