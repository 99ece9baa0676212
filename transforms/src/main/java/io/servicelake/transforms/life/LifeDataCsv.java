package io.servicelake.transforms.life;

import io.servicelake.transforms.format.CsvFile;
import io.servicelake.transforms.format.InputFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads life data from the CSV layouts of the {@code weibull fit} command. */
public final class LifeDataCsv {
  /** Header of unit-level data: time &gt; 0, event F (failure) or S (suspension). */
  public static final List<String> UNIT_HEADER = List.of("time", "event");

  /** Header of grouped warranty data: one row per cohort and month in service 1..current age. */
  public static final List<String> GROUPED_HEADER =
      List.of("cohort", "shipped", "age_months", "returns");

  private LifeDataCsv() {}

  /** Unit-level failures and suspensions. */
  public static LifeData readUnits(Path file) throws InputFormatException {
    LifeData.Builder b = LifeData.builder();
    for (CsvFile.Row row : CsvFile.read(file, UNIT_HEADER)) {
      double time = row.number(0, "time");
      if (!(time > 0)) {
        throw row.error("time " + row.get(0) + " is not positive", "write a time > 0");
      }
      switch (row.get(1)) {
        case "F" -> b.failure(time, 1);
        case "S" -> b.suspension(time, 1);
        default ->
            throw row.error(
                "event is '" + row.get(1) + "'", "write F for a failure or S for a suspension");
      }
    }
    LifeData data = b.build();
    if (data.failureCount() == 0) {
      throw new InputFormatException(
          file, 0, "holds no failure (event F)", "a life distribution needs at least one failure");
    }
    return data;
  }

  /** Grouped cohort returns; every cohort must list each age 1..current age exactly once. */
  public static List<CohortReturns> readCohorts(Path file) throws InputFormatException {
    Map<String, CohortRows> byCohort = new LinkedHashMap<>();
    for (CsvFile.Row row : CsvFile.read(file, GROUPED_HEADER)) {
      String cohort = row.get(0);
      long shipped = row.count(1, "shipped");
      long age = row.count(2, "age_months");
      long returns = row.count(3, "returns");
      if (age < 1) {
        throw row.error("age_months is 0", "months in service start at 1");
      }
      CohortRows c = byCohort.computeIfAbsent(cohort, k -> new CohortRows(row.line(), shipped));
      if (c.shipped != shipped) {
        throw row.error(
            "cohort "
                + cohort
                + " has shipped "
                + shipped
                + " here but "
                + c.shipped
                + " on line "
                + c.firstLine,
            "use the same shipped count on every row of a cohort");
      }
      if (c.returnsByAge.put(age, returns) != null) {
        throw row.error(
            "cohort " + cohort + " lists age " + age + " twice", "keep one row per cohort and age");
      }
    }
    List<CohortReturns> cohorts = new ArrayList<>();
    for (Map.Entry<String, CohortRows> e : byCohort.entrySet()) {
      cohorts.add(e.getValue().toCohort(file, e.getKey()));
    }
    return cohorts;
  }

  private static final class CohortRows {
    final int firstLine;
    final long shipped;
    final TreeMap<Long, Long> returnsByAge = new TreeMap<>();

    CohortRows(int firstLine, long shipped) {
      this.firstLine = firstLine;
      this.shipped = shipped;
    }

    CohortReturns toCohort(Path file, String cohort) throws InputFormatException {
      long maxAge = returnsByAge.lastKey();
      if (returnsByAge.size() != maxAge) {
        throw new InputFormatException(
            file,
            firstLine,
            "cohort " + cohort + " has " + returnsByAge.size() + " ages but reaches age " + maxAge,
            "add a row (returns 0 if none) for every month in service from 1 to " + maxAge);
      }
      long[] returns = returnsByAge.values().stream().mapToLong(Long::longValue).toArray();
      try {
        return new CohortReturns(cohort, shipped, returns);
      } catch (IllegalArgumentException inconsistent) {
        throw new InputFormatException(
            file, firstLine, inconsistent.getMessage(), "returns cannot exceed shipped units");
      }
    }
  }
}
