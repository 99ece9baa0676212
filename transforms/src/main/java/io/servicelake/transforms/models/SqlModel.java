package io.servicelake.transforms.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model: a {@code select} written against logical names — {@code {{ source('ns','table')
 * }}} and {{@code {{ ref('model') }}} — plus its documentation.
 *
 * @param layer {@code staging} or {@code marts}: also the namespace the model is written to
 * @param name table name
 * @param sql the select, with placeholders
 * @param description grain and purpose (the table comment)
 * @param columns column name → documentation, including the formula where one applies
 */
public record SqlModel(
    String layer, String name, String sql, String description, Map<String, String> columns) {

  private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\('([^']+)'\\)\\s*}}");
  private static final Pattern SOURCE =
      Pattern.compile("\\{\\{\\s*source\\('([^']+)',\\s*'([^']+)'\\)\\s*}}");

  public SqlModel {
    columns = new LinkedHashMap<>(columns);
  }

  /** Names of the models this one reads. */
  public List<String> refs() {
    return REF.matcher(sql).results().map(m -> m.group(1)).toList();
  }

  /**
   * The SQL with placeholders replaced by physical table names.
   *
   * @param refResolver model name → physical name
   * @param sourceResolver (namespace, table) → physical name
   */
  public String render(
      Function<String, String> refResolver, BiFunction<String, String, String> sourceResolver) {
    String withRefs = replace(REF, sql, m -> refResolver.apply(m.group(1)));
    return replace(SOURCE, withRefs, m -> sourceResolver.apply(m.group(1), m.group(2)));
  }

  private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
    return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(with.apply((Matcher) m)));
  }
}
