package io.servicelake.transforms.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicelake.schemas.events.EventRecords;
import io.servicelake.schemas.events.ProductInstalled;
import io.servicelake.schemas.events.ProductShipped;
import io.servicelake.schemas.events.ServiceEvent;
import io.servicelake.schemas.events.ServiceRequested;
import io.servicelake.schemas.events.WorkorderSignedOff;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Return/exchange requests and the exchange rule of the seeds (a unit that fails twice within
 * warranty is replaced), measured from the emitted events read back through the generated records,
 * the way {@code int_failures} and {@code fct_unit_replacement} read them: failures are signed-off
 * repairs with a failed component, dated by their request, in warranty when that date is before the
 * latest passed install date plus the component's warranty months.
 */
class UnitReplacementTest {

  private static final List<ServiceEvent> EVENTS = new ArrayList<>();
  private static GroundTruth truth;

  @BeforeAll
  static void simulate() {
    truth =
        new Simulator(SimulatorConfig.defaults(23L, 3_000, 0.02))
            .run(
                record -> {
                  // good events, late ones included (corrupted copies and duplicates are not)
                  if (!record.mustBeRejected()
                      && record.defectKind().orElse(null) != Defect.DUPLICATE) {
                    EVENTS.add(
                        EventRecords.fromJson(new String(record.value(), StandardCharsets.UTF_8)));
                  }
                });
  }

  private static com.fasterxml.jackson.databind.JsonNode truthJson() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(truth.toJson());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void unitsDueForReplacementAreExactlyThoseWithTwoSignedOffInWarrantyFailures() {
    Map<String, ProductInstalled> install = new HashMap<>();
    Map<String, Instant> requestedAt = new HashMap<>();
    for (ServiceEvent event : EVENTS) {
      if (event instanceof ProductInstalled i
          && ProductInstalled.CommissioningResult.PASS.equals(i.commissioningResult())) {
        install.merge(i.serial(), i, (a, b) -> a.occurredAt().isAfter(b.occurredAt()) ? a : b);
      } else if (event instanceof ServiceRequested r) {
        requestedAt.merge(r.requestId(), r.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<String, Integer> inWarranty = new TreeMap<>();
    for (ServiceEvent event : EVENTS) {
      if (event instanceof WorkorderSignedOff s
          && WorkorderSignedOff.JobKind.REPAIR.equals(s.jobKind())
          && !s.noFaultFound()
          && s.failedComponent() != null) {
        ProductInstalled unit = install.get(s.serial());
        assertThat(unit)
            .as("passed install of %s (signed off %s)", s.serial(), s.occurredAt())
            .isNotNull();
        long months =
            unit.components().stream()
                .filter(c -> c.component().equals(s.failedComponent()))
                .findFirst()
                .orElseThrow()
                .warrantyMonths();
        LocalDate failed =
            LocalDate.ofInstant(
                requestedAt.getOrDefault(s.requestId(), s.occurredAt()), ZoneOffset.UTC);
        if (failed.isBefore(unit.installDate().plusMonths(months))) {
          inWarranty.merge(s.serial(), 1, Integer::sum);
        }
      }
    }
    long due = inWarranty.values().stream().filter(n -> n >= 2).count();
    System.out.printf(
        "units due for replacement: %d of %d units with an in-warranty failure (%d installed)%n",
        due, inWarranty.size(), install.size());
    assertThat(due).isGreaterThan(10).isEqualTo(truth.unitsDueForReplacement());
    // the exchanged unit stops failing: never more than the two failures that made it due
    assertThat(inWarranty.values()).allMatch(n -> n <= 2);
  }

  @Test
  void everyExchangeIsAReturnExchangeRequestThenAFreeReplacementForTheSameCustomer() {
    Map<String, ServiceRequested> exchanges = new HashMap<>();
    Map<String, String> customerOf = new HashMap<>();
    List<ProductShipped> replacements = new ArrayList<>();
    Map<String, Instant> lastRepairRequest = new HashMap<>();
    for (ServiceEvent event : EVENTS) {
      if (event instanceof ServiceRequested r) {
        if (ServiceRequested.Category.RETURN_EXCHANGE.equals(r.category())) {
          assertThat(exchanges.put(r.requestId(), r)).isNull();
        } else if (ServiceRequested.Category.REPAIR.equals(r.category())) {
          lastRepairRequest.merge(r.serial(), r.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      } else if (event instanceof ProductShipped s) {
        assertThat(s.schemaVersion()).isEqualTo(s.replacesSerial() == null ? 1 : 2);
        assertThat(s.exchangeRequestId() == null).isEqualTo(s.replacesSerial() == null);
        if (s.replacesSerial() != null) {
          replacements.add(s);
        }
      } else if (event instanceof ProductInstalled i) {
        customerOf.put(i.serial(), i.customerId());
      }
    }
    System.out.printf(
        "return/exchange requests: %d, replacement units shipped: %d%n",
        exchanges.size(), replacements.size());
    assertThat(replacements).hasSizeGreaterThan(10);
    assertThat((long) replacements.size()).isEqualTo(truth.replacementUnitsShipped());
    assertThat((long) exchanges.size())
        .isEqualTo(truthJson().at("/replacement/exchange_requests").asLong())
        .isEqualTo(truthJson().at("/service/requests_by_category/return_exchange").asLong())
        .isBetween((long) replacements.size(), truth.unitsDueForReplacement());
    for (ProductShipped unit : replacements) {
      ServiceRequested exchange = exchanges.get(unit.exchangeRequestId());
      assertThat(exchange).as("exchange request of %s", unit.serial()).isNotNull();
      assertThat(exchange.serial()).isEqualTo(unit.replacesSerial());
      assertThat(unit.occurredAt()).isAfter(exchange.occurredAt());
      assertThat(unit.serial()).startsWith("SN-R");
      assertThat(unit.salePrice()).isZero();
      assertThat(unit.model()).isEqualTo(exchange.model());
      if (customerOf.containsKey(unit.serial())) {
        assertThat(customerOf.get(unit.serial())).isEqualTo(customerOf.get(unit.replacesSerial()));
      }
      // the replaced unit left the installed base: no repair request after its exchange
      assertThat(lastRepairRequest.get(unit.replacesSerial())).isBefore(exchange.occurredAt());
    }
  }
}
