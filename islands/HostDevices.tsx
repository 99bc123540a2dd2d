// The host's PCI and USB devices (GET /api/host/devices): a sortable, searchable table with
// IOMMU groups, SR-IOV functions, mediated device types and the devices the host needs itself,
// under a notice that says whether PCI passthrough can work here.

import { useSignal } from "@preact/signals";
import type {
  HostDevice,
  HostDeviceInventory,
  HostUse,
  IommuStatus,
} from "../shared/host_devices.ts";
import { hostDevicesPath } from "../shared/api_paths.ts";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { type Column, DataTable } from "../components/kit/table/mod.ts";
import { useServedRead } from "../components/kit/use_served_read.ts";
import { loadedRows } from "../components/kit/action_list.tsx";
import { useHydrated } from "../components/kit/use_hydrated.ts";
import { MdevSection } from "./host_devices/MdevSection.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  /** The inventory rendered on the server, or null to load it in the browser. */
  inventory: HostDeviceInventory | null;
  error: string | null;
  [key: string]: unknown;
}

export function deviceName(d: HostDevice): string {
  return `${d.vendor.name ?? d.vendor.id} ${d.product.name ?? d.product.id}`;
}

export function hostUseText(use: HostUse): string {
  switch (use.reason) {
    case "route":
      return t("Host network ({{via}})", { via: use.via ?? "?" });
    case "root-disk":
      return t("Host root disk ({{via}})", { via: use.via ?? "?" });
    case "console":
      return t("Host console");
  }
}

function sriovText(d: HostDevice): string {
  if (d.physicalFunction) return t("Virtual function of {{pf}}", { pf: d.physicalFunction });
  if (d.maxVirtualFunctions !== null) {
    return t("{{count}} of {{max}} virtual functions", {
      count: d.virtualFunctions.length,
      max: d.maxVirtualFunctions,
    });
  }
  return "—";
}

function IommuNotice({ iommu }: { iommu: IommuStatus }) {
  if (iommu.enabled) {
    return (
      <Notice tone="info">
        {t("IOMMU on: {{count}} groups. Devices of one group pass through together.", {
          count: iommu.groups,
        })}
      </Notice>
    );
  }
  return (
    <Notice tone="warning">
      {t(
        "IOMMU off: PCI devices cannot be passed through. Turn on VT-d (Intel) or AMD-Vi (AMD) in the firmware, add intel_iommu=on or amd_iommu=on to the kernel command line (GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub) and reboot.",
      )}
      {iommu.kernelOptions.length > 0 &&
        ` ${t("Now on the command line: {{options}}", { options: iommu.kernelOptions.join(" ") })}`}
    </Notice>
  );
}

export default function HostDevices(props: Props) {
  const { data: inventory, reload, loadError } = useServedRead(
    props.inventory,
    props.error,
    hostDevicesPath(),
  );
  const search = useSignal("");
  const hydrated = useHydrated();

  const needle = search.value.trim().toLowerCase();
  const devices = inventory.value?.devices.filter((d) =>
    !needle ||
    [d.address, deviceName(d), d.className ?? "", d.driver ?? "", `${d.vendor.id}:${d.product.id}`]
      .some((s) => s.toLowerCase().includes(needle))
  ) ?? null;

  const columns: Column<HostDevice>[] = [
    { id: "address", header: t("Address"), cell: (d) => d.address, sortValue: (d) => d.address },
    { id: "bus", header: t("Bus"), cell: (d) => d.kind.toUpperCase(), sortValue: (d) => d.kind },
    {
      id: "device",
      header: t("Device"),
      cell: (d) => (
        <>
          {deviceName(d)} <span class="muted">{d.vendor.id}:{d.product.id}</span>
        </>
      ),
      sortValue: deviceName,
    },
    {
      id: "class",
      header: t("Class"),
      cell: (d) => d.className ?? d.classCode ?? "—",
      sortValue: (d) => d.className ?? d.classCode,
      hideOnSmall: true,
    },
    {
      id: "driver",
      header: t("Driver"),
      cell: (d) => d.driver ?? "—",
      sortValue: (d) => d.driver,
      hideOnSmall: true,
    },
    {
      id: "group",
      header: t("IOMMU group"),
      numeric: true,
      cell: (d) =>
        d.iommuGroup === null ? "—" : (
          <span title={d.groupPeers.join(", ")}>
            {d.iommuGroup}
            {d.groupPeers.length > 0 && (
              <span class="muted">
                {" "}
                {t("(+{{count}} more)", { count: d.groupPeers.length })}
              </span>
            )}
          </span>
        ),
      sortValue: (d) => d.iommuGroup,
    },
    {
      id: "use",
      header: t("Used by the host"),
      cell: (d) => d.hostUse ? <strong>{hostUseText(d.hostUse)}</strong> : "—",
      sortValue: (d) => d.hostUse?.reason ?? null,
    },
    { id: "sriov", header: t("SR-IOV"), cell: sriovText, hideOnSmall: true },
    {
      id: "mdev",
      header: t("Mediated types"),
      cell: (d) => d.mdevTypes.length ? d.mdevTypes.map((m) => m.name ?? m.id).join(", ") : "—",
      hideOnSmall: true,
    },
  ];

  return (
    <div>
      {inventory.value && <IommuNotice iommu={inventory.value.iommu} />}
      {inventory.value?.hostUseNote && <Notice tone="info">{inventory.value.hostUseNote}</Notice>}
      <ErrorNotice message={loadError.value} />
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("Search")}
          <input
            type="search"
            disabled={!hydrated.value}
            value={search.value}
            placeholder={t("Address, name, class or driver")}
            onInput={(e) => search.value = e.currentTarget.value}
          />
        </label>
        <span class="muted" aria-live="polite">
          {devices === null ? t("Loading…") : t("{{count}} devices", { count: devices.length })}
        </span>
      </form>
      <DataTable
        label={t("Host devices")}
        {...loadedRows(
          devices,
          loadError.value ? t("Could not read the host's devices.") : t("Loading devices…"),
          t("No PCI or USB devices."),
        )}
        rowKey={(d) => d.name}
        columns={columns}
      />
      {inventory.value && (
        <MdevSection inventory={inventory.value} reload={reload} hydrated={hydrated.value} />
      )}
    </div>
  );
}
