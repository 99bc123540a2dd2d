// The network page: header actions, facts, DHCP range, static hosts, leases and (NAT only)
// port forwards; re-read on this network's "network-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { DhcpLease, NetworkInfo, PortForward } from "../shared/networks.ts";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { ApiRequestError, errorMessage } from "./client/api.ts";
import { showError, ToastList } from "./client/toasts.tsx";
import {
  deleteNetwork,
  getNetwork,
  listForwards,
  listLeases,
  type NetworkAction,
  networkAction,
  setNetworkAutostart,
} from "./networks/api.ts";
import { DhcpPanel } from "./networks/DhcpPanel.tsx";
import { ForwardsPanel } from "./networks/ForwardsPanel.tsx";
import { HostsPanel } from "./networks/HostsPanel.tsx";
import { LeasesPanel } from "./networks/LeasesPanel.tsx";
import { NetworkFacts } from "./networks/NetworkFacts.tsx";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { coalesce, subscribeChanges } from "./storage/live.ts";

interface Props {
  name: string;
  /** What the server rendered, or null to load it in the browser. */
  network: NetworkInfo | null;
  error: string | null;
  [key: string]: unknown;
}

type Pending = NetworkAction | "autostart" | "delete";

/** A result, or the API's words when that part could not be read. */
type Part<T> = { value: T | null; error: string | null };

export default function NetworkDetails(props: Props) {
  const { name } = props;
  const network = useSignal<NetworkInfo | null>(props.network);
  const loadError = useSignal<string | null>(props.error);
  const leases = useSignal<Part<DhcpLease[]>>({ value: null, error: null });
  const forwards = useSignal<Part<PortForward[]>>({ value: null, error: null });
  const pending = useSignal<Pending | null>(null);
  const hydrated = useSignal(false);
  const deleteDialog = useRef<HTMLDialogElement>(null);

  const part = async <T,>(read: () => Promise<T>): Promise<Part<T>> => {
    try {
      return { value: await read(), error: null };
    } catch (err) {
      return { value: null, error: errorMessage(err) };
    }
  };

  // Leases and forwards are read in the browser only: they change without the network changing.
  const readParts = async (n: NetworkInfo) => {
    const [l, f] = await Promise.all([
      n.active && n.ipv4 ? part(() => listLeases(name)) : { value: [], error: null },
      n.mode === "nat" ? part(() => listForwards(name)) : { value: [], error: null },
    ]);
    leases.value = l;
    forwards.value = f;
  };

  const reload = coalesce(async () => {
    try {
      const n = await getNetwork(name);
      network.value = n;
      loadError.value = null;
      await readParts(n);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 404) network.value = null;
      loadError.value = errorMessage(err);
    }
  });

  useEffect(() => {
    hydrated.value = true;
    if (props.network === null) reload();
    else readParts(props.network);
    return subscribeChanges("network-changed", (n) => n === name && reload(), reload);
  }, []);

  const run = async (what: Pending, call: () => Promise<unknown>) => {
    pending.value = what;
    try {
      await call();
      if (what === "delete") return location.assign("/networks");
      await reload();
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      pending.value = null;
    }
  };

  const n = network.value;
  const busy = !hydrated.value || pending.value !== null;
  const changed = (fresh: NetworkInfo) => {
    network.value = fresh;
    readParts(fresh);
  };
  const button = (what: NetworkAction, label: string) => (
    <button
      type="button"
      class="button"
      disabled={busy}
      aria-busy={pending.value === what}
      onClick={() => run(what, () => networkAction(name, what))}
    >
      {label}
    </button>
  );

  return (
    <div>
      <div class="vm-header">
        <h1>{name}</h1>
        {n && <ActiveBadge active={n.active} />}
        {n && (
          <div class="actions needs-admin" role="toolbar" aria-label="Network actions">
            {n.active ? button("stop", "Stop") : button("start", "Start")}
            <label class="checkbox toolbar-check">
              <input
                type="checkbox"
                checked={n.autostart}
                disabled={busy || !n.persistent}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  run("autostart", () => setNetworkAutostart(name, on));
                }}
              />
              Autostart
            </label>
            <button
              type="button"
              class="button button-danger"
              disabled={busy}
              aria-busy={pending.value === "delete"}
              onClick={() => deleteDialog.current?.showModal()}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {n && (
        <div class="cards">
          <NetworkFacts network={n} />
          {n.ipv4 && (
            <DhcpPanel network={{ ...n, ipv4: n.ipv4 }} ready={!busy} onChanged={changed} />
          )}
        </div>
      )}
      {n?.ipv4 && <HostsPanel network={{ ...n, ipv4: n.ipv4 }} ready={!busy} onChanged={changed} />}
      {n?.ipv4 && (
        <LeasesPanel
          leases={leases.value.value}
          error={leases.value.error}
          active={n.active}
          ready={!busy}
          onRefresh={() => readParts(n)}
        />
      )}
      {n?.mode === "nat" && (
        <ForwardsPanel
          network={name}
          forwards={forwards.value.value}
          error={forwards.value.error}
          ready={!busy}
          reload={reload}
        />
      )}
      {n && !n.ipv4 && (
        <p class="muted">
          This network has no IPv4 subnet of its own (a host bridge, or libvirt manages addresses
          elsewhere): no DHCP, static hosts or leases here.
        </p>
      )}
      <ConfirmDialog
        dialogRef={deleteDialog}
        title="Delete network"
        confirmLabel="Delete"
        onConfirm={() => run("delete", () => deleteNetwork(name))}
      >
        <p>
          Delete the network{" "}
          <strong>{name}</strong>? It is stopped and removed with its port forwards; VMs attached to
          it lose that connection.
        </p>
      </ConfirmDialog>
      <ToastList />
    </div>
  );
}
