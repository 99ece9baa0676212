package io.servicelake.jobs;

import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.forecast.AbcClass;
import io.servicelake.transforms.forecast.DemandProfile;
import io.servicelake.transforms.forecast.ForecastSelection;
import io.servicelake.transforms.forecast.ReorderPolicy;
import io.servicelake.transforms.forecast.SeriesForecast;
import io.servicelake.transforms.forecast.SeriesForecaster;
import io.servicelake.transforms.models.SqlModel;
import io.servicelake.transforms.models.SqlModels;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds {@code marts.fct_parts_forecast}: a probabilistic 12-month demand forecast per part ×
 * store with SBC and ABC class, the method chosen by rolling-origin backtest, and the reorder point
 * and safety stock at a target service level (doc: {@code
 * servicelake/jobs/marts/fct_parts_forecast.json}).
 *
 * <p>Series are monthly part consumption ({@code stg_events__part_consumed}, every usage) with
 * zero-demand months filled; they are hash-partitioned over {@link Options#partitions()} Spark
 * partitions and forecast by {@link SeriesForecaster} inside {@code mapPartitions}, so the work
 * scales with the executors' cores.
 */
public final class PartsForecastJob {

  /** Doc and name of the output table. */
  public static final SqlModel TABLE = SqlModels.jobTable("marts", "fct_parts_forecast");

  /** Years parts must stay available after the end of production (spare-parts procedure). */
  public static final int AVAILABILITY_YEARS = 15;

  /**
   * Settings of one run; defaults in {@link #defaults()}.
   *
   * @param horizon months forecast, ≥ every lead time
   * @param season season length of monthly data
   * @param serviceLevel target cycle service level of the reorder point, in (0, 1)
   * @param leadTimeInHouseMonths lead time of parts made in house (the data carry none)
   * @param leadTimePurchasedMonths lead time of parts bought from a supplier
   * @param endOfProductionGapMonths a model whose last shipment is at least this many months before
   *     the last complete month is taken as out of production since that shipment
   * @param partitions Spark partitions the series are spread over (0: the session's default
   *     parallelism)
   */
  public record Options(
      int horizon,
      int season,
      double serviceLevel,
      int leadTimeInHouseMonths,
      int leadTimePurchasedMonths,
      int endOfProductionGapMonths,
      int partitions)
      implements Serializable {

    public Options {
      if (horizon < 1 || season < 1) {
        throw new IllegalArgumentException("horizon and season must be at least 1");
      }
      if (!(serviceLevel > 0 && serviceLevel < 1)) {
        throw new IllegalArgumentException("service level must be in (0, 1), got " + serviceLevel);
      }
      if (Math.min(leadTimeInHouseMonths, leadTimePurchasedMonths) < 1
          || Math.max(leadTimeInHouseMonths, leadTimePurchasedMonths) > horizon) {
        throw new IllegalArgumentException("lead times must lie in 1.." + horizon + " months");
      }
    }

    /** 12 months, season 12, 95 % service level, lead time 1 month in house, 3 purchased. */
    public static Options defaults() {
      return new Options(12, 12, ReorderPolicy.DEFAULT_SERVICE_LEVEL, 1, 3, 3, 0);
    }

    public Options withServiceLevel(double level) {
      return new Options(
          horizon,
          season,
          level,
          leadTimeInHouseMonths,
          leadTimePurchasedMonths,
          endOfProductionGapMonths,
          partitions);
    }

    public Options withPartitions(int count) {
      return new Options(
          horizon,
          season,
          serviceLevel,
          leadTimeInHouseMonths,
          leadTimePurchasedMonths,
          endOfProductionGapMonths,
          count);
    }
  }

  /** Columns {@link #forecast} adds per series and horizon month. */
  static final StructType FORECAST =
      new StructType()
          .add("part_number", DataTypes.StringType, false)
          .add("store_id", DataTypes.StringType, false)
          .add("horizon", DataTypes.IntegerType, false)
          .add("adi", DataTypes.DoubleType)
          .add("cv2", DataTypes.DoubleType)
          .add("demand_class", DataTypes.StringType, false)
          .add("method", DataTypes.StringType, false)
          .add("mean", DataTypes.DoubleType, false)
          .add("p50", DataTypes.DoubleType, false)
          .add("p90", DataTypes.DoubleType, false)
          .add("p95", DataTypes.DoubleType, false)
          .add("backtest_mae", DataTypes.DoubleType)
          .add("lead_time_months", DataTypes.IntegerType, false)
          .add("lead_time_source", DataTypes.StringType, false)
          .add("service_level", DataTypes.DoubleType, false)
          .add("mean_lead_time_demand", DataTypes.DoubleType, false)
          .add("safety_stock", DataTypes.DoubleType, false)
          .add("reorder_point", DataTypes.DoubleType, false);

  private final SparkSession spark;
  private final MartBuilder builder;
  private final Options options;

  public PartsForecastJob(SparkSession spark, LakeSettings lake, Options options) {
    this.spark = spark;
    this.options = options;
    List<SqlModel> models = new ArrayList<>(SqlModels.load());
    models.add(TABLE);
    this.builder = new MartBuilder(spark, lake, models);
  }

  /** Forecasts every series and replaces the table; returns what was written. */
  public MartBuilder.ModelResult run() {
    return builder.publish(TABLE, table());
  }

  MartBuilder builder() {
    return builder;
  }

  /**
   * One row per part × store: attributes, {@code history_start_month}, {@code last_history_month}
   * (the last complete month), {@code history} (monthly quantities, oldest first, zeros filled from
   * the first month with any consumption in the lake), demand and consumption value of the last 12
   * months.
   */
  public Dataset<Row> series() {
    return spark.sql(
        builder.render(
            """
            with as_of as (
                select
                    as_of_date,
                    case when as_of_date = last_day(as_of_date) then trunc(as_of_date, 'MM')
                         else add_months(trunc(as_of_date, 'MM'), -1) end as last_month
                from {{ ref('int_as_of') }}
            ),
            consumed as (
                select
                    c.part_number,
                    c.store_id,
                    c.model,
                    c.component,
                    c.supplier,
                    c.region,
                    trunc(c.consumed_at, 'MM') as month,
                    c.quantity,
                    c.quantity * c.unit_cost as value
                from {{ ref('stg_events__part_consumed') }} c
                cross join as_of a
                where c.quantity > 0 and trunc(c.consumed_at, 'MM') <= a.last_month
                    and c.part_number is not null and c.store_id is not null
            ),
            calendar as (
                select explode(sequence(
                    (select min(month) from consumed),
                    (select last_month from as_of),
                    interval 1 month)) as month
            ),
            series as (
                select
                    part_number,
                    store_id,
                    max(model) as model,
                    max(component) as component,
                    coalesce(max(supplier), 'in_house') as supplier,
                    max(region) as region
                from consumed
                group by part_number, store_id
            ),
            monthly as (
                select part_number, store_id, month, sum(quantity) as quantity, sum(value) as value
                from consumed
                group by part_number, store_id, month
            ),
            filled as (
                select
                    s.*,
                    c.month,
                    cast(coalesce(m.quantity, 0) as double) as quantity,
                    cast(coalesce(m.value, 0) as double) as value
                from series s
                cross join calendar c
                left join monthly m
                    on m.part_number = s.part_number and m.store_id = s.store_id
                    and m.month = c.month
            ),
            final as (
                select
                    f.part_number,
                    f.store_id,
                    f.model,
                    f.component,
                    f.supplier,
                    f.region,
                    min(f.month) as history_start_month,
                    max(f.month) as last_history_month,
                    transform(
                        array_sort(collect_list(struct(f.month as month, f.quantity as quantity))),
                        x -> x.quantity) as history,
                    sum(case when f.month > add_months(a.last_month, -12) then f.quantity else 0 end)
                        as demand_last_12m,
                    sum(case when f.month > add_months(a.last_month, -12) then f.value else 0 end)
                        as consumption_value_12m
                from filled f
                cross join as_of a
                group by f.part_number, f.store_id, f.model, f.component, f.supplier, f.region
            )
            select * from final
            """));
  }

  /**
   * Forecasts series spread over Spark partitions: input columns {@code part_number, store_id,
   * supplier, history} (array of doubles, oldest first); output {@link #FORECAST}, {@code horizon}
   * rows per series.
   */
  public static Dataset<Row> forecast(Dataset<Row> series, Options options) {
    int partitions =
        options.partitions() > 0
            ? options.partitions()
            : series.sparkSession().sparkContext().defaultParallelism();
    return series
        .select("part_number", "store_id", "supplier", "history")
        .repartition(partitions, functions.col("part_number"), functions.col("store_id"))
        .mapPartitions(
            (MapPartitionsFunction<Row, Row>) rows -> forecastPartition(rows, options),
            Encoders.row(FORECAST));
  }

  static Iterator<Row> forecastPartition(Iterator<Row> rows, Options options) {
    SeriesForecaster forecaster = new SeriesForecaster();
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Double> values = row.getList(3);
      double[] history = new double[values.size()];
      for (int i = 0; i < history.length; i++) {
        history[i] = values.get(i);
      }
      ForecastSelection selection =
          forecaster.forecast(history, options.horizon(), options.season());
      SeriesForecast chosen = selection.chosen();
      DemandProfile profile = selection.profile();
      boolean inHouse = row.isNullAt(2) || "in_house".equals(row.getString(2));
      int leadTime = inHouse ? options.leadTimeInHouseMonths() : options.leadTimePurchasedMonths();
      ReorderPolicy policy = ReorderPolicy.of(chosen, leadTime, options.serviceLevel());
      double[] mean = chosen.mean();
      double[] p50 = chosen.quantile(0.5);
      double[] p90 = chosen.quantile(0.9);
      double[] p95 = chosen.quantile(0.95);
      for (int h = 0; h < options.horizon(); h++) {
        out.add(
            RowFactory.create(
                row.getString(0),
                row.getString(1),
                h + 1,
                finite(profile.adi()),
                finite(profile.cv2()),
                profile.demandClass().name().toLowerCase(Locale.ROOT),
                chosen.method(),
                mean[h],
                p50[h],
                p90[h],
                p95[h],
                finite(chosen.backtestMae()),
                leadTime,
                inHouse ? "default_in_house" : "default_purchased",
                options.serviceLevel(),
                policy.meanLeadTimeDemand(),
                policy.safetyStock(),
                policy.reorderPoint()));
      }
    }
    return out.iterator();
  }

  /** The table's rows: forecasts joined with series attributes, ABC class and obligation. */
  Dataset<Row> table() {
    Dataset<Row> series = series().cache();
    forecast(series, options).createOrReplaceTempView("parts_forecast_rows");
    series.createOrReplaceTempView("parts_forecast_series");
    abcClasses(series).createOrReplaceTempView("parts_forecast_abc");
    return spark.sql(
        builder.render(
            """
            with as_of as (select as_of_date from {{ ref('int_as_of') }}),
            models as (
                -- units shipped to replace an exchanged one (replaces_serial) are not sales:
                -- the model may be out of production while they still ship (the same rule as
                -- dim_product_model.last_ship_month)
                select model, to_date(max(ship_month) || '-01') as last_ship_month
                from {{ ref('stg_events__product_shipped') }}
                where replaces_serial is null
                group by model
            ),
            series as (
                select s.*, m.last_ship_month,
                    case when m.last_ship_month <= add_months(s.last_history_month, -%1$d)
                         then m.last_ship_month end as end_of_production_month
                from parts_forecast_series s
                left join models m on m.model = s.model
            ),
            final as (
                select
                    s.part_number,
                    s.store_id,
                    add_months(s.last_history_month, f.horizon) as forecast_month,
                    f.horizon,
                    s.model,
                    s.component,
                    s.supplier,
                    s.region,
                    s.history_start_month,
                    size(s.history) as history_months,
                    s.demand_last_12m,
                    s.consumption_value_12m,
                    f.adi,
                    f.cv2,
                    f.demand_class,
                    b.abc_class,
                    f.method,
                    f.mean,
                    f.p50,
                    f.p90,
                    f.p95,
                    f.backtest_mae,
                    f.lead_time_months,
                    f.lead_time_source,
                    f.service_level,
                    f.mean_lead_time_demand,
                    f.safety_stock,
                    f.reorder_point,
                    s.end_of_production_month,
                    add_months(s.end_of_production_month, %2$d) as availability_obligation_until,
                    coalesce(a.as_of_date < add_months(s.end_of_production_month, %2$d), false)
                        as availability_obligation,
                    a.as_of_date
                from parts_forecast_rows f
                join series s on s.part_number = f.part_number and s.store_id = f.store_id
                left join parts_forecast_abc b
                    on b.part_number = f.part_number and b.store_id = f.store_id
                cross join as_of a
            )
            select * from final order by part_number, store_id, horizon
            """
                .formatted(options.endOfProductionGapMonths(), 12 * AVAILABILITY_YEARS)));
  }

  /** ABC class per part × store by consumption value of the last 12 months, across all stores. */
  private Dataset<Row> abcClasses(Dataset<Row> series) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Row r :
        series.select("part_number", "store_id", "consumption_value_12m").collectAsList()) {
      values.put(r.getString(0) + '\u0000' + r.getString(1), r.getDouble(2));
    }
    List<Row> classes = new ArrayList<>();
    AbcClass.classify(values)
        .forEach(
            (id, abc) -> {
              String[] key = id.split("\u0000", 2);
              classes.add(RowFactory.create(key[0], key[1], abc.name()));
            });
    return spark.createDataFrame(
        classes,
        new StructType()
            .add("part_number", DataTypes.StringType)
            .add("store_id", DataTypes.StringType)
            .add("abc_class", DataTypes.StringType));
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
