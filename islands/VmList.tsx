// The VM table with search, state filter, per-row actions, a selection for batch actions and
// live updates from /api/events.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AppEvent } from "../shared/events.ts";
import type { VmAction, VmState, VmSummary } from "../shared/vms.ts";
import { STATE_LABELS, StateBadge } from "../components/StateBadge.tsx";
import { formatMb, plural } from "../components/format.ts";
import { ACTION_LABELS, canRun, powerMessage } from "./client/actions.ts";
import { errorMessage, listVms, runAction } from "./client/api.ts";
import { subscribeEvents } from "./client/events.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import { coalesce } from "./storage/live.ts";
import { BatchBar } from "./vms/BatchBar.tsx";
import { IpCell } from "./vms/IpCell.tsx";
import { TagList } from "./vms/TagList.tsx";
import { powerClass } from "./vms/power.ts";

interface Props {
  vms: VmSummary[];
  query: string;
  state: VmState | "";
  [key: string]: unknown;
}

const ROW_ACTIONS: VmAction[] = ["start", "stop", "pause", "resume"];

/** The VMs in `state` whose name or one of whose tags contains `query` (any case). */
export function filterVms(vms: VmSummary[], query: string, state: VmState | ""): VmSummary[] {
  const q = query.trim().toLowerCase();
  const matches = (vm: VmSummary) =>
    vm.name.toLowerCase().includes(q) || (vm.tags ?? []).some((t) => t.toLowerCase().includes(q));
  return vms.filter((vm) => (!state || vm.state === state) && (!q || matches(vm)));
}

export default function VmList(props: Props) {
  const vms = useSignal(props.vms);
  const query = useSignal(props.query);
  const state = useSignal<VmState | "">(props.state);
  const pending = useSignal<Record<string, VmAction>>({});
  const hydrated = useSignal(false);
  const selected = useSignal<Set<string>>(new Set());
  /** How the last row Shut down reached its guest. */
  const done = useSignal<string | null>(null);

  useEffect(() => {
    hydrated.value = true;
    let fetchSeq = 0;
    // State events that arrive while a refetch is in flight are replayed on its (older) result.
    let replay: Extract<AppEvent, { type: "vm-state-changed" }>[] | null = null;
    const applyState = (id: string, s: VmState) => {
      vms.value = vms.value.map((vm) => vm.id === id ? { ...vm, state: s } : vm);
    };
    const refresh = async () => {
      const seq = ++fetchSeq;
      replay = [];
      try {
        const list = await listVms();
        if (seq !== fetchSeq) return;
        vms.value = list;
        for (const e of replay) applyState(e.id, e.state);
      } catch (err) {
        if (seq === fetchSeq) showError(errorMessage(err));
      } finally {
        if (seq === fetchSeq) replay = null;
      }
    };
    // A sweep of the guests' addresses (or a profile edit) changes many VMs at once: one re-read.
    const refreshAddresses = coalesce(refresh);
    const unsubscribe = subscribeEvents((e) => {
      if (e.type === "vm-state-changed") {
        replay?.push(e);
        if (vms.value.some((vm) => vm.id === e.id)) applyState(e.id, e.state);
        else refresh();
      } else if (e.type === "vm-created" || e.type === "vm-deleted") {
        refresh();
      } else if (e.type === "guest-changed" || e.type === "policy-changed") {
        // Addresses of many guests, or the tags of many VMs: one re-read.
        refreshAddresses();
      } else if (e.type === "connection-status-changed" && e.status.connected) {
        refresh();
      }
    }, refresh);
    return unsubscribe;
  }, []);

  // Keep the filter in the URL so a reload (or the no-JS form) shows the same rows.
  const syncUrl = () => {
    const params = new URLSearchParams();
    if (query.value) params.set("q", query.value);
    if (state.value) params.set("state", state.value);
    const qs = params.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  };

  const act = async (vm: VmSummary, action: VmAction) => {
    pending.value = { ...pending.value, [vm.id]: action };
    done.value = null;
    try {
      const message = powerMessage(action, await runAction(vm.id, action));
      done.value = message && `${vm.name}: ${message}`;
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      const { [vm.id]: _, ...rest } = pending.value;
      pending.value = rest;
    }
  };

  const shown = filterVms(vms.value, query.value, state.value);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected.value);
    if (on) next.add(id);
    else next.delete(id);
    selected.value = next;
  };
  // Deleted VMs drop out of the selection.
  const chosen = vms.value.filter((vm) => selected.value.has(vm.id));
  const allShown = shown.length > 0 && shown.every((vm) => selected.value.has(vm.id));
  return (
    <div>
      <form
        class="toolbar"
        method="get"
        action="/vms"
        role="search"
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          Search
          <input
            type="search"
            name="q"
            value={query.value}
            placeholder="VM name or tag"
            onInput={(e) => {
              query.value = e.currentTarget.value;
              syncUrl();
            }}
          />
        </label>
        <label>
          State
          <select
            name="state"
            value={state.value}
            onChange={(e) => {
              state.value = e.currentTarget.value as VmState | "";
              syncUrl();
            }}
          >
            <option value="">All</option>
            {Object.entries(STATE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </label>
        {!hydrated.value && <button type="submit" class="button">Filter</button>}
        <span class="muted" aria-live="polite">
          {shown.length === vms.value.length
            ? plural(vms.value.length, "VM")
            : `${shown.length} of ${plural(vms.value.length, "VM")}`}
        </span>
      </form>
      <BatchBar
        selected={chosen.map(({ id, name }) => ({ id, name }))}
        onClear={() => selected.value = new Set()}
      />
      {done.value && <p class="note note-success" role="status">{done.value}</p>}
      <div class="table-scroll">
        <table class="table vm-table">
          <thead>
            <tr>
              <th scope="col" class="select-col needs-operator">
                <input
                  type="checkbox"
                  aria-label="Select all shown VMs"
                  disabled={!hydrated.value}
                  checked={allShown}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    const next = new Set(selected.value);
                    for (const vm of shown) on ? next.add(vm.id) : next.delete(vm.id);
                    selected.value = next;
                  }}
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col" class="num">vCPUs</th>
              <th scope="col" class="num">Memory</th>
              <th scope="col">IP address</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={7} class="muted empty">
                  {vms.value.length === 0 ? "No virtual machines." : "No VMs match the filter."}
                </td>
              </tr>
            )}
            {shown.map((vm) => (
              <tr key={vm.id} data-vm-id={vm.id}>
                <td class="select-col needs-operator">
                  <input
                    type="checkbox"
                    aria-label={`Select ${vm.name}`}
                    disabled={!hydrated.value}
                    checked={selected.value.has(vm.id)}
                    onChange={(e) => toggle(vm.id, e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <a href={`/vms/${encodeURIComponent(vm.id)}`}>{vm.name}</a>
                  <TagList tags={vm.tags} />
                </td>
                <td>
                  <StateBadge state={vm.state} />
                </td>
                <td class="num">{vm.cpuCount}</td>
                <td class="num">{formatMb(vm.memoryMb)}</td>
                <td>
                  <IpCell addresses={vm.ipAddresses} />
                </td>
                <td class="row-actions">
                  {ROW_ACTIONS.filter((a) => canRun(a, vm.state)).map((a) => (
                    <button
                      key={a}
                      type="button"
                      class={`button button-small ${powerClass(hydrated.value, vm.id)}`}
                      disabled={!hydrated.value || vm.id in pending.value}
                      aria-busy={pending.value[vm.id] === a}
                      aria-label={`${ACTION_LABELS[a]} ${vm.name}`}
                      onClick={() => act(vm, a)}
                    >
                      {ACTION_LABELS[a]}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ToastList />
    </div>
  );
}
