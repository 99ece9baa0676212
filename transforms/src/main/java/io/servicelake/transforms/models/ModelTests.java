package io.servicelake.transforms.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data tests a model declares in its doc ({@code "tests"}), dbt style. Engine-free: the jobs module
 * runs them as SQL.
 *
 * @param unique column lists whose values must be unique (a key: {@code "a,b"} for a compound key)
 * @param notNull columns that must never be null
 * @param acceptedValues column → the only values allowed (nulls are left to {@code notNull})
 * @param relationships column → {@code model.column} every non-null value must exist in
 * @param reconciliations totals that must agree with their source
 * @param expectEmpty queries (with {@code ref} placeholders) returning the rows that violate a rule
 */
public record ModelTests(
    List<String> unique,
    List<String> notNull,
    Map<String, List<String>> acceptedValues,
    Map<String, String> relationships,
    List<Reconciliation> reconciliations,
    List<String> expectEmpty) {

  public static final ModelTests NONE =
      new ModelTests(List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of());

  /**
   * Two single-value queries whose results must agree.
   *
   * @param name what is reconciled, e.g. "cost equals postings"
   * @param actual query over the model
   * @param expected query over its source
   * @param tolerance absolute tolerance (0 for counts and decimal sums)
   */
  public record Reconciliation(String name, String actual, String expected, double tolerance) {}

  public ModelTests {
    unique = List.copyOf(unique);
    notNull = List.copyOf(notNull);
    acceptedValues = new LinkedHashMap<>(acceptedValues);
    relationships = new LinkedHashMap<>(relationships);
    reconciliations = List.copyOf(reconciliations);
    expectEmpty = List.copyOf(expectEmpty);
  }

  /** Models the tests read besides the model itself. */
  public List<String> refs() {
    StringBuilder text = new StringBuilder();
    reconciliations.forEach(r -> text.append(r.actual()).append(' ').append(r.expected()));
    expectEmpty.forEach(q -> text.append(q).append(' '));
    relationships
        .values()
        .forEach(r -> text.append("{{ ref('").append(r.split("\\.")[0]).append("') }}"));
    return SqlModel.refsIn(text.toString());
  }

  public int count() {
    return unique.size()
        + notNull.size()
        + acceptedValues.size()
        + relationships.size()
        + reconciliations.size()
        + expectEmpty.size();
  }
}
