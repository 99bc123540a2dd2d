// Body of `/vms`: the live VM table island, pre-filtered by the no-JS form's query string.

import type { VmState, VmSummary } from "../shared/vms.ts";
import VmList from "../islands/VmList.tsx";
import { ImportXmlSection } from "./ImportXmlSection.tsx";
import { Island } from "./Island.tsx";
import { STATE_LABELS } from "./StateBadge.tsx";

export function parseStateFilter(value: string | undefined): VmState | "" {
  return value && Object.hasOwn(STATE_LABELS, value) ? value as VmState : "";
}

export function VmListPage(
  { vms, query, state, error }: {
    vms: VmSummary[];
    query: string;
    state: VmState | "";
    error: string | null;
  },
) {
  return (
    <>
      <div class="page-header">
        <h1>Virtual machines</h1>
        <a class="button button-primary needs-admin" href="/vms/new">New VM</a>
      </div>
      {error && <p class="notice notice-error">{error}</p>}
      <section class="card">
        <Island name="VmList" component={VmList} props={{ vms, query, state }} />
      </section>
      <ImportXmlSection />
    </>
  );
}
