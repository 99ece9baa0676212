package io.servicelake.transforms.forecast;

import java.util.List;

/** The candidate methods, trivial baselines first so that ties favour the simplest. */
public final class ForecastMethods {
  public static final ForecastMethod ZERO = new ZeroForecast();
  public static final ForecastMethod NAIVE = new NaiveForecast();
  public static final ForecastMethod SEASONAL_NAIVE = new SeasonalNaiveForecast();
  public static final ForecastMethod SES = new SimpleExponentialSmoothing();
  public static final ForecastMethod ETS = new HoltWinters();
  public static final ForecastMethod CROSTON = new Croston(false);
  public static final ForecastMethod SBA = new Croston(true);
  public static final ForecastMethod TSB = new Tsb();
  public static final ForecastMethod ADIDA = new Adida();

  private static final List<ForecastMethod> ALL =
      List.of(ZERO, NAIVE, SEASONAL_NAIVE, SES, ETS, CROSTON, SBA, TSB, ADIDA);
  private static final List<ForecastMethod> SELECTABLE = ALL.subList(1, ALL.size());

  private ForecastMethods() {}

  /** Every candidate, in tie-breaking order. */
  public static List<ForecastMethod> all() {
    return ALL;
  }

  /**
   * The methods a series may choose: every method but {@link #ZERO}. The zero forecast stays a
   * baseline only: the P50 of a sparse series' predictive distribution is already 0, so choosing it
   * could not improve the point forecast, and its point-mass distribution would put P90 and the
   * reorder point at 0 for a part that still sells.
   */
  public static List<ForecastMethod> selectable() {
    return SELECTABLE;
  }

  /** The trivial baselines a real method has to beat. */
  public static List<ForecastMethod> baselines() {
    return List.of(ZERO, NAIVE, SEASONAL_NAIVE);
  }
}
