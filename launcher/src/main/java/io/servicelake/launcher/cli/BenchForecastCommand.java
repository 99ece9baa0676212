package io.servicelake.launcher.cli;

import io.servicelake.jobs.PartsForecastJob;
import io.servicelake.transforms.format.JsonWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code servicelake bench forecast}: throughput of the parts-forecast job's per-series work on
 * synthetic intermittent series, with Spark local[1] and local[2] to show how it scales.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description =
        "Forecast --series synthetic intermittent monthly series of --length months (Bernoulli"
            + " demand occurrence × 1 + Poisson size, seeded) with the fct_parts_forecast code path"
            + " (SBC class, rolling-origin method choice, quantiles, reorder point) on Spark"
            + " local[1] then local[2]; prints series/s and total time per run and writes JSON.")
public final class BenchForecastCommand implements Callable<Integer> {

  @Option(names = "--series", description = "Series per run. Default: ${DEFAULT-VALUE}.")
  int series = 10_000;

  @Option(names = "--length", description = "Months per series. Default: ${DEFAULT-VALUE}.")
  int length = 48;

  @Option(names = "--cores", split = ",", description = "Local cores per run. Default: 1,2.")
  List<Integer> cores = List.of(1, 2);

  @Option(names = "--out", description = "JSON file for the figures. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("target/bench/forecast.json");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One run's figures. */
  record Run(int cores, long series, double seconds) {
    double seriesPerSecond() {
      return series / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (series < 1 || length < 2 || cores.isEmpty() || cores.stream().anyMatch(c -> c < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--series must be >= 1, --length >= 2, --cores >= 1");
    }
    List<Run> runs = new ArrayList<>();
    for (int n : cores) {
      SparkSession spark =
          SparkSession.builder()
              .appName("servicelake-bench-forecast")
              .master("local[" + n + "]")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
      try {
        forecastAll(spark, Math.min(series, 200), n); // warm-up: JIT and Spark start-up
        long start = System.nanoTime();
        forecastAll(spark, series, n);
        Run run = new Run(n, series, (System.nanoTime() - start) / 1e9);
        runs.add(run);
        System.out.printf(
            Locale.ROOT,
            "local[%d]: %d series × %d months in %.1f s = %.0f series/s%n",
            n,
            series,
            length,
            run.seconds(),
            run.seriesPerSecond());
      } finally {
        spark.stop();
      }
    }
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .field("benchmark", "forecast")
            .field("series", series)
            .field("length", length)
            .field("horizon", PartsForecastJob.Options.defaults().horizon());
    for (Run run : runs) {
      json.beginObject("local_" + run.cores())
          .field("cores", run.cores())
          .field("seconds", run.seconds())
          .field("series_per_second", run.seriesPerSecond())
          .endObject();
    }
    if (runs.size() > 1) {
      json.field(
          "speedup", runs.get(runs.size() - 1).seriesPerSecond() / runs.get(0).seriesPerSecond());
    }
    String text = json.endObject().toString();
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text);
    System.out.println(text);
    System.out.println("Written to " + out.toAbsolutePath());
    return 0;
  }

  private void forecastAll(SparkSession spark, int count, int partitions) {
    int months = length;
    Dataset<Row> synthetic =
        spark
            .range(0, count, 1, partitions)
            .map(
                (MapFunction<Long, Row>) id -> syntheticSeries(id, months),
                Encoders.row(
                    new StructType()
                        .add("part_number", DataTypes.StringType)
                        .add("store_id", DataTypes.StringType)
                        .add("supplier", DataTypes.StringType)
                        .add("history", DataTypes.createArrayType(DataTypes.DoubleType))));
    PartsForecastJob.forecast(
            synthetic, PartsForecastJob.Options.defaults().withPartitions(partitions))
        .write()
        .format("noop")
        .mode("overwrite")
        .save();
  }

  /**
   * Demand occurs with a per-series probability in [0.1, 0.9]; size 1 + Poisson(mean in [0, 3]).
   */
  static Row syntheticSeries(long id, int months) {
    SplittableRandom random = new SplittableRandom(0x5eed ^ id * 0x9E3779B97F4A7C15L);
    double occurrence = random.nextDouble(0.1, 0.9);
    double sizeMean = random.nextDouble(0, 3);
    Double[] history = new Double[months]; // a Row's array column: Java array or Scala Seq
    for (int t = 0; t < months; t++) {
      history[t] = random.nextDouble() < occurrence ? 1.0 + poisson(random, sizeMean) : 0.0;
    }
    return RowFactory.create(
        "P-" + id, "STORE-" + (id % 20), id % 3 == 0 ? "in_house" : "SUP-" + (id % 7), history);
  }

  private static int poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int k = 0;
    while (product > limit) {
      product *= random.nextDouble();
      k++;
    }
    return k;
  }
}
