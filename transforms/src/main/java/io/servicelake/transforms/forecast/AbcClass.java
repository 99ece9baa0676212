package io.servicelake.transforms.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ABC classification by consumption value (annual usage × unit cost, or any additive value).
 *
 * <p>Items are ranked by value, largest first. An item is A while the cumulative share of the items
 * ranked before it is below {@code aShare}, so the item that crosses the A cut-off is still A and
 * the top item is always A; B likewise up to {@code aShare + bShare}; the rest are C. Ties are
 * broken by id so the result is deterministic.
 */
public enum AbcClass {
  A,
  B,
  C;

  /** Default share of total value covered by A items. */
  public static final double DEFAULT_A_SHARE = 0.80;

  /** Default share of total value covered by B items. */
  public static final double DEFAULT_B_SHARE = 0.15;

  private static final double TOLERANCE = 1e-9;

  /** Classifies with A = top 80 %, B = next 15 %, C = the rest. */
  public static Map<String, AbcClass> classify(Map<String, Double> valueById) {
    return classify(valueById, DEFAULT_A_SHARE, DEFAULT_B_SHARE);
  }

  /**
   * Classifies by cumulative value share.
   *
   * @param valueById non-negative consumption value per item
   * @param aShare share of total value for A, in (0, 1]
   * @param bShare share of total value for B, aShare + bShare &le; 1
   * @return class per id, in descending order of value
   */
  public static Map<String, AbcClass> classify(
      Map<String, Double> valueById, double aShare, double bShare) {
    if (!(aShare > 0 && bShare >= 0 && aShare + bShare <= 1)) {
      throw new IllegalArgumentException(
          "need 0 < aShare, 0 <= bShare, aShare + bShare <= 1; got " + aShare + ", " + bShare);
    }
    List<Map.Entry<String, Double>> ranked = new ArrayList<>(valueById.entrySet());
    for (Map.Entry<String, Double> e : ranked) {
      if (!(e.getValue() >= 0)) {
        throw new IllegalArgumentException("negative or missing value for " + e.getKey());
      }
    }
    ranked.sort(
        Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    double total = ranked.stream().mapToDouble(Map.Entry::getValue).sum();
    Map<String, AbcClass> out = new LinkedHashMap<>();
    double before = 0;
    for (Map.Entry<String, Double> e : ranked) {
      double shareBefore = total == 0 ? 1 : before / total;
      // the tolerance keeps 0.8 + 0.15 = 0.9500000000000001 from pulling a 95 % item into B
      out.put(
          e.getKey(),
          shareBefore < aShare - TOLERANCE ? A : shareBefore < aShare + bShare - TOLERANCE ? B : C);
      before += e.getValue();
    }
    return out;
  }
}
