package io.servicelake.transforms.life;

import java.util.Arrays;
import java.util.List;

/**
 * Warranty returns of one shipment cohort by month in service.
 *
 * <p>{@code returnsByAge[k - 1]} is the number of units returned at age k months (k = 1 .. current
 * age); the cohort's current age is {@code returnsByAge.length}. Units never returned are still
 * running at the current age.
 *
 * @param cohort label, e.g. the ship month
 * @param shipped units shipped in the cohort
 * @param returnsByAge returns per month in service, index 0 = first month
 */
public record CohortReturns(String cohort, long shipped, long[] returnsByAge) {

  public CohortReturns {
    returnsByAge = returnsByAge.clone();
    if (returnsByAge.length == 0) {
      throw new IllegalArgumentException("cohort " + cohort + " has no month in service");
    }
    long returned = 0;
    for (long r : returnsByAge) {
      if (r < 0) {
        throw new IllegalArgumentException("cohort " + cohort + " has negative returns");
      }
      returned += r;
    }
    if (returned > shipped) {
      throw new IllegalArgumentException(
          "cohort " + cohort + " returned " + returned + " units but shipped only " + shipped);
    }
  }

  @Override
  public long[] returnsByAge() {
    return returnsByAge.clone();
  }

  /** Months in service of the cohort's survivors. */
  public int currentAge() {
    return returnsByAge.length;
  }

  /** Units not returned so far. */
  public long survivors() {
    return shipped - Arrays.stream(returnsByAge).sum();
  }

  /**
   * Interval-censored convention: a return at age k failed somewhere in (k-1, k]; survivors are
   * suspended at the current age.
   */
  public static LifeData intervalCensored(List<CohortReturns> cohorts) {
    LifeData.Builder b = LifeData.builder();
    for (CohortReturns c : cohorts) {
      for (int k = 1; k <= c.currentAge(); k++) {
        b.intervalFailure(k - 1, k, c.returnsByAge[k - 1]);
      }
      b.suspension(c.currentAge(), c.survivors());
    }
    return b.build();
  }

  /**
   * Exact-age convention, common in spreadsheet warranty analysis: a return at age k is treated as
   * an exact failure at k; survivors are suspended at the current age.
   */
  public static LifeData exactAge(List<CohortReturns> cohorts) {
    LifeData.Builder b = LifeData.builder();
    for (CohortReturns c : cohorts) {
      for (int k = 1; k <= c.currentAge(); k++) {
        b.failure(k, c.returnsByAge[k - 1]);
      }
      b.suspension(c.currentAge(), c.survivors());
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CohortReturns c
        && cohort.equals(c.cohort)
        && shipped == c.shipped
        && Arrays.equals(returnsByAge, c.returnsByAge);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * cohort.hashCode() + Long.hashCode(shipped)) + Arrays.hashCode(returnsByAge);
  }

  @Override
  public String toString() {
    return "CohortReturns["
        + cohort
        + ", shipped="
        + shipped
        + ", returns="
        + Arrays.toString(returnsByAge)
        + "]";
  }
}
