package io.servicelake.transforms.forecast;

import java.util.List;

/**
 * Every candidate's forecast for one series and the one chosen by rolling-origin backtest.
 *
 * @param candidates forecasts in candidate order
 * @param chosenIndex index of the chosen forecast in {@code candidates}
 * @param profile SBC classification of the history
 */
public record ForecastSelection(
    List<SeriesForecast> candidates, int chosenIndex, DemandProfile profile) {

  public ForecastSelection {
    candidates = List.copyOf(candidates);
  }

  public SeriesForecast chosen() {
    return candidates.get(chosenIndex);
  }

  /** The candidate forecast of the named method. */
  public SeriesForecast of(String method) {
    return candidates.stream()
        .filter(c -> c.method().equals(method))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no candidate " + method));
  }
}
