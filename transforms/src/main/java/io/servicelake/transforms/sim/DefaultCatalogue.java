package io.servicelake.transforms.sim;

import io.servicelake.transforms.sim.SimulatorConfig.ComponentSpec;
import io.servicelake.transforms.sim.SimulatorConfig.ProductModel;
import java.util.List;

/**
 * The default product range: two air conditioners, a washing machine and a rail HVAC unit. Warranty
 * follows the seeds' example (18 months electrical, 36 months structural and mechanical); life laws
 * mix infant mortality (beta &lt; 1, control electronics) and wear-out (beta &gt; 1, compressors,
 * bearings) so the Weibull marts have both shapes to recover. Etas are in days.
 */
final class DefaultCatalogue {

  private DefaultCatalogue() {}

  private static ComponentSpec c(
      String name,
      String group,
      int warranty,
      double beta,
      double eta,
      String supplier,
      double cost,
      String... modes) {
    return new ComponentSpec(
        name, group, warranty, new Weibull(beta, eta), supplier, cost, List.of(modes));
  }

  static final List<ProductModel> MODELS =
      List.of(
          new ProductModel(
              "AC-200",
              "air_conditioning",
              3200,
              0.45,
              360,
              List.of(
                  c(
                      "compressor",
                      "mechanical",
                      36,
                      1.6,
                      2600,
                      "SUP-HIGHLY",
                      620,
                      "no_cooling",
                      "noise",
                      "overheating"),
                  c(
                      "control_board",
                      "electrical",
                      18,
                      0.7,
                      16000,
                      "SUP-DELTA",
                      260,
                      "error_code",
                      "no_power"),
                  c(
                      "fan_motor",
                      "electrical",
                      18,
                      1.3,
                      5200,
                      "SUP-WOLONG",
                      180,
                      "noise",
                      "no_airflow"),
                  c(
                      "housing",
                      "structural",
                      36,
                      2.5,
                      9000,
                      "in_house",
                      300,
                      "crack",
                      "water_leak"))),
          new ProductModel(
              "AC-300",
              "air_conditioning",
              4800,
              0.25,
              480,
              List.of(
                  c(
                      "compressor",
                      "mechanical",
                      36,
                      1.9,
                      3200,
                      "SUP-HIGHLY",
                      780,
                      "no_cooling",
                      "noise",
                      "overheating"),
                  c(
                      "control_board",
                      "electrical",
                      18,
                      0.9,
                      11000,
                      "SUP-DELTA",
                      300,
                      "error_code",
                      "no_power"),
                  c(
                      "fan_motor",
                      "electrical",
                      18,
                      1.2,
                      6000,
                      "SUP-WOLONG",
                      210,
                      "noise",
                      "no_airflow"),
                  c(
                      "housing",
                      "structural",
                      36,
                      2.2,
                      12000,
                      "in_house",
                      340,
                      "crack",
                      "water_leak"))),
          new ProductModel(
              "WM-10",
              "household",
              2600,
              0.2,
              260,
              List.of(
                  c(
                      "drum_bearing",
                      "mechanical",
                      36,
                      2.2,
                      2400,
                      "SUP-SKF",
                      150,
                      "noise",
                      "vibration"),
                  c("motor", "electrical", 18, 1.1, 7000, "SUP-WOLONG", 220, "no_spin", "no_power"),
                  c(
                      "control_board",
                      "electrical",
                      18,
                      0.8,
                      12000,
                      "SUP-DELTA",
                      200,
                      "error_code",
                      "no_power"),
                  c("tub", "structural", 36, 3.0, 10000, "in_house", 260, "water_leak", "crack"))),
          new ProductModel(
              "RC-90",
              "rail_industrial",
              68000,
              0.1,
              6800,
              List.of(
                  c(
                      "compressor",
                      "mechanical",
                      36,
                      1.4,
                      3000,
                      "SUP-BITZER",
                      5200,
                      "no_cooling",
                      "overheating"),
                  c(
                      "inverter",
                      "electrical",
                      18,
                      0.9,
                      6000,
                      "SUP-ABB",
                      3400,
                      "fault_code",
                      "no_power"),
                  c(
                      "fan_motor",
                      "electrical",
                      18,
                      1.3,
                      5000,
                      "SUP-ZIEHL",
                      900,
                      "noise",
                      "no_airflow"),
                  c(
                      "frame",
                      "structural",
                      36,
                      3.0,
                      15000,
                      "in_house",
                      2500,
                      "crack",
                      "corrosion"))));
}
