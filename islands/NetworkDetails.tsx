// A network's tabs: the header (state, Start / Stop, Autostart, Delete) and tab bar, then the
// tab's part: Overview (facts), DHCP & hosts, Port forwards (NAT only) or Leases; re-read on
// this network's "network-changed" events.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { DhcpLease, NetworkInfo, PortForward } from "../shared/networks.ts";
import { Tabs } from "../components/kit/Tabs.tsx";
import { ApiRequestError, errorMessage } from "../components/client/api.ts";
import { showError } from "../components/client/toasts.tsx";
import {
  deleteNetwork,
  getNetwork,
  listForwards,
  listLeases,
  networkAction,
  setNetworkAutostart,
} from "./networks/api.ts";
import { DeleteNetworkDialog } from "./networks/DeleteNetworkDialog.tsx";
import { DhcpPanel } from "./networks/DhcpPanel.tsx";
import { ForwardsPanel } from "./networks/ForwardsPanel.tsx";
import { HostsPanel } from "./networks/HostsPanel.tsx";
import { LeasesPanel } from "./networks/LeasesPanel.tsx";
import { NetworkFacts } from "./networks/NetworkFacts.tsx";
import { NetworkHeader, type Pending } from "./networks/NetworkHeader.tsx";
import { type NetworkTab, networkTabHref, networkTabs, tabApplies } from "./networks/tabs.ts";
import { coalesce } from "../components/client/coalesce.ts";
import { subscribeChanges } from "./storage/live.ts";
import { t, tKey } from "../shared/i18n/t.ts";

interface Props {
  name: string;
  tab: NetworkTab;
  /** What the server rendered, or null to load it in the browser. */
  network: NetworkInfo | null;
  error: string | null;
  [key: string]: unknown;
}

/** A result, or the API's words when that part could not be read. */
/** `unsupported`: the host's libvirt driver cannot answer this read at all (NOT_SUPPORTED). */
type Part<T> = { value: T | null; error: string | null; unsupported?: boolean };

const NO_SUBNET = tKey(
  "This network has no IPv4 subnet of its own (a host bridge, or libvirt manages addresses elsewhere): no DHCP, static hosts or leases here.",
);

export default function NetworkDetails(props: Props) {
  const { name, tab } = props;
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
      if (err instanceof ApiRequestError && err.code === "NOT_SUPPORTED") {
        return { value: null, error: null, unsupported: true };
      }
      return { value: null, error: errorMessage(err) };
    }
  };

  // Leases and forwards are read in the browser only, and only on their own tab: they change
  // without the network changing.
  const readParts = async (n: NetworkInfo) => {
    if (tab === "leases") {
      leases.value = n.active && n.ipv4
        ? await part(() => listLeases(name))
        : { value: [], error: null };
    }
    if (tab === "forwards") {
      forwards.value = n.mode === "nat"
        ? await part(() => listForwards(name))
        : { value: [], error: null };
    }
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

  return (
    <div>
      <NetworkHeader
        name={name}
        network={n}
        busy={busy}
        pending={pending.value}
        onAction={(what) => run(what, () => networkAction(name, what))}
        onAutostart={(on) => run("autostart", () => setNetworkAutostart(name, on))}
        onDelete={() => deleteDialog.current?.showModal()}
      />
      <Tabs
        label={t("{{name}} sections", { name })}
        tabs={networkTabs(name, n, tab)}
        current={networkTabHref(name, tab)}
      />
      {loadError.value && <p class="notice notice-error" role="alert">{loadError.value}</p>}
      {n && tab === "overview" && (
        <div class="cards">
          <NetworkFacts network={n} />
        </div>
      )}
      {n?.ipv4 && tab === "dhcp" && (
        <div class="cards">
          <DhcpPanel network={{ ...n, ipv4: n.ipv4 }} ready={!busy} onChanged={changed} />
          <HostsPanel network={{ ...n, ipv4: n.ipv4 }} ready={!busy} onChanged={changed} />
        </div>
      )}
      {n?.ipv4 && tab === "leases" && (
        <LeasesPanel
          leases={leases.value.value}
          error={leases.value.error}
          unsupported={!!leases.value.unsupported}
          active={n.active}
          ready={!busy}
          onRefresh={() => readParts(n)}
        />
      )}
      {n?.mode === "nat" && tab === "forwards" && (
        <ForwardsPanel
          network={name}
          forwards={forwards.value.value}
          error={forwards.value.error}
          ready={!busy}
          reload={reload}
        />
      )}
      {n && !tabApplies(tab, n) && (
        <p class="muted">
          {tab === "forwards"
            ? t("Port forwards are for NAT networks; this one is not.")
            : t(NO_SUBNET)}
        </p>
      )}
      <DeleteNetworkDialog
        dialogRef={deleteDialog}
        name={name}
        onConfirm={() => run("delete", () => deleteNetwork(name))}
      />
    </div>
  );
}
