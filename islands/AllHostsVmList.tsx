// The merged VM table of every host (/vms?host=all): how each host answered, then the shared VM
// table (vms/VmTable.tsx) with a Host column, its actions sent to each VM's own host. Refreshed
// when any host reports a change (the merged stream of every host).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AllHostsVms } from "../shared/hosts.ts";
import type { VmState, VmSummary } from "../shared/vms.ts";
import type { SortState } from "../components/kit/table/sort.ts";
import { errorMessage } from "../components/client/api.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { allHostsVms } from "./hosts/api.ts";
import { t } from "../shared/i18n/t.ts";
import { VmTable } from "./vms/VmTable.tsx";

interface Props {
  initial: AllHostsVms<VmSummary>;
  query?: string;
  state?: VmState | "";
  sort?: SortState | null;
}

const REFRESH_DELAY_MS = 300;
const EVENTS = new Set([
  "vm-state-changed",
  "vm-created",
  "vm-deleted",
  "connection-status-changed",
]);

export default function AllHostsVmList({ initial, query = "", state = "", sort = null }: Props) {
  const view = useSignal(initial);
  const failure = useSignal<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          view.value = await allHostsVms();
          failure.value = null;
        } catch (err) {
          failure.value = errorMessage(err);
        }
      }, REFRESH_DELAY_MS);
    };
    // The page's stream is every host's (?host=all), shared with the resource tree.
    // A host's status re-lists only when it differs from the one shown: the stream opens with
    // every host's, which the page was rendered with.
    const unsubscribe = subscribeEvents(
      (e) => {
        if (e.type === "connection-status-changed") {
          const shown = view.value.hosts.find((h) => h.id === e.host);
          if (shown?.connected === e.status.connected) return;
        }
        if (EVENTS.has(e.type)) refresh();
      },
      refresh,
      { allHosts: true },
    );
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);

  const { vms, hosts } = view.value;
  return (
    <div>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <ul class="host-statuses" aria-label={t("Hosts")}>
        {hosts.map((h) => (
          <li key={h.id} data-host={h.id} class={h.connected ? "host-up" : "host-down"}>
            <a href={`/vms?host=${encodeURIComponent(h.id)}`}>{h.name}</a> {h.connected
              ? t("{{count}} VMs", { count: h.vmCount ?? 0 })
              : t("disconnected: {{reason}}", { reason: h.error ?? t("unknown") })}
          </li>
        ))}
      </ul>
      <VmTable
        vms={vms}
        query={query}
        state={state}
        sort={sort}
        allHosts
        label={t("Virtual machines on all hosts")}
        action="/vms"
      />
    </div>
  );
}
