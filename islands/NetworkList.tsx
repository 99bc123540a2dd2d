// The networks table: start, stop, autostart, delete, the "New network" form, and live
// updates from "network-changed" events.

import type { NetworkInfo } from "../shared/networks.ts";
import { autostartColumn } from "../components/kit/AutostartBox.tsx";
import type { Column } from "../components/kit/table/mod.ts";
import { actionsColumn } from "../components/kit/row_actions.tsx";
import { ClipText } from "../components/kit/cells.tsx";
import { ResourceList } from "../components/kit/ResourceList.tsx";
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
import { DeleteNetworkDialog } from "./networks/DeleteNetworkDialog.tsx";
import {
  DeleteButton,
  nameLinkColumn,
  newObjectForm,
  rowsByName,
  StartStopButton,
  stateColumn,
} from "./storage/lifecycle_columns.tsx";
import { useLiveRows } from "./storage/live.ts";
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
  const list = useLiveRows("network-changed", {
    initial: props.networks,
    error: props.error,
    load: listNetworks,
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
  const columns: Column<NetworkInfo>[] = [
    nameLinkColumn(networkHref),
    { id: "mode", header: t("Mode"), cell: (n) => networkModeText(n), hideUpTo: 1024 },
    stateColumn(),
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
        <StartStopButton
          row={n}
          disabled={disabled(n)}
          busy={(action) => rows.is(n.name, action)}
          onAction={(action) => run(n, action, () => networkAction(n.name, action))}
        />
        <DeleteButton
          row={n}
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
      newForm={newObjectForm(
        NewNetworkForm,
        t("Network {{name}} created.", { name: "{{name}}" }),
        networkHref,
      )}
      label={t("Networks")}
      class="network-table"
      loading={t("Loading networks…")}
      failed={t("Could not read the networks.")}
      empty={t("No networks.")}
      {...rowsByName("data-network")}
      columns={columns}
    >
      <DeleteNetworkDialog
        dialogRef={doomed.dialogRef}
        name={doomed.subject.value?.name}
        onConfirm={doomed.then((n) => run(n, "delete", () => deleteNetwork(n.name)))}
      />
    </ResourceList>
  );
}
