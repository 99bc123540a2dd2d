// How a table's rows are told apart: the key Preact keeps each row by, and the data attribute
// the tests (and the browser tests) find a row by. Most tables say both about the same field, so
// they say it once here.

/** A DataTable's `rowKey` and `rowAttrs`. */
export interface RowKeys<T> {
  rowKey: (row: T) => string;
  rowAttrs: (row: T) => Record<string, string>;
}

/**
 * Rows keyed by `key(row)`, each naming itself in `attr` ("data-account") with `shown(row)`: the
 * key itself unless the tests look rows up by something else (a name).
 */
export function keyedRows<T>(
  attr: `data-${string}`,
  key: (row: T) => string,
  shown: (row: T) => string = key,
): RowKeys<T> {
  return { rowKey: key, rowAttrs: (row) => ({ [attr]: shown(row) }) };
}

/** Rows of saved items keyed by their id (a number too, as the audit log's), as `keyedRows`. */
export function rowsById<T extends { id: string | number }>(
  attr: `data-${string}`,
  shown?: (row: T) => string,
): RowKeys<T> {
  return keyedRows(attr, (row) => String(row.id), shown);
}
