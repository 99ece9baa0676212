package io.servicelake.launcher.bench;

import io.servicelake.jobs.MartBuilder;
import io.servicelake.jobs.RawEventLoader;
import io.servicelake.jobs.SparkSessions;
import io.servicelake.launcher.Progress;
import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.format.JsonWriter;
import io.servicelake.transforms.sim.Simulator;
import io.servicelake.transforms.sim.SimulatorConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;

/**
 * Time to build every SQL model from N simulated events: the events are generated (seeded,
 * streaming) and appended to the raw tables directly with Spark through {@link RawEventLoader} —
 * the production loader, bypassing Kafka and Flink, whose throughput {@code bench ingest} measures
 * — then {@link MartBuilder} builds all models as in {@code build marts}, timing each.
 */
public final class MartsBenchmark {

  /** Simulated records per installed unit, to size the simulation for a target event count. */
  static final double EVENTS_PER_UNIT = 8.9;

  private final LakeSettings lake;
  private final Progress progress;

  public MartsBenchmark(LakeSettings lake, Progress progress) {
    this.lake = lake;
    this.progress = progress;
  }

  /** One model's build. */
  public record Model(String table, long rows, long millis) {}

  /** Figures of one run, written as JSON and CSV by the command. */
  public record Result(
      long events,
      int units,
      long seed,
      String sparkMaster,
      int cores,
      double loadSeconds,
      double buildSeconds,
      List<Model> models,
      double buildCpuSeconds,
      Map<String, Double> buildCpuSecondsByProcess,
      double loadAverage,
      long peakRssBytes,
      long peakRssBuildBytes) {

    /** The {@code n} models that took longest, slowest first. */
    public List<Model> slowest(int n) {
      return models.stream()
          .sorted(Comparator.comparingLong(Model::millis).reversed())
          .limit(n)
          .toList();
    }
  }

  /** Generates about {@code targetEvents} events, loads them, builds every model. */
  public Result run(long targetEvents, long seed) {
    int units = (int) Math.max(1, Math.round(targetEvents / EVENTS_PER_UNIT));
    SparkSession spark = SparkSessions.create(lake, "servicelake-bench-marts");
    try {
      RawEventLoader loader = new RawEventLoader(spark, lake);
      long events;
      long start = System.nanoTime();
      try (Progress.Stage stage =
          progress.stage(
              String.format(
                  Locale.ROOT,
                  "Simulate %,d units (seed %d) into the raw tables with Spark (no Kafka/Flink)",
                  units,
                  seed))) {
        SimulatedLines lines = new SimulatedLines(SimulatorConfig.defaults(seed, units, 0.0));
        Map<String, Long> perTable = loader.append(lines, 0);
        events = perTable.values().stream().mapToLong(Long::longValue).sum();
        stage.note(
            String.format(
                Locale.ROOT,
                "%,d events into %d raw tables (generating %.1f s, overlapped with staging)",
                events,
                perTable.size(),
                lines.generateNanos() / 1e9));
      }
      double loadSeconds = (System.nanoTime() - start) / 1e9;

      long loadPeak = PeakMemory.ofProcessTree();
      PeakMemory.resetOwn();
      List<Model> models = new ArrayList<>();
      long buildStart = System.nanoTime();
      ProcessCpu.Sample cpuStart = ProcessCpu.take();
      try (Progress.Stage stage =
          progress.stage("Build every model (" + lake.sparkMaster() + ")")) {
        new MartBuilder(spark, lake)
            .buildAll(
                r -> {
                  models.add(new Model(r.table(), r.rows(), r.millis()));
                  stage.note(
                      String.format(
                          Locale.ROOT,
                          "%-48s %,12d rows %8.1f s",
                          r.table(),
                          r.rows(),
                          r.millis() / 1000.0));
                });
      }
      double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
      Map<String, Double> buildCpu = ProcessCpu.secondsByRole(cpuStart, ProcessCpu.take());
      long buildPeak = PeakMemory.ofProcessTree();
      return new Result(
          events,
          units,
          seed,
          lake.sparkMaster(),
          Runtime.getRuntime().availableProcessors(),
          loadSeconds,
          buildSeconds,
          List.copyOf(models),
          ProcessCpu.total(buildCpu),
          buildCpu,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Math.max(loadPeak, buildPeak),
          buildPeak);
    } finally {
      spark.stop();
    }
  }

  /**
   * The simulator's events as an iterator of JSON lines: the simulator pushes, the loader pulls, so
   * a producer thread hands them over through a small queue and nothing holds all events at once.
   */
  private static final class SimulatedLines implements Iterator<String> {
    private static final String END = new String("end of events");
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong generateNanos = new AtomicLong();
    private String next;

    SimulatedLines(SimulatorConfig simulation) {
      Thread producer =
          new Thread(
              () -> {
                long start = System.nanoTime();
                try {
                  new Simulator(simulation)
                      .run(e -> put(new String(e.value(), StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                  failure.set(e);
                } finally {
                  generateNanos.set(System.nanoTime() - start);
                  put(END);
                }
              },
              "bench-marts-simulator");
      producer.setDaemon(true);
      producer.start();
    }

    private void put(String line) {
      try {
        queue.put(line);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while simulating", e);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading", e);
        }
      }
      if (next == END) {
        if (failure.get() != null) {
          throw failure.get();
        }
        return false;
      }
      return true;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String line = next;
      next = null;
      return line;
    }

    long generateNanos() {
      return generateNanos.get();
    }
  }

  /** The run as JSON: totals, then every model in build order. */
  public static String toJson(Result r) {
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("benchmark", "marts")
            .field(
                "raw_loading",
                "direct Spark append through io.servicelake.jobs.RawEventLoader"
                    + " (bypasses Kafka and Flink)")
            .field("events", r.events())
            .field("units", r.units())
            .field("seed", r.seed())
            .field("spark_master", r.sparkMaster())
            .field("cores", r.cores())
            .field("java", System.getProperty("java.version"))
            .field("max_heap_bytes", Runtime.getRuntime().maxMemory())
            .field("generate_and_load_seconds", round(r.loadSeconds()))
            .field("build_seconds", round(r.buildSeconds()))
            .field("build_cpu_seconds", round(r.buildCpuSeconds()))
            .field("load_average_1m_after_build", r.loadAverage())
            .field("models_built", r.models().size())
            .field("peak_rss_bytes", r.peakRssBytes())
            .field("peak_rss_build_bytes", r.peakRssBuildBytes());
    json.beginObject("build_cpu_seconds_by_process");
    r.buildCpuSecondsByProcess().forEach((role, seconds) -> json.field(role, round(seconds)));
    json.endObject();
    json.beginObject("models");
    for (Model m : r.models()) {
      json.beginObject(m.table())
          .field("rows", m.rows())
          .field("seconds", round(m.millis() / 1000.0))
          .endObject();
    }
    return json.endObject().endObject().toString();
  }

  /** One line per model: table, rows, seconds (then a total line). */
  public static String toCsv(Result r) {
    StringBuilder csv = new StringBuilder("table,rows,seconds\n");
    for (Model m : r.models()) {
      csv.append(m.table())
          .append(',')
          .append(m.rows())
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", m.millis() / 1000.0))
          .append('\n');
    }
    csv.append(String.format(Locale.ROOT, "TOTAL,,%.3f%n", r.buildSeconds()));
    return csv.toString();
  }

  /** Models whose row count differs between two runs (table → "embedded vs cluster"). */
  public static Map<String, String> rowDifferences(Result embedded, Result cluster) {
    Map<String, Long> clusterRows = new java.util.HashMap<>();
    cluster.models().forEach(m -> clusterRows.put(m.table(), m.rows()));
    Map<String, String> differences = new java.util.TreeMap<>();
    for (Model m : embedded.models()) {
      Long other = clusterRows.remove(m.table());
      if (other == null || other != m.rows()) {
        differences.put(m.table(), m.rows() + " vs " + (other == null ? "not built" : other));
      }
    }
    clusterRows.forEach((table, rows) -> differences.put(table, "not built vs " + rows));
    return differences;
  }

  /**
   * Both modes' builds, one line per model: table, rows and seconds in each mode (the rows must be
   * equal: same seed, same code).
   */
  public static String toCsv(Result embedded, Result cluster) {
    Map<String, Model> clusterModels = new java.util.HashMap<>();
    cluster.models().forEach(m -> clusterModels.put(m.table(), m));
    StringBuilder csv =
        new StringBuilder("table,embedded_rows,cluster_rows,embedded_seconds,cluster_seconds\n");
    for (Model m : embedded.models()) {
      Model c = clusterModels.get(m.table());
      csv.append(m.table())
          .append(',')
          .append(m.rows())
          .append(',')
          .append(c == null ? "" : Long.toString(c.rows()))
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", m.millis() / 1000.0))
          .append(',')
          .append(c == null ? "" : String.format(Locale.ROOT, "%.3f", c.millis() / 1000.0))
          .append('\n');
    }
    csv.append(
        String.format(
            Locale.ROOT, "TOTAL,,,%.3f,%.3f%n", embedded.buildSeconds(), cluster.buildSeconds()));
    return csv.toString();
  }

  /** The figures as a text table for the terminal. */
  public static String toTable(Result r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nbench marts: %,d events (%,d units, seed %d), Spark %s on %d cores%n"
                + "raw tables loaded directly with Spark through RawEventLoader (no Kafka/Flink)%n%n",
            r.events(),
            r.units(),
            r.seed(),
            r.sparkMaster(),
            r.cores()));
    out.append(String.format(Locale.ROOT, "%-48s %14s %9s %6s%n", "table", "rows", "seconds", "%"));
    for (Model m : r.models()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-48s %,14d %9.1f %5.1f%%%n",
              m.table(),
              m.rows(),
              m.millis() / 1000.0,
              100.0 * m.millis() / 1000.0 / Math.max(r.buildSeconds(), 1e-9)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-30s %9.1f s%n%-30s %9.1f s  (%.1f min; CPU %.1f s; load average %.1f)%n",
            "generate + load raw tables",
            r.loadSeconds(),
            "build all " + r.models().size() + " models",
            r.buildSeconds(),
            r.buildSeconds() / 60,
            r.buildCpuSeconds(),
            r.loadAverage()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %9.2f GB (build phase %.2f GB; launcher JVM + child processes)%n",
            "peak memory (VmHWM)",
            r.peakRssBytes() / 1e9,
            r.peakRssBuildBytes() / 1e9));
    out.append(String.format(Locale.ROOT, "%-30s", "build CPU by process"));
    r.buildCpuSecondsByProcess()
        .forEach(
            (role, seconds) ->
                out.append(String.format(Locale.ROOT, " %s %.1f s;", role, seconds)));
    out.append('\n');
    out.append("slowest models:");
    for (Model m : r.slowest(5)) {
      out.append(
          String.format(
              Locale.ROOT, " %s %.1f s;", m.table().replaceAll(".*\\.", ""), m.millis() / 1000.0));
    }
    return out.append('\n').toString();
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
