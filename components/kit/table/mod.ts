// The kit's data table: the component, its column chooser, its rows' keys and the pure sort and
// selection rules.

export { type Column, DataTable, type DataTableProps, sortedRows } from "./DataTable.tsx";
export type { TableSelection, VirtualOptions } from "./DataTable.tsx";
export { ColumnChooser } from "./ColumnChooser.tsx";
export { keyedRows, type RowKeys, rowsById } from "./row_keys.ts";
export {
  ariaSort,
  nextSort,
  sortFromQuery,
  sortRows,
  type SortState,
  sortToQuery,
  type SortValue,
} from "./sort.ts";
export { keepShown, nameList, selectAllShown, selectedShown, toggleKey } from "./selection.ts";
