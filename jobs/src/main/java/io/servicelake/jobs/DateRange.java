package io.servicelake.jobs;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * Inclusive range of event dates a mart build refreshes ({@code --from}, {@code --to}).
 *
 * @param from first date, inclusive
 * @param to last date, inclusive
 */
public record DateRange(LocalDate from, LocalDate to) {

  public DateRange {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }

  public static DateRange parse(String from, String to) {
    return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
  }
}
