package io.servicelake.jobs;

import io.servicelake.transforms.config.LakeSettings;
import io.servicelake.transforms.life.LifeData;
import io.servicelake.transforms.life.LifeFamily;
import io.servicelake.transforms.life.LifeModelComparison;
import io.servicelake.transforms.life.LognormalFit;
import io.servicelake.transforms.life.WeibullFit;
import io.servicelake.transforms.models.SqlModel;
import io.servicelake.transforms.models.SqlModels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds {@code marts.fct_component_life}: censored Weibull (and lognormal) life per model ×
 * component and per ship-month cohort, with the returns expected from the running installed base
 * (doc: {@code servicelake/jobs/marts/fct_component_life.json}).
 *
 * <p>The life data come from {@code int_unit_components} and {@code int_failures} (plus the fix
 * completion of {@code stg_events__workorder_completed}, where a replaced part starts a new life);
 * each group is fitted by the pure fitters of {@code transforms.life} inside {@code flatMapGroups},
 * so groups are spread over the executors. Needs the staging and intermediate models built.
 */
public final class ComponentLifeJob {

  /** Doc and name of the output table. */
  public static final SqlModel TABLE = SqlModels.jobTable("marts", "fct_component_life");

  /** Cohort value of the row that pools every ship month. */
  public static final String ALL = "all";

  /** A ship-month cohort gets its own row from this many failures on. */
  public static final int MIN_COHORT_FAILURES = 10;

  /** Horizon of {@code predicted_returns_12m}: 12 months in days. */
  public static final double HORIZON_DAYS = 365.25;

  private static final double SECONDS_PER_DAY = 86_400;

  private static final StructType OUTPUT =
      new StructType()
          .add("model", DataTypes.StringType, false)
          .add("component", DataTypes.StringType, false)
          .add("cohort", DataTypes.StringType, false)
          .add("failures", DataTypes.LongType, false)
          .add("suspensions", DataTypes.LongType, false)
          .add("fit_status", DataTypes.StringType, false)
          .add("beta", DataTypes.DoubleType)
          .add("beta_lower", DataTypes.DoubleType)
          .add("beta_upper", DataTypes.DoubleType)
          .add("eta_days", DataTypes.DoubleType)
          .add("eta_lower", DataTypes.DoubleType)
          .add("eta_upper", DataTypes.DoubleType)
          .add("loglik", DataTypes.DoubleType)
          .add("mttf_days", DataTypes.DoubleType)
          .add("b10_days", DataTypes.DoubleType)
          .add("b10_lower", DataTypes.DoubleType)
          .add("b10_upper", DataTypes.DoubleType)
          .add("lognormal_mu", DataTypes.DoubleType)
          .add("lognormal_sigma", DataTypes.DoubleType)
          .add("lognormal_loglik", DataTypes.DoubleType)
          .add("weibull_aic", DataTypes.DoubleType)
          .add("lognormal_aic", DataTypes.DoubleType)
          .add("preferred_family", DataTypes.StringType)
          .add("aic_difference", DataTypes.DoubleType)
          .add("predicted_returns_12m", DataTypes.DoubleType);

  private final SparkSession spark;
  private final MartBuilder builder;

  public ComponentLifeJob(SparkSession spark, LakeSettings lake) {
    this.spark = spark;
    List<SqlModel> models = new ArrayList<>(SqlModels.load());
    models.add(TABLE);
    this.builder = new MartBuilder(spark, lake, models);
  }

  /** Fits every group and replaces the table; returns what was written. */
  public MartBuilder.ModelResult run() {
    return builder.publish(TABLE, fits());
  }

  /** The builder that knows the output table (for {@link ModelTester}). */
  MartBuilder builder() {
    return builder;
  }

  /**
   * One row per life: {@code model, component, ship_month, age_days, failed, in_base, serial,
   * ended_at}. A part's life starts at the install date (midnight UTC) or at the completion of the
   * repair that replaced it, and ends ({@code ended_at}) at its failure or, still running, is
   * censored at the end of the as-of date, or earlier when the unit was exchanged under the
   * exchange rule: at the ship time of its replacement ({@code int_unit_components.replaced_at}),
   * when it left the installed base. {@code in_base}: a running life of a unit still in the
   * installed base (false for failures and for lives censored by an exchange).
   */
  Dataset<Row> lives() {
    return spark.sql(
        builder.render(
            """
            with units as (
                select serial, model, component, ship_month, install_date, replaced_at
                from {{ ref('int_unit_components') }}
            ),
            censor as (
                select cast(date_add(as_of_date, 1) as timestamp) as censor_at
                from {{ ref('int_as_of') }}
            ),
            fixes as (
                select work_order_id, max(completed_at) as completed_at
                from {{ ref('stg_events__workorder_completed') }}
                group by work_order_id
            ),
            failures as (
                select
                    f.serial,
                    f.component,
                    f.failed_at,
                    coalesce(x.completed_at, f.failed_at) as renewed_at
                from {{ ref('int_failures') }} f
                join units u on u.serial = f.serial and u.component = f.component
                left join fixes x on x.work_order_id = f.work_order_id
                where f.failed_at > cast(u.install_date as timestamp)
            ),
            sequenced as (
                select
                    f.*,
                    lag(renewed_at) over (
                        partition by serial, component order by failed_at, renewed_at) as previous_renewal
                from failures f
            ),
            failed_lives as (
                select
                    u.model,
                    u.component,
                    u.ship_month,
                    cast(unix_seconds(s.failed_at)
                        - unix_seconds(coalesce(s.previous_renewal, cast(u.install_date as timestamp)))
                        as double) / %1$s as age_days,
                    true as failed,
                    false as in_base,
                    s.serial,
                    s.failed_at as ended_at
                from sequenced s
                join units u on u.serial = s.serial and u.component = s.component
            ),
            last_renewal as (
                select serial, component, max(renewed_at) as renewed_at
                from failures
                group by serial, component
            ),
            -- an exchanged unit leaves the installed base when its replacement ships
            censored as (
                select
                    u.*,
                    least(c.censor_at, coalesce(u.replaced_at, c.censor_at)) as ended_at,
                    u.replaced_at is null or u.replaced_at >= c.censor_at as in_base
                from units u
                cross join censor c
            ),
            running as (
                select
                    u.model,
                    u.component,
                    u.ship_month,
                    cast(unix_seconds(u.ended_at)
                        - unix_seconds(coalesce(r.renewed_at, cast(u.install_date as timestamp)))
                        as double) / %1$s as age_days,
                    false as failed,
                    u.in_base,
                    u.serial,
                    u.ended_at
                from censored u
                left join last_renewal r on r.serial = u.serial and r.component = u.component
            ),
            final as (
                select * from failed_lives
                union all
                select * from running
            )
            select * from final where age_days > 0
            """
                .formatted(SECONDS_PER_DAY)));
  }

  /** The table's rows: every group fitted on the executors. */
  Dataset<Row> fits() {
    Dataset<Row> lives = lives();
    // each life twice: in its model × component ('all') and in its ship-month cohort
    Dataset<Row> keyed =
        lives.flatMap(
            (FlatMapFunction<Row, Row>)
                life -> {
                  String model = life.getString(0);
                  String component = life.getString(1);
                  String shipMonth = life.isNullAt(2) ? null : life.getString(2);
                  double age = life.getDouble(3);
                  boolean failed = life.getBoolean(4);
                  boolean inBase = life.getBoolean(5);
                  List<Row> keys = new ArrayList<>(2);
                  keys.add(RowFactory.create(model, component, ALL, age, failed, inBase));
                  if (shipMonth != null) {
                    keys.add(RowFactory.create(model, component, shipMonth, age, failed, inBase));
                  }
                  return keys.iterator();
                },
            Encoders.row(
                new StructType()
                    .add("model", DataTypes.StringType)
                    .add("component", DataTypes.StringType)
                    .add("cohort", DataTypes.StringType)
                    .add("age_days", DataTypes.DoubleType)
                    .add("failed", DataTypes.BooleanType)
                    .add("in_base", DataTypes.BooleanType)));
    Dataset<Row> fitted =
        keyed
            .groupByKey(
                (MapFunction<Row, String>)
                    r -> r.getString(0) + '\u0000' + r.getString(1) + '\u0000' + r.getString(2),
                Encoders.STRING())
            .flatMapGroups(
                (FlatMapGroupsFunction<String, Row, Row>) ComponentLifeJob::fitGroup,
                Encoders.row(OUTPUT));
    Dataset<Row> asOf = spark.sql(builder.render("select as_of_date from {{ ref('int_as_of') }}"));
    return fitted.crossJoin(asOf).orderBy("model", "component", "cohort");
  }

  /** Fits one group; a cohort with too few failures yields no row. */
  static Iterator<Row> fitGroup(String key, Iterator<Row> lives) {
    String[] parts = key.split("\u0000", 3);
    LifeData.Builder data = LifeData.builder();
    // parts still in the installed base: they make the predicted returns; parts of exchanged
    // units are suspensions of the fit only
    List<Double> running = new ArrayList<>();
    long failures = 0;
    long suspensions = 0;
    while (lives.hasNext()) {
      Row life = lives.next();
      double age = life.getDouble(3);
      if (life.getBoolean(4)) {
        data.failure(age, 1);
        failures++;
      } else {
        data.suspension(age, 1);
        suspensions++;
        if (life.getBoolean(5)) {
          running.add(age);
        }
      }
    }
    boolean pooled = parts[2].equals(ALL);
    if (!pooled && failures < MIN_COHORT_FAILURES) {
      return List.<Row>of().iterator();
    }
    Object[] row = new Object[OUTPUT.size()];
    row[0] = parts[0];
    row[1] = parts[1];
    row[2] = parts[2];
    row[3] = failures;
    row[4] = suspensions;
    if (failures == 0) {
      row[5] = "no_failures";
      return List.of(RowFactory.create(row)).iterator();
    }
    LifeModelComparison comparison;
    try {
      comparison = LifeModelComparison.of(data.build());
    } catch (RuntimeException e) {
      row[5] = "failed";
      return List.of(RowFactory.create(row)).iterator();
    }
    WeibullFit w = comparison.weibull();
    LognormalFit ln = comparison.lognormal();
    row[5] = "ok";
    row[6] = w.beta();
    row[7] = finite(w.betaBounds().lower());
    row[8] = finite(w.betaBounds().upper());
    row[9] = w.eta();
    row[10] = finite(w.etaBounds().lower());
    row[11] = finite(w.etaBounds().upper());
    row[12] = w.logLikelihood();
    row[13] = w.mttf();
    row[14] = w.b10();
    row[15] = finite(w.b10Bounds().lower());
    row[16] = finite(w.b10Bounds().upper());
    row[17] = ln.mu();
    row[18] = ln.sigma();
    row[19] = ln.logLikelihood();
    row[20] = w.aic();
    row[21] = ln.aic();
    row[22] = comparison.preferred() == LifeFamily.WEIBULL ? "weibull" : "lognormal";
    row[23] = comparison.aicDifference();
    row[24] = expectedFailures(w, running, HORIZON_DAYS);
    return List.of(RowFactory.create(row)).iterator();
  }

  /**
   * Expected failures within {@code horizon} of parts running at the given ages: Σ P(T ≤ a + h | T
   * > a) = Σ 1 − exp((a/η)^β − ((a + h)/η)^β).
   */
  static double expectedFailures(WeibullFit fit, List<Double> ages, double horizon) {
    double sum = 0;
    for (double a : ages) {
      double now = Math.pow(a / fit.eta(), fit.beta());
      double later = Math.pow((a + horizon) / fit.eta(), fit.beta());
      sum += -Math.expm1(now - later);
    }
    return sum;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
