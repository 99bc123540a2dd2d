// Bodies of `/vms` (this host's VM table) and `/vms?host=all` (every host's), both rendered
// filtered and sorted as their query strings say, so a shared link or the no-JS form shows the
// same rows.

import type { VmState, VmSummary } from "../shared/vms.ts";
import type { AllHostsVms } from "../shared/hosts.ts";
import VmList from "../islands/VmList.tsx";
import AllHostsVmList from "../islands/AllHostsVmList.tsx";
import { SORTABLE_COLUMNS } from "../islands/vms/columns.tsx";
import type { SortState } from "./kit/table/sort.ts";
import { ImportXmlSection } from "./ImportXmlSection.tsx";
import { Island } from "./Island.tsx";
import { STATE_LABELS } from "./kit/Badge.tsx";
import { t } from "../shared/i18n/t.ts";

export function parseStateFilter(value: string | undefined): VmState | "" {
  return value && Object.hasOwn(STATE_LABELS, value) ? value as VmState : "";
}

/** `?sort=&dir=` as the table's sort; null (by name) when it names no sortable column. */
export function parseVmSort(sort: string | undefined, dir: string | undefined): SortState | null {
  if (!sort || !SORTABLE_COLUMNS.includes(sort)) return null;
  return { column: sort, dir: dir === "desc" ? "desc" : "asc" };
}

export function VmListPage(
  { vms, query, state, sort, dir, error }: {
    vms: VmSummary[];
    query: string;
    state: VmState | "";
    /** `?sort=` and `?dir=` as given. */
    sort?: string;
    dir?: string;
    error: string | null;
  },
) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Virtual machines")}</h1>
        <a class="button button-primary needs-admin" href="/vms/new">{t("New VM")}</a>
      </div>
      {error && <p class="notice notice-error">{error}</p>}
      <section class="card">
        <Island
          name="VmList"
          component={VmList}
          props={{ vms, query, state, sort: parseVmSort(sort, dir) }}
        />
      </section>
      <ImportXmlSection />
    </>
  );
}

export function AllHostsVmListPage(
  { view, query, state, sort }: {
    view: AllHostsVms<VmSummary>;
    query: string;
    state: VmState | "";
    sort: SortState | null;
  },
) {
  return (
    <>
      <div class="page-header">
        <h1>{t("Virtual machines on all hosts")}</h1>
      </div>
      <section class="card">
        <Island
          name="AllHostsVmList"
          component={AllHostsVmList}
          props={{ initial: view, query, state, sort }}
        />
      </section>
    </>
  );
}
