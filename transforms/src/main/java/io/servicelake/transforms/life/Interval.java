package io.servicelake.transforms.life;

/** A two-sided confidence interval; both ends NaN when the Fisher matrix was not usable. */
public record Interval(double lower, double upper) {
  static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);
}
