package io.servicelake.launcher.cli;

import java.util.List;

/** Queries quickstart suggests; the end-to-end test runs each of them, so they keep working. */
public final class ExampleQueries {

  public static final List<String> ALL =
      List.of(
          "SHOW TABLES FROM lake.marts",
          "SELECT region, sum(work_orders) AS work_orders, round(sum(total_labour_minutes) /"
              + " sum(work_orders), 1) AS mean_repair_minutes FROM lake.marts.fct_workorders_daily"
              + " GROUP BY region ORDER BY region",
          "SELECT error_code, count(*) AS records FROM lake.raw.quarantine GROUP BY error_code");

  private ExampleQueries() {}
}
