package io.servicelake.schemas;

/**
 * One column of a table defined in {@code schemas/}.
 *
 * @param name column name
 * @param type engine-neutral type: string, int, long, double, boolean, binary, date, timestamptz
 * @param required whether the column is NOT NULL
 * @param doc column comment, published to Trino
 * @param pii whether it holds personal data (from {@code "x-pii": true}); readers mask it
 */
public record ColumnSpec(String name, String type, boolean required, String doc, boolean pii) {

  public ColumnSpec(String name, String type, boolean required, String doc) {
    this(name, type, required, doc, false);
  }
}
