package io.servicelake.transforms.sim;

import io.servicelake.transforms.sim.SimulatorConfig.ComponentSpec;
import io.servicelake.transforms.sim.SimulatorConfig.ProductModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The service organisation drawn once per seed: stations (each with its turnover parts store),
 * technicians with their KNOWN skill, and the KNOWN over-the-counter demand process of every part
 * at every store. All of it is written to the ground truth.
 */
record Network(
    List<Station> stations, List<List<Technician>> technicians, List<CounterSeries> counterSeries) {

  /** A service station and its parts store. */
  record Station(int index, String id, String region, String storeId) {}

  /**
   * A technician's skill.
   *
   * @param medianMinutes median repair time (log-normal)
   * @param sigma log-normal spread of repair time
   * @param firstTimeFix probability that a repair visit fixes the fault
   */
  record Technician(
      String id, String stationId, double medianMinutes, double sigma, double firstTimeFix) {}

  /**
   * Weekly over-the-counter demand of one part at one store: a sale occurs in a week with
   * probability {@code weeklyProbability}; its size is {@code 1 + Poisson(extraMean)} units. A
   * Bernoulli-times-size process, i.e. the intermittent demand Croston's method assumes.
   */
  record CounterSeries(
      String partNumber,
      String model,
      String component,
      String stationId,
      String storeId,
      String region,
      String supplier,
      double unitCost,
      double weeklyProbability,
      double extraMean) {}

  static Network build(SimulatorConfig config, SplittableRandom random) {
    List<Station> stations = new ArrayList<>();
    List<List<Technician>> technicians = new ArrayList<>();
    for (String region : config.regions()) {
      for (int s = 0; s < config.stationsPerRegion(); s++) {
        int index = stations.size();
        String id = String.format(Locale.ROOT, "ST-%02d", index + 1);
        Station station = new Station(index, id, region, "STORE-" + id);
        stations.add(station);
        List<Technician> crew = new ArrayList<>();
        for (int t = 0; t < config.techniciansPerStation(); t++) {
          crew.add(
              new Technician(
                  String.format(Locale.ROOT, "T-%02d-%d", index + 1, t + 1),
                  id,
                  round(random.nextDouble(50, 130)),
                  round(random.nextDouble(0.25, 0.5)),
                  round(random.nextDouble(0.75, 0.97))));
        }
        technicians.add(List.copyOf(crew));
      }
    }
    List<CounterSeries> series = new ArrayList<>();
    for (ProductModel model : config.models()) {
      for (ComponentSpec component : model.components()) {
        for (Station station : stations) {
          series.add(
              new CounterSeries(
                  partNumber(model.name(), component.name()),
                  model.name(),
                  component.name(),
                  station.id(),
                  station.storeId(),
                  station.region(),
                  component.supplier(),
                  component.partCost(),
                  round(random.nextDouble(0.03, 0.5)),
                  round(random.nextDouble(0.1, 3))));
        }
      }
    }
    return new Network(List.copyOf(stations), List.copyOf(technicians), List.copyOf(series));
  }

  /** e.g. {@code P-AC200-COMPRESSOR}. */
  static String partNumber(String model, String component) {
    return "P-" + model.replace("-", "") + "-" + component.toUpperCase(Locale.ROOT);
  }

  /** Parameters are rounded so the ground truth states exactly the values used. */
  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
