// This host's VM table (/vms), kept live from /api/events: the shared VM table (vms/VmTable.tsx)
// over the host's VMs.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AppEvent } from "../shared/events.ts";
import type { VmState, VmSummary } from "../shared/vms.ts";
import type { SortState } from "../components/kit/table/sort.ts";
import { errorMessage, listVms } from "../components/client/api.ts";
import { withState } from "./vms/pending_row.ts";
import { subscribeEvents } from "../components/client/events.ts";
import { showError } from "../components/client/toasts.tsx";
import { coalesce } from "../components/client/coalesce.ts";
import { VmTable } from "./vms/VmTable.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  vms: VmSummary[];
  query: string;
  state: VmState | "";
  sort?: SortState | null;
  [key: string]: unknown;
}

export default function VmList(props: Props) {
  const vms = useSignal(props.vms);

  useEffect(() => {
    let fetchSeq = 0;
    // State events that arrive while a refetch is in flight are replayed on its (older) result.
    let replay: Extract<AppEvent, { type: "vm-state-changed" }>[] | null = null;
    type StateEvent = Extract<AppEvent, { type: "vm-state-changed" }>;
    // The reason rides along: absent in the event, the VM has none now.
    const applyState = ({ id, state, stateReason }: StateEvent) => {
      vms.value = vms.value.map((vm) =>
        vm.id === id ? { ...withState(vm, state), stateReason } : vm
      );
    };
    const refresh = async () => {
      const seq = ++fetchSeq;
      replay = [];
      try {
        const list = await listVms();
        if (seq !== fetchSeq) return;
        vms.value = list;
        for (const e of replay) applyState(e);
      } catch (err) {
        if (seq === fetchSeq) showError(errorMessage(err));
      } finally {
        if (seq === fetchSeq) replay = null;
      }
    };
    // A sweep of the guests' addresses (or a profile edit) changes many VMs at once: one re-read.
    const refreshMany = coalesce(refresh);
    const unsubscribe = subscribeEvents((e) => {
      if (e.type === "vm-state-changed") {
        replay?.push(e);
        if (vms.value.some((vm) => vm.id === e.id)) applyState(e);
        else refresh();
      } else if (e.type === "vm-created" || e.type === "vm-deleted") {
        refresh();
      } else if (e.type === "guest-changed" || e.type === "policy-changed") {
        refreshMany();
      }
      // No re-list on the stream's first connection status: the page was rendered with this
      // list. A real reconnect (or libvirt back after an outage) calls refresh below.
    }, refresh);
    return unsubscribe;
  }, []);

  return (
    <div>
      <VmTable
        vms={vms.value}
        query={props.query}
        state={props.state}
        sort={props.sort ?? null}
        label={t("Virtual machines")}
        action="/vms"
      />
    </div>
  );
}
