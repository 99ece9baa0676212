package io.servicelake.transforms.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model: a {@code select} written against logical names — {@code {{ source('ns','table')
 * }}} and {{@code {{ ref('model') }}} — plus its documentation.
 *
 * @param layer {@code staging}, {@code intermediate} or {@code marts}: also the namespace the model
 *     is written to
 * @param name table name
 * @param sql the select, with placeholders
 * @param description grain and purpose (the table comment)
 * @param columns column name → documentation, including the formula where one applies
 * @param partitioning the partition column, when the table is rebuilt partition by partition; empty
 *     for small tables rebuilt whole (dimensions, snapshots)
 * @param tests data tests declared in the model's doc
 * @param piiColumns the columns that carry personal data ({@code "pii"} in the doc), in column
 *     order: published as a {@value #PII_COMMENT_PREFIX} comment prefix and as the table property
 *     {@value #PII_PROPERTY}, and the exact list a masking policy must cover
 */
public record SqlModel(
    String layer,
    String name,
    String sql,
    String description,
    Map<String, String> columns,
    Optional<Partitioning> partitioning,
    ModelTests tests,
    List<String> piiColumns) {

  /** Column comments of PII columns start with this, so Trino's DESCRIBE shows it. */
  public static final String PII_COMMENT_PREFIX = "PII: ";

  /** Iceberg table property listing the PII columns, comma-separated (absent when none). */
  public static final String PII_PROPERTY = "servicelake.pii-columns";

  private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\('([^']+)'\\)\\s*}}");
  private static final Pattern SOURCE =
      Pattern.compile("\\{\\{\\s*source\\('([^']+)',\\s*'([^']+)'\\)\\s*}}");

  /**
   * How a model's table is partitioned.
   *
   * @param column a {@code date} column of the model
   * @param grain {@code day} (one partition per date) or {@code month} (one partition per month of
   *     the date; a rebuild of any day refreshes its whole month)
   * @param lookbackDays how far before {@code --from} a rebuild also refreshes, because events of
   *     the range still change older rows (e.g. a sign-off completes a request of last month)
   */
  public record Partitioning(String column, String grain, int lookbackDays) {
    public Partitioning {
      if (!grain.equals("day") && !grain.equals("month")) {
        throw new IllegalArgumentException("partition grain must be day or month, got " + grain);
      }
      if (lookbackDays < 0) {
        throw new IllegalArgumentException("lookback_days must be >= 0, got " + lookbackDays);
      }
    }

    public Partitioning(String column, String grain) {
      this(column, grain, 0);
    }
  }

  public SqlModel {
    columns = new LinkedHashMap<>(columns);
    Map<String, String> documented = columns;
    List<String> flagged = List.copyOf(piiColumns);
    // a flag on a column the model does not have would leave the real column unmasked
    for (String column : flagged) {
      if (!documented.containsKey(column)) {
        throw new IllegalArgumentException(
            "Model "
                + name
                + " flags \""
                + column
                + "\" as PII but has no such column; its columns are "
                + documented.keySet()
                + " (fix \"pii\" in "
                + name
                + ".json)");
      }
    }
    piiColumns = documented.keySet().stream().filter(flagged::contains).toList();
  }

  /** A model without PII columns. */
  public SqlModel(
      String layer,
      String name,
      String sql,
      String description,
      Map<String, String> columns,
      Optional<Partitioning> partitioning,
      ModelTests tests) {
    this(layer, name, sql, description, columns, partitioning, tests, List.of());
  }

  /** A model without partitioning, tests or PII columns. */
  public SqlModel(
      String layer, String name, String sql, String description, Map<String, String> columns) {
    this(layer, name, sql, description, columns, Optional.empty(), ModelTests.NONE);
  }

  /** Whether {@code column} carries personal data. */
  public boolean isPii(String column) {
    return piiColumns.contains(column);
  }

  /**
   * The published comment of a column: its doc, prefixed with {@value #PII_COMMENT_PREFIX} when it
   * carries personal data; null for an undocumented column.
   */
  public String columnComment(String column) {
    String doc = columns.get(column);
    return doc == null || !isPii(column) ? doc : PII_COMMENT_PREFIX + doc;
  }

  /** Names of the models this one reads, including those its tests read. */
  public List<String> refs() {
    return refsIn(sql);
  }

  static List<String> refsIn(String text) {
    return REF.matcher(text).results().map(m -> m.group(1)).toList();
  }

  /**
   * The SQL with placeholders replaced by physical table names.
   *
   * @param refResolver model name → physical name
   * @param sourceResolver (namespace, table) → physical name
   */
  public String render(
      Function<String, String> refResolver, BiFunction<String, String, String> sourceResolver) {
    return render(sql, refResolver, sourceResolver);
  }

  /** Renders any text written with the same placeholders (e.g. a test query). */
  public static String render(
      String text,
      Function<String, String> refResolver,
      BiFunction<String, String, String> sourceResolver) {
    String withRefs = replace(REF, text, m -> refResolver.apply(m.group(1)));
    return replace(SOURCE, withRefs, m -> sourceResolver.apply(m.group(1), m.group(2)));
  }

  private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
    return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply((Matcher) m)));
  }
}
