package io.servicelake.transforms.forecast;

import io.servicelake.transforms.format.CsvFile;
import io.servicelake.transforms.format.InputFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads demand series from CSV {@code series_id,period,value}: periods 1..T in order within each
 * series (a series' rows must be consecutive), values finite and non-negative.
 */
public final class SeriesCsv {
  public static final List<String> HEADER = List.of("series_id", "period", "value");

  private SeriesCsv() {}

  /** Series in file order. */
  public static Map<String, double[]> read(Path file) throws InputFormatException {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    String current = null;
    for (CsvFile.Row row : CsvFile.read(file, HEADER)) {
      String id = row.get(0);
      if (id.isEmpty()) {
        throw row.error("series_id is empty", "give every row a series id");
      }
      long period = row.count(1, "period");
      double value = row.number(2, "value");
      if (value < 0) {
        throw row.error("value " + row.get(2) + " is negative", "demand must be >= 0");
      }
      if (!id.equals(current) && values.containsKey(id)) {
        throw row.error(
            "series " + id + " continues after other series", "keep each series' rows together");
      }
      current = id;
      List<Double> list = values.computeIfAbsent(id, k -> new ArrayList<>());
      if (period != list.size() + 1) {
        throw row.error(
            "series "
                + id
                + " has period "
                + period
                + " where "
                + (list.size() + 1)
                + " was expected",
            "number periods 1, 2, 3, ... in order without gaps (write 0 for months without demand)");
      }
      list.add(value);
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }
}
