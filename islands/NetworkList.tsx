// The networks table: start, stop, autostart, delete, the "New network" form, and live
// updates from "network-changed" events.

import type { NetworkInfo } from "../shared/networks.ts";
import { autostartColumn } from "../components/kit/AutostartBox.tsx";
import { ConfirmDialog } from "../components/kit/Dialog.tsx";
import type { Column } from "../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../components/kit/row_actions.tsx";
import { ClipText } from "../components/kit/cells.tsx";
import { createdNote, ResourceList, useResourceRows } from "../components/kit/ResourceList.tsx";
import { useConfirm } from "../components/kit/use_confirm.ts";
import { usePending } from "../components/kit/use_pending.ts";
import { isAdmin } from "../components/client/session.ts";
import {
  deleteNetwork,
  listNetworks,
  type NetworkAction,
  networkAction,
  setNetworkAutostart,
} from "./networks/api.ts";
import { rangesText } from "./networks/NetworkFacts.tsx";
import { NewNetworkForm } from "./networks/NewNetworkForm.tsx";
import { ActiveBadge } from "./storage/ActiveBadge.tsx";
import { subscribeChanges } from "./storage/live.ts";
import { Trans } from "../components/kit/Trans.tsx";
import { t } from "../shared/i18n/t.ts";
import { networkModeText } from "./networks/mode_names.ts";

interface Props {
  /** The networks rendered on the server, or null to load them in the browser. */
  networks: NetworkInfo[] | null;
  error: string | null;
  [key: string]: unknown;
}

type Pending = NetworkAction | "autostart" | "delete";

const networkHref = (name: string) => `/networks/${encodeURIComponent(name)}`;

export function dhcpText(n: NetworkInfo): string {
  return n.ipv4 ? rangesText(n.ipv4.ranges) || t("Off") : "—";
}

export default function NetworkList(props: Props) {
  const list = useResourceRows({
    initial: props.networks,
    error: props.error,
    load: listNetworks,
    subscribe: (changed) => subscribeChanges("network-changed", changed, changed),
  });
  const { hydrated, note, reload } = list;
  const doomed = useConfirm<NetworkInfo>();
  const rows = usePending<Pending>();

  const run = (n: NetworkInfo, what: Pending, call: () => Promise<unknown>) =>
    rows.run(n.name, what, call, () => {
      if (what === "delete") {
        note.value = { ok: true, message: t("Network {{name}} deleted.", { name: n.name }) };
      }
    }, reload);

  const disabled = (n: NetworkInfo) => !hydrated || rows.has(n.name);
  const actionButton = (n: NetworkInfo, action: NetworkAction, label: string) => (
    <RowButton
      action={label}
      name={n.name}
      disabled={disabled(n)}
      busy={rows.is(n.name, action)}
      onClick={() => run(n, action, () => networkAction(n.name, action))}
    />
  );
  const columns: Column<NetworkInfo>[] = [
    {
      id: "name",
      header: t("Name"),
      class: "clip-name",
      cell: (n) => <a class="clip" href={networkHref(n.name)} title={n.name}>{n.name}</a>,
    },
    { id: "mode", header: t("Mode"), cell: (n) => networkModeText(n), hideUpTo: 1024 },
    { id: "state", header: t("State"), cell: (n) => <ActiveBadge active={n.active} /> },
    autostartColumn(
      "network",
      (n) => disabled(n) || !isAdmin(),
      (n, on) => run(n, "autostart", () => setNetworkAutostart(n.name, on)),
    ),
    // At 1280 px and below the network's page has the bridge and the port forwards (at 1024 px
    // the mode too).
    { id: "bridge", header: t("Bridge"), cell: (n) => n.bridge ?? "—", hideUpTo: 1280 },
    { id: "subnet", header: t("Subnet"), cell: (n) => n.ipv4?.subnet ?? "—" },
    {
      id: "dhcp",
      header: t("DHCP range"),
      class: "clip-cell network-dhcp",
      cell: (n) => <ClipText text={dhcpText(n)} />,
    },
    {
      id: "forwards",
      header: t("Port forwards"),
      numeric: true,
      hideUpTo: 1280,
      cell: (n) => n.portForwardCount,
    },
    actionsColumn((n) => (
      <>
        {n.active ? actionButton(n, "stop", t("Stop")) : actionButton(n, "start", t("Start"))}
        <RowButton
          action={t("Delete")}
          name={n.name}
          kind="danger"
          disabled={disabled(n)}
          busy={rows.is(n.name, "delete")}
          onClick={() => doomed.ask(n)}
        />
      </>
    ), "needs-admin"),
  ];

  return (
    <ResourceList
      list={list}
      newLabel={t("New network")}
      count={(count) => t("{{count}} networks", { count })}
      newForm={({ cancel, created }) => (
        <NewNetworkForm
          onCancel={cancel}
          onCreated={(n) =>
            created(
              createdNote(
                t("Network {{name}} created.", { name: "{{name}}" }),
                n.name,
                networkHref(n.name),
              ),
            )}
        />
      )}
      label={t("Networks")}
      class="network-table"
      loading={t("Loading networks…")}
      failed={t("Could not read the networks.")}
      empty={t("No networks.")}
      rowKey={(n) => n.name}
      rowAttrs={(n) => ({ "data-network": n.name })}
      columns={columns}
    >
      <ConfirmDialog
        dialogRef={doomed.dialogRef}
        title={t("Delete network")}
        confirmLabel={t("Delete")}
        onConfirm={doomed.then((n) => run(n, "delete", () => deleteNetwork(n.name)))}
      >
        <p>
          <Trans
            text={t(
              "Delete the network {{name}}? It is stopped and removed with its port forwards; VMs attached to it lose that connection.",
              { name: "{{name}}" },
            )}
            parts={{ name: <strong>{doomed.subject.value?.name}</strong> }}
          />
        </p>
      </ConfirmDialog>
    </ResourceList>
  );
}
