// The VM table's columns, for the host's list and the all-hosts list alike. The IP address
// stays the sixth cell (after the selection) where other views' tests and scripts look for it.

import type { ComponentChildren } from "preact";
import type { Column } from "../../components/kit/table/DataTable.tsx";
import { StateBadge } from "../../components/kit/Badge.tsx";
import { PendingBadge } from "../../components/vm/PendingBadge.tsx";
import { StateReason } from "../../components/vm/StateReason.tsx";
import { ProtectedMark } from "../../components/vm/ProtectedMark.tsx";
import { VmFailureMark } from "../tasks/VmFailureMark.tsx";
import { PercentMeter } from "../../components/kit/Meter.tsx";
import { MemoryUse } from "../../components/vm/MemoryUse.tsx";
import { formatMb, yesNo } from "../../shared/format.ts";
import { IpCell } from "./IpCell.tsx";
import { ipSortKey } from "./ip_sort.ts";
import { TagList } from "./TagList.tsx";
import { vmHref, type VmRow } from "./rows.ts";
import { t } from "../../shared/i18n/t.ts";
import { osLabel } from "../../shared/os_names.ts";
import { formatUptime } from "../../shared/i18n/format.ts";

// What a window leaves out until someone chooses columns, so the table and its row actions fit
// without scrolling sideways (German's words are longer): at 1280 px the tags and the memory use,
// at 1024 px also the vCPUs and the memory (`hideUpTo` below); on a phone all but the name and
// the state (`hideOnSmall`), each row a card.

/** The columns nobody can hide. */
export const FIXED_COLUMNS = ["name", "actions"];

/**
 * The columns shown only once chosen: the table is full at 1280 px already (German's words are
 * longer). static/vmlist.css hides them in the server's render too, so nothing jumps.
 */
export const OFF_BY_DEFAULT = ["os", "autostart", "uptime"];

const usage = (percent: number | undefined, label: string): ComponentChildren =>
  percent === undefined
    ? <span class="muted" title={t("Not sampled yet, or the VM is not running")}>—</span>
    : <PercentMeter percent={percent} label={label} />;

// Versions sort as numbers ("Debian 9" before "Debian 10"): each run of digits padded.
const osSortKey = (name: string) => name.replace(/\d+/g, (n) => n.padStart(6, "0"));

// The long family names by the short ones their users say, so the version stays in sight.
const SHORT_NAMES: [RegExp, string][] = [
  [/^Microsoft /, ""],
  [/^Red Hat Enterprise Linux/, "RHEL"],
  [/^SUSE Linux Enterprise Server/, "SLES"],
  [/^SUSE Linux Enterprise Desktop/, "SLED"],
];
const shortOsName = (name: string) =>
  SHORT_NAMES.reduce((n, [long, short]) => n.replace(long, short), name);

/** The OS cell: osinfo's name, short; the whole name and the id as its title. */
function osCell(os: string | undefined): ComponentChildren {
  if (!os) return <span class="muted" title={t("Not read yet, or the VM names no OS")}>—</span>;
  const { name, hint } = osLabel({ osVariant: os });
  return <span title={hint ? `${name} (${hint})` : name}>{shortOsName(name)}</span>;
}

/** The uptime cell: how long the VM has been up, as of the list's last read. */
function uptimeCell(seconds: number | undefined, state: VmRow["state"]): ComponentChildren {
  if (seconds !== undefined) return formatUptime(seconds);
  const why = state === "stopped" || state === "crashed"
    ? t("The VM is not running")
    : t("Not known yet, or the VM was already running when this server connected to its host");
  return <span class="muted" title={why}>—</span>;
}

/** Every column of the VM table; `host` only in the all-hosts view, `actions` as given. */
export function vmColumns(
  { allHosts, actions }: { allHosts: boolean; actions: (vm: VmRow) => ComponentChildren },
): Column<VmRow>[] {
  const columns: (Column<VmRow> | false)[] = [
    {
      id: "name",
      header: t("Name"),
      // The title tells a name the column cuts short.
      cell: (vm) => (
        <span title={vm.name}>
          {/* Before the name, so a name cut short never hides it. */}
          {vm.protected && <ProtectedMark />}
          <a href={vmHref(vm)} data-vm-screen={vm.id} data-vm-state={vm.state}>{vm.name}</a>
          <VmFailureMark vmId={vm.id} name={vm.name} />
        </span>
      ),
      sortValue: (vm) => vm.name,
      class: "vm-name",
    },
    {
      id: "state",
      header: t("State"),
      cell: (vm) => (
        <span class="state-cell">
          <StateBadge state={vm.state} />
          <StateReason state={vm.state} reason={vm.stateReason} />
          {vm.changesPending && <PendingBadge />}
        </span>
      ),
      sortValue: (vm) => vm.state,
      class: "vm-state",
    },
    {
      id: "vcpus",
      header: "vCPUs",
      cell: (vm) => vm.cpuCount,
      sortValue: (vm) => vm.cpuCount,
      numeric: true,
      hideOnSmall: true,
      hideUpTo: 1024,
    },
    {
      id: "memory",
      header: t("Memory", { context: "column" }),
      cell: (vm) => formatMb(vm.memoryMb),
      sortValue: (vm) => vm.memoryMb,
      numeric: true,
      hideOnSmall: true,
      hideUpTo: 1024,
    },
    {
      id: "ip",
      header: t("IP address"),
      cell: (vm) => <IpCell addresses={vm.ipAddresses} />,
      sortValue: (vm) => ipSortKey(vm.ipAddresses?.[0]),
      hideOnSmall: true,
    },
    {
      id: "os",
      header: t("OS"),
      cell: (vm) => osCell(vm.os),
      sortValue: (vm) => vm.os && osSortKey(shortOsName(osLabel({ osVariant: vm.os }).name)),
      hideOnSmall: true,
      class: "vm-os",
    },
    {
      id: "autostart",
      header: t("Autostart"),
      cell: (vm) => yesNo(vm.autostart),
      sortValue: (vm) => vm.autostart === undefined ? undefined : Number(vm.autostart),
      hideOnSmall: true,
      class: "vm-autostart",
    },
    {
      id: "uptime",
      header: t("Uptime"),
      cell: (vm) => uptimeCell(vm.uptimeSeconds, vm.state),
      sortValue: (vm) => vm.uptimeSeconds,
      numeric: true,
      hideOnSmall: true,
      class: "vm-uptime",
    },
    {
      id: "cpu",
      header: "CPU",
      cell: (vm) => usage(vm.cpuPercent, t("CPU use of {{name}}", { name: vm.name })),
      sortValue: (vm) => vm.cpuPercent,
      hideOnSmall: true,
    },
    {
      id: "memoryUse",
      header: t("Memory use"),
      cell: (vm) => <MemoryUse vm={vm} />,
      sortValue: (vm) => vm.memoryPercent,
      hideOnSmall: true,
      hideUpTo: 1280,
    },
    {
      id: "tags",
      header: t("Tags"),
      cell: (vm) => <TagList tags={vm.tags} />,
      sortValue: (vm) => vm.tags?.join(" "),
      hideOnSmall: true,
      hideUpTo: 1280,
    },
    allHosts && {
      id: "host",
      header: t("Host"),
      cell: (vm) => vm.hostName,
      sortValue: (vm) => vm.hostName,
      hideOnSmall: true,
    },
    {
      id: "actions",
      header: t("Actions"),
      headerHidden: true,
      cell: actions,
      class: "row-actions",
    },
  ];
  return columns.filter((c): c is Column<VmRow> => !!c);
}

/** The columns a list can be sorted by, e.g. from its URL. */
export const SORTABLE_COLUMNS: readonly string[] = vmColumns({
  allHosts: true,
  actions: () => null,
})
  .filter((c) => c.sortValue).map((c) => c.id);
