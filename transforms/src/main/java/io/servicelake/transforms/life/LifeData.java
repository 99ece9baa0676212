package io.servicelake.transforms.life;

import java.util.ArrayList;
import java.util.List;

/**
 * Life data with censoring: exact failure times, right-censored suspensions and interval-censored
 * failures, each carrying a count so grouped warranty data stays small.
 *
 * <p>All times are in the data's own unit (hours, months, km); exact failures contribute their log
 * density in that unit, so log-likelihoods are comparable with published values.
 *
 * @param exact failures observed at an exact time
 * @param suspensions units still running (right-censored) at the given time
 * @param intervals failures known only to lie in {@code (lower, upper]}
 */
public record LifeData(
    List<Observation> exact, List<Observation> suspensions, List<IntervalObservation> intervals) {

  /** {@code count} units observed at {@code time} (time &gt; 0, count &ge; 1). */
  public record Observation(double time, long count) {
    public Observation {
      if (!(time > 0) || Double.isInfinite(time)) {
        throw new IllegalArgumentException("time must be positive and finite, got " + time);
      }
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
    }
  }

  /** {@code count} failures in {@code (lower, upper]}, 0 &le; lower &lt; upper &lt; inf. */
  public record IntervalObservation(double lower, double upper, long count) {
    public IntervalObservation {
      if (!(lower >= 0) || !(upper > lower) || Double.isInfinite(upper)) {
        throw new IllegalArgumentException(
            "interval must satisfy 0 <= lower < upper < inf, got (" + lower + ", " + upper + "]");
      }
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, got " + count);
      }
    }
  }

  public LifeData {
    exact = List.copyOf(exact);
    suspensions = List.copyOf(suspensions);
    intervals = List.copyOf(intervals);
  }

  /** Exact failures and right-censored suspensions, one unit per array element. */
  public static LifeData rightCensored(double[] failures, double[] suspensionTimes) {
    Builder b = builder();
    for (double t : failures) {
      b.failure(t, 1);
    }
    for (double t : suspensionTimes) {
      b.suspension(t, 1);
    }
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of failures, exact plus interval-censored. */
  public long failureCount() {
    return sum(exact) + intervals.stream().mapToLong(IntervalObservation::count).sum();
  }

  /** Number of suspended (right-censored) units. */
  public long suspensionCount() {
    return sum(suspensions);
  }

  private static long sum(List<Observation> observations) {
    return observations.stream().mapToLong(Observation::count).sum();
  }

  /** Accumulates observations; zero counts are skipped so grouped tables can be fed as they are. */
  public static final class Builder {
    private final List<Observation> exact = new ArrayList<>();
    private final List<Observation> suspensions = new ArrayList<>();
    private final List<IntervalObservation> intervals = new ArrayList<>();

    public Builder failure(double time, long count) {
      if (count != 0) {
        exact.add(new Observation(time, count));
      }
      return this;
    }

    public Builder suspension(double time, long count) {
      if (count != 0) {
        suspensions.add(new Observation(time, count));
      }
      return this;
    }

    public Builder intervalFailure(double lower, double upper, long count) {
      if (count != 0) {
        intervals.add(new IntervalObservation(lower, upper, count));
      }
      return this;
    }

    public LifeData build() {
      return new LifeData(exact, suspensions, intervals);
    }
  }
}
