// The networks table: start, stop, autostart, delete, the "New network" form, and live
// updates from "network-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { NetworkInfo } from "../shared/networks.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { errorMessage } from "./client/api.ts";
import { isAdmin } from "./client/session.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import {
  deleteNetwork,
  listNetworks,
  type NetworkAction,
  networkAction,
  setNetworkAutostart,
} from "./networks/api.ts";
import { rangesText } from "./networks/NetworkFacts.tsx";
import { NewNetworkForm } from "./networks/NewNetworkForm.tsx";
import { type Outcome, OutcomeNote } from "./settings/Outcome.tsx";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { coalesce, subscribeChanges } from "./storage/live.ts";
import { plural } from "../components/format.ts";

interface Props {
  /** The networks rendered on the server, or null to load them in the browser. */
  networks: NetworkInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

type Pending = NetworkAction | "autostart" | "delete";

const networkHref = (name: string) => `/networks/${encodeURIComponent(name)}`;

export function dhcpText(n: NetworkInfo): string {
  return n.ipv4 ? rangesText(n.ipv4.ranges) || "Off" : "—";
}

export default function NetworkList(props: Props) {
  const networks = useSignal<NetworkInfo[] | null>(props.networks);
  const loadError = useSignal<string | null>(props.error);
  const pending = useSignal<Record<string, Pending>>({});
  const creating = useSignal(false);
  const doomed = useSignal<NetworkInfo | null>(null);
  const note = useSignal<Outcome | null>(null);
  const hydrated = useSignal(false);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const reload = coalesce(async () => {
    try {
      networks.value = await listNetworks();
      loadError.value = null;
    } catch (err) {
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    if (props.networks === null) reload();
    return subscribeChanges("network-changed", () => reload(), reload);
  }, []);

  const run = async (n: NetworkInfo, what: Pending, call: () => Promise<unknown>) => {
    pending.value = { ...pending.value, [n.name]: what };
    try {
      await call();
      if (what === "delete") note.value = { ok: true, message: `Network ${n.name} deleted.` };
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      const { [n.name]: _, ...rest } = pending.value;
      pending.value = rest;
      await reload();
    }
  };

  const list = networks.value ?? [];
  const disabled = (n: NetworkInfo) => !hydrated.value || n.name in pending.value;
  const actionButton = (n: NetworkInfo, action: NetworkAction, label: string) => (
    <button
      type="button"
      class="button button-small"
      disabled={disabled(n)}
      aria-busy={pending.value[n.name] === action}
      aria-label={`${label} ${n.name}`}
      onClick={() => run(n, action, () => networkAction(n.name, action))}
    >
      {label}
    </button>
  );

  return (
    <div>
      <div class="toolbar">
        <button
          type="button"
          class="button button-primary needs-admin"
          disabled={!hydrated.value}
          aria-expanded={creating.value}
          onClick={() => creating.value = !creating.value}
        >
          New network
        </button>
        <span class="muted" aria-live="polite">
          {networks.value === null ? "Loading…" : plural(list.length, "network")}
        </span>
      </div>
      {creating.value && (
        <NewNetworkForm
          onCancel={() => creating.value = false}
          onCreated={(n) => {
            creating.value = false;
            note.value = {
              ok: true,
              message: (
                <>
                  Network <a href={networkHref(n.name)}>{n.name}</a> created.
                </>
              ),
            };
            reload();
          }}
        />
      )}
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      <div class="table-scroll">
        <table class="table network-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Mode</th>
              <th scope="col">State</th>
              <th scope="col">Autostart</th>
              <th scope="col">Bridge</th>
              <th scope="col">Subnet</th>
              <th scope="col">DHCP range</th>
              <th scope="col" class="num">Port forwards</th>
              <th scope="col" class="needs-admin">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.length === 0 && (
              <tr>
                <td colSpan={9} class="muted empty">
                  {networks.value === null
                    ? loadError.value ? "Could not read the networks." : "Loading networks…"
                    : "No networks."}
                </td>
              </tr>
            )}
            {list.map((n) => (
              <tr key={n.name} data-network={n.name}>
                <td>
                  <a href={networkHref(n.name)}>{n.name}</a>
                </td>
                <td>{n.mode}</td>
                <td>
                  <ActiveBadge active={n.active} />
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={n.autostart}
                    disabled={disabled(n) || !isAdmin() || !n.persistent}
                    aria-label={`Autostart ${n.name}`}
                    title={n.persistent ? undefined : "A transient network cannot autostart"}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      run(n, "autostart", () => setNetworkAutostart(n.name, on));
                    }}
                  />
                </td>
                <td>{n.bridge ?? "—"}</td>
                <td>{n.ipv4?.subnet ?? "—"}</td>
                <td>{dhcpText(n)}</td>
                <td class="num">{n.portForwardCount}</td>
                <td class="row-actions needs-admin">
                  {n.active ? actionButton(n, "stop", "Stop") : actionButton(n, "start", "Start")}
                  <button
                    type="button"
                    class="button button-small button-danger"
                    disabled={disabled(n)}
                    aria-busy={pending.value[n.name] === "delete"}
                    aria-label={`Delete ${n.name}`}
                    onClick={() => {
                      doomed.value = n;
                      deleteDialog.current?.showModal();
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OutcomeNote outcome={note.value} />
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete network"
        confirmLabel="Delete"
        onConfirm={() => {
          const n = doomed.value;
          if (n) run(n, "delete", () => deleteNetwork(n.name));
        }}
      >
        <p>
          Delete the network{" "}
          <strong>{doomed.value?.name}</strong>? It is stopped and removed with its port forwards;
          VMs attached to it lose that connection.
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
