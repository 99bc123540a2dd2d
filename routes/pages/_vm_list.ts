// The VM lists' query string (/vms and /vms?host=all): both render filtered and sorted as it
// says, so a shared link or the no-JS form shows the same rows.

import { STATE_LABELS } from "../../components/kit/Badge.tsx";
import type { SortState } from "../../components/kit/table/sort.ts";
import { SORTABLE_COLUMNS } from "../../islands/vms/columns.tsx";
import type { VmState } from "../../shared/vms.ts";

export function parseStateFilter(value: string | undefined): VmState | "" {
  return value && Object.hasOwn(STATE_LABELS, value) ? value as VmState : "";
}

/** `?sort=&dir=` as the table's sort; null (by name) when it names no sortable column. */
export function parseVmSort(sort: string | undefined, dir: string | undefined): SortState | null {
  if (!sort || !SORTABLE_COLUMNS.includes(sort)) return null;
  return { column: sort, dir: dir === "desc" ? "desc" : "asc" };
}
