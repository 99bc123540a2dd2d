// The host's interfaces as a dense table, as Proxmox VE's System → Network lists them: name, kind,
// link state, addresses, a bridge's or bond's ports (and a bond's mode) or a VLAN's parent, MTU and
// MAC; "Bridge" on each interface a bridge may be made over (the server's rule:
// HostInterface.bridgeable), "Addresses" on each that is no port, "Edit" on a bridge or bond the
// interfaces file defines, "Delete" on a bridge, bond or VLAN; on a bridge no libvirt network uses
// yet, "Offer to VMs" (the wizard lists libvirt networks). Bridges, bonds and VLANs staged but not
// applied yet are rows too, marked Staged, so that they can be edited before Apply.

import type {
  DefinedInterface,
  HostAddress,
  HostInterface,
  HostInterfaceKind,
  PlannedInterface,
} from "../../shared/host_network.ts";
import { type Column, DataTable, keyedRows } from "../../components/kit/table/mod.ts";
import { actionsColumn, RowButton } from "../../components/kit/row_actions.tsx";
import { DASH } from "../../components/kit/cells.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";

const KIND_LABELS: Record<HostInterfaceKind, string> = {
  nic: tKey("NIC"),
  bridge: tKey("Bridge"),
  bond: tKey("Bond"),
  vlan: tKey("VLAN"),
  veth: tKey("veth"),
  other: tKey("Other"),
};

/** A row: an interface of the host, or one the staged changes make (`staged`). */
type Row = HostInterface & { staged?: boolean };

/** A staged interface as a row: what the file says of it, no link state, no address yet. */
export function stagedRow(p: PlannedInterface, defined: DefinedInterface[]): Row {
  const d = defined.find((x) => x.name === p.name);
  return {
    name: p.name,
    kind: p.kind,
    up: false,
    carrier: false,
    mac: null,
    mtu: 0,
    addresses: [],
    master: null,
    ports: d?.ports ?? [],
    vlan: null,
    bond: p.kind === "bond" ? { mode: d?.mode ?? "", miimon: d?.miimon ?? null } : null,
    bridgeable: false,
    staged: true,
  };
}

/** Up and forwarding, set up without a carrier (no cable, no peer), or set down; or staged. */
export function linkState(i: Row): "up" | "no-carrier" | "down" | "staged" {
  if (i.staged) return "staged";
  if (!i.up) return "down";
  return i.carrier ? "up" : "no-carrier";
}

const STATE_LABELS = {
  up: tKey("Up"),
  "no-carrier": tKey("No carrier"),
  down: tKey("Down"),
  staged: tKey("Staged"),
} as const;

function Addresses({ addresses }: { addresses: HostAddress[] }) {
  if (addresses.length === 0) return DASH;
  return (
    <ul class="hostnet-addresses">
      {addresses.map((a) => (
        // Link-local and loopback addresses are the kernel's own: shown, but quietly.
        <li
          key={a.address}
          class={`hostnet-${a.family}${a.scope === "global" ? "" : " muted"}`}
        >
          {a.address}/{a.prefixLength}
        </li>
      ))}
    </ul>
  );
}

/** What the interface is attached to or holds: its ports, its VLAN's parent, its bridge. */
export function relationText(i: HostInterface): string | null {
  const parts: string[] = [];
  if (i.ports.length > 0) parts.push(t("Ports: {{ports}}", { ports: i.ports.join(", ") }));
  if (i.bond) parts.push(t("Mode {{mode}}", { mode: i.bond.mode }));
  if (i.vlan) parts.push(t("VLAN {{id}} on {{parent}}", { id: i.vlan.id, parent: i.vlan.parent }));
  if (i.master) parts.push(t("Port of {{master}}", { master: i.master }));
  return parts.length ? parts.join("; ") : null;
}

/** A libvirt network on a host bridge: what the create wizard offers VMs. */
export interface VmNetwork {
  name: string;
  bridge: string;
}

interface Props {
  interfaces: HostInterface[];
  /** Bridges, bonds and VLANs staged, not applied yet: rows of their own. */
  planned: PlannedInterface[];
  /** The bridges and bonds the file defines (staged included): these rows offer Edit. */
  defined: DefinedInterface[];
  /** Opens the edit form of this bridge or bond. */
  onEdit: (name: string) => void;
  /** The libvirt networks on host bridges; null while unknown (libvirt not answering). */
  vmNetworks: VmNetwork[] | null;
  /** Opens the bridge form with this interface chosen. */
  onBridge: (name: string) => void;
  /** Opens the address form with this interface chosen. */
  onAddresses: (name: string) => void;
  /** Stages the deletion of this bridge, bond or VLAN. */
  onDelete: (name: string) => void;
  /** The interface whose deletion is being staged now. */
  deleting: string | null;
  /** Makes a libvirt network on this bridge, for the create wizard to offer. */
  onOffer: (bridge: string) => void;
  /** The bridge being offered now. */
  offering: string | null;
  disabled: boolean;
}

function Relation({ i, network }: { i: HostInterface; network: VmNetwork | undefined }) {
  const text = relationText(i);
  if (!text && !network) return DASH;
  return (
    <>
      {text}
      {network && (
        <div>
          <a href={`/networks/${encodeURIComponent(network.name)}`}>
            {t("VM network {{name}}", { name: network.name })}
          </a>
        </div>
      )}
    </>
  );
}

export function InterfaceTable(
  {
    interfaces,
    planned,
    defined,
    onEdit,
    vmNetworks,
    onBridge,
    onAddresses,
    onDelete,
    deleting,
    onOffer,
    offering,
    disabled,
  }: Props,
) {
  const networkOn = (i: HostInterface) => vmNetworks?.find((n) => n.bridge === i.name);
  const columns: Column<Row>[] = [
    {
      id: "name",
      header: t("Name"),
      cell: (i) => <strong>{i.name}</strong>,
      sortValue: (i) => i.name,
    },
    {
      id: "kind",
      header: t("Kind"),
      cell: (i) => t(KIND_LABELS[i.kind]),
      sortValue: (i) => i.kind,
      hideOnSmall: true,
    },
    {
      id: "state",
      header: t("State"),
      cell: (i) => (
        <span class={`hostnet-state hostnet-${linkState(i)}`}>
          {t(STATE_LABELS[linkState(i)])}
        </span>
      ),
      sortValue: linkState,
    },
    {
      id: "addresses",
      header: t("Addresses"),
      cell: (i) => <Addresses addresses={i.addresses} />,
      sortValue: (i) => i.addresses[0]?.address ?? null,
    },
    {
      id: "relation",
      header: t("Ports / parent"),
      cell: (i) => <Relation i={i} network={networkOn(i)} />,
      hideOnSmall: true,
    },
    {
      id: "mtu",
      header: t("MTU"),
      numeric: true,
      cell: (i) => i.staged ? DASH : i.mtu,
      hideUpTo: 1024,
    },
    {
      id: "mac",
      header: t("MAC"),
      class: "hostnet-mac",
      cell: (i) => i.mac ?? DASH,
      hideUpTo: 1280,
    },
    actionsColumn((i) => (
      <>
        {i.bridgeable && (
          <RowButton
            action={t("Bridge")}
            name={i.name}
            label={t("Create a bridge over {{name}}", { name: i.name })}
            disabled={disabled}
            onClick={() => onBridge(i.name)}
          />
        )}
        {!i.master && i.name !== "lo" && (
          <RowButton
            action={t("Addresses")}
            name={i.name}
            label={t("Set the addresses of {{name}}", { name: i.name })}
            disabled={disabled}
            onClick={() => onAddresses(i.name)}
          />
        )}
        {defined.some((d) => d.name === i.name) && (
          <RowButton
            action={t("Edit")}
            name={i.name}
            label={i.kind === "bond"
              ? t("Edit the members and mode of {{name}}", { name: i.name })
              : t("Edit the ports of {{name}}", { name: i.name })}
            disabled={disabled}
            onClick={() => onEdit(i.name)}
          />
        )}
        {(i.kind === "bridge" || i.kind === "bond" || i.kind === "vlan") && (
          <RowButton
            action={t("Delete")}
            name={i.name}
            title={t("Stage the deletion of {{name}} from the interfaces file", { name: i.name })}
            disabled={disabled || deleting !== null}
            busy={deleting === i.name}
            onClick={() => onDelete(i.name)}
          />
        )}
        {i.kind === "bridge" && !i.staged && vmNetworks && !networkOn(i) && (
          <RowButton
            action={t("Offer to VMs")}
            name={i.name}
            title={t("Make {{name}} a network VMs can be created on", { name: i.name })}
            disabled={disabled || offering !== null}
            busy={offering === i.name}
            onClick={() => onOffer(i.name)}
          />
        )}
      </>
    ), "needs-admin"),
  ];
  return (
    <DataTable
      label={t("Host interfaces")}
      rows={[...interfaces, ...planned.map((p) => stagedRow(p, defined))]}
      {...keyedRows("data-interface", (i: Row) => i.name)}
      columns={columns}
      empty={t("No interfaces.")}
      class="hostnet-table"
    />
  );
}
