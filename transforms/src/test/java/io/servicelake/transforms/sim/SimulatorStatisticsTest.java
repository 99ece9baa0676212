package io.servicelake.transforms.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.transforms.sim.SimulatorConfig.ComponentSpec;
import io.servicelake.transforms.sim.SimulatorConfig.ProductModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream recovers what the simulator was told to put in: Weibull lives, SLA breach share, cost
 * shares. Measured from the emitted events (as a mart would), not from internal state. Fixed seeds,
 * so the tests are deterministic; tolerances are the statistical ones a fresh seed would need.
 */
class SimulatorStatisticsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SimulatorConfig CONFIG = SimulatorConfig.defaults(2024L, 20_000, 0);
  private static final List<JsonNode> EVENTS = new ArrayList<>();

  @BeforeAll
  static void simulate() {
    new Simulator(CONFIG)
        .run(
            record -> {
              try {
                EVENTS.add(JSON.readTree(record.value()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Kolmogorov-Smirnov distance of a sample from Uniform(0, 1). */
  static double ksUniform(double[] u) {
    double[] sorted = u.clone();
    Arrays.sort(sorted);
    double d = 0;
    for (int i = 0; i < sorted.length; i++) {
      d =
          Math.max(
              d,
              Math.max(
                  (i + 1.0) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
    }
    return d;
  }

  /** 1 % critical value of the one-sample KS statistic (asymptotic). */
  static double ksCritical(int n) {
    return 1.628 / Math.sqrt(n);
  }

  @Test
  void weibullSamplerFollowsItsLaw() {
    Weibull law = new Weibull(1.6, 2600);
    SplittableRandom random = new SplittableRandom(1);
    double[] u = new double[20_000];
    for (int i = 0; i < u.length; i++) {
      u[i] = law.cdf(law.sample(random));
    }
    assertThat(ksUniform(u)).isLessThan(ksCritical(u.length));
    assertThat(law.cdf(law.quantile(0.1))).isCloseTo(0.1, within(1e-12));
    assertThat(law.quantile(1 - Math.exp(-1)))
        .isCloseTo(2600, within(1e-6)); // eta is the 63.2 % life
  }

  /**
   * First failures are right-censored at the end of observation, so the age at first failure of a
   * unit installed at {@code s} follows the Weibull law truncated at {@code c = end - s}: {@code
   * F(age)/F(c)} is Uniform(0, 1) for every unit, whatever its model, component and cohort. The KS
   * test on these transforms checks the lifetimes the events carry against the configured laws.
   */
  @Test
  void failureAgesFollowTheConfiguredWeibullLaws() {
    Map<String, Long> installedAt = new HashMap<>();
    Map<String, String> modelOf = new HashMap<>();
    Map<String, Long> requestedAt = new HashMap<>();
    Map<String, Long> firstFailure = new TreeMap<>();
    for (JsonNode e : EVENTS) {
      long t = Instant.parse(e.get("occurred_at").asText()).getEpochSecond();
      switch (e.get("event_type").asText()) {
        case "product.installed" -> {
          if (e.get("commissioning_result").asText().equals("pass")) {
            installedAt.put(e.get("serial").asText(), t);
            modelOf.put(e.get("serial").asText(), e.get("model").asText());
          }
        }
        case "service.requested" -> requestedAt.put(e.get("request_id").asText(), t);
        case "workorder.completed" -> {
          if (e.hasNonNull("failed_component") && !e.path("no_fault_found").asBoolean()) {
            String key = e.get("serial").asText() + "|" + e.get("failed_component").asText();
            firstFailure.merge(key, requestedAt.get(e.get("request_id").asText()), Math::min);
          }
        }
        default -> {}
      }
    }
    long end = CONFIG.end().getEpochSecond();
    Map<String, List<Double>> byLaw = new TreeMap<>();
    for (Map.Entry<String, Long> failure : firstFailure.entrySet()) {
      String[] key = failure.getKey().split("\\|");
      long install = installedAt.get(key[0]);
      Weibull law = component(modelOf.get(key[0]), key[1]).life();
      double age = (failure.getValue() - install) / 86_400.0;
      double censor = (end - install) / 86_400.0;
      byLaw
          .computeIfAbsent(modelOf.get(key[0]) + "/" + key[1], k -> new ArrayList<>())
          .add(law.cdf(age) / law.cdf(censor));
    }
    double[] all =
        byLaw.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    assertThat(all.length).isGreaterThan(5_000);
    assertThat(ksUniform(all)).isLessThan(ksCritical(all.length));
    // and per law with enough failures, so one wrong law cannot hide in the pool
    byLaw.forEach(
        (law, u) -> {
          if (u.size() >= 300) {
            double[] sample = u.stream().mapToDouble(Double::doubleValue).toArray();
            assertThat(ksUniform(sample)).as(law).isLessThan(ksCritical(sample.length));
          }
        });
  }

  @Test
  void failureCountsMatchTheGroundTruth() {
    Map<String, Long> fromEvents = new TreeMap<>();
    for (JsonNode e : EVENTS) {
      if (e.get("event_type").asText().equals("product.installed")
          && e.get("commissioning_result").asText().equals("pass")) {
        fromEvents.merge(e.get("model").asText(), 1L, Long::sum);
      }
    }
    GroundTruth truth = new Simulator(CONFIG).run(r -> {});
    fromEvents.forEach((model, n) -> assertThat(truth.unitsInstalled(model)).isEqualTo(n));
    // expected first failures of AC-200 compressors: sum over units of F(c); checked to 5 sigma
    ComponentSpec compressor = component("AC-200", "compressor");
    double expected = 0;
    long end = CONFIG.end().getEpochSecond();
    for (JsonNode e : EVENTS) {
      if (e.get("event_type").asText().equals("product.installed")
          && e.get("commissioning_result").asText().equals("pass")
          && e.get("model").asText().equals("AC-200")) {
        long install = Instant.parse(e.get("occurred_at").asText()).getEpochSecond();
        expected += compressor.life().cdf((end - install) / 86_400.0);
      }
    }
    assertThat((double) truth.firstFailures("AC-200", "compressor"))
        .isCloseTo(expected, within(5 * Math.sqrt(expected)));
  }

  @Test
  void slaBreachShareIsTheConfiguredOne() {
    assertBreachShare(EVENTS, CONFIG.sla().breachShare());
    SimulatorConfig strict =
        CONFIG.withUnits(5_000).withSla(new SimulatorConfig.Sla(24, 48, 8, 24, 0.7, 0.25));
    List<JsonNode> events = new ArrayList<>();
    new Simulator(strict)
        .run(
            r -> {
              try {
                events.add(JSON.readTree(r.value()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertBreachShare(events, 0.25);
  }

  private static void assertBreachShare(List<JsonNode> events, double configured) {
    long visits = 0;
    long breaches = 0;
    for (JsonNode e : events) {
      if (e.get("event_type").asText().equals("workorder.arrived")) {
        visits++;
        if (Instant.parse(e.get("occurred_at").asText())
            .isAfter(Instant.parse(e.get("promised_arrival_at").asText()))) {
          breaches++;
        }
      }
    }
    assertThat(visits).isGreaterThan(2_000);
    double tolerance = 4 * Math.sqrt(configured * (1 - configured) / visits);
    assertThat((double) breaches / visits).isCloseTo(configured, within(tolerance));
  }

  @Test
  void costSharesFallInTheDomainRangesAndOverheadsHitTheirTargets() {
    Map<String, Double> byCategory = new TreeMap<>();
    for (JsonNode e : EVENTS) {
      if (e.get("event_type").asText().equals("cost.posted")) {
        byCategory.merge(e.get("category").asText(), e.get("amount").asDouble(), Double::sum);
      }
    }
    double total = byCategory.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> share = new TreeMap<>();
    byCategory.forEach((k, v) -> share.put(k, v / total));
    assertThat(share.get("labour")).isBetween(0.30, 0.50);
    assertThat(share.get("material")).isBetween(0.20, 0.40);
    assertThat(share.get("transport")).isBetween(0.10, 0.20);
    assertThat(share.get("facilities")).isBetween(0.05, 0.15);
    assertThat(share.get("management") + share.get("marketing")).isBetween(0.05, 0.10);
    SimulatorConfig.Costs costs = CONFIG.costs();
    // overheads are exact shares per station-month; only the cent rounding of postings remains
    assertThat(share.get("facilities")).isCloseTo(costs.facilitiesShare(), within(1e-4));
    assertThat(share.get("management")).isCloseTo(costs.managementShare(), within(1e-4));
    assertThat(share.get("marketing")).isCloseTo(costs.marketingShare(), within(1e-4));
  }

  @Test
  void complaintsAreRoutedByCause() {
    Map<String, String> routes =
        Map.of(
            "quality", "rnd_production",
            "packaging", "warehouse_transport",
            "staff_conduct", "service_management",
            "dealer", "dealer_coordination",
            "major", "special_case");
    Map<String, Long> causes = new TreeMap<>();
    for (JsonNode e : EVENTS) {
      if (e.get("event_type").asText().equals("complaint.filed")) {
        String cause = e.get("cause_category").asText();
        assertThat(e.get("routed_department").asText()).isEqualTo(routes.get(cause));
        causes.merge(cause, 1L, Long::sum);
      }
    }
    assertThat(causes.keySet()).containsExactlyInAnyOrderElementsOf(routes.keySet());
  }

  @Test
  void technicianFirstTimeFixIsRecoverable() {
    // FTF per technician from work orders of repair jobs (excluding no-fault-found)
    Map<String, long[]> perTech = new HashMap<>();
    for (JsonNode e : EVENTS) {
      if (e.get("event_type").asText().equals("workorder.completed")
          && e.hasNonNull("failed_component")
          && !e.get("no_fault_found").asBoolean()) {
        long[] c = perTech.computeIfAbsent(e.get("technician_id").asText(), k -> new long[2]);
        c[0]++;
        c[1] += e.get("fixed").asBoolean() ? 1 : 0;
      }
    }
    Network network = Network.build(CONFIG, new SplittableRandom(CONFIG.seed()).split());
    int checked = 0;
    for (List<Network.Technician> crew : network.technicians()) {
      for (Network.Technician t : crew) {
        long[] c = perTech.get(t.id());
        // visit 3 is always fixed, so the observed rate is slightly above the skill; 5 sigma bound
        double p = t.firstTimeFix();
        double observed = (double) c[1] / c[0];
        assertThat(observed)
            .as(t.id())
            .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / c[0]) + 0.01));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(60);
  }

  private static ComponentSpec component(String model, String name) {
    for (ProductModel m : CONFIG.models()) {
      if (m.name().equals(model)) {
        return m.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
      }
    }
    throw new IllegalArgumentException(model);
  }
}
