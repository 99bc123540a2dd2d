// The DHCP leases a network's dnsmasq has handed out (read-only).

import type { DhcpLease } from "../../shared/networks.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { ErrorNotice, Notice } from "../../components/kit/Notice.tsx";
import { loadedRows } from "../../components/kit/action_list.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Null while loading. */
  leases: DhcpLease[] | null;
  active: boolean;
  error: string | null;
  /** The host's libvirt driver cannot list leases (the demo's test driver). */
  unsupported: boolean;
  ready: boolean;
  onRefresh: () => void;
}

const columns = (): Column<DhcpLease>[] => [
  {
    id: "vm",
    header: t("VM"),
    cell: (l) => l.vm ? <a href={`/vms/${encodeURIComponent(l.vm.id)}`}>{l.vm.name}</a> : "—",
  },
  { id: "mac", header: t("MAC address"), cell: (l) => <code>{l.mac}</code> },
  { id: "ip", header: t("IP address"), cell: (l) => `${l.ip}/${l.prefix}` },
  { id: "hostname", header: t("Host name"), cell: (l) => l.hostname ?? "—" },
  { id: "client", header: t("Client ID"), cell: (l) => l.clientId ?? "—" },
  {
    id: "expires",
    header: t("Expires"),
    cell: (l) => l.expiresAt ? formatDateTime(l.expiresAt) : t("Never"),
  },
];

export function LeasesPanel({ leases, active, error, unsupported, ready, onRefresh }: Props) {
  const refresh = (
    <Button small disabled={!ready} onClick={onRefresh}>
      {t("Refresh leases")}
    </Button>
  );
  return (
    <Card id="leases" title={t("DHCP leases")} actions={refresh}>
      <ErrorNotice message={error} />
      {unsupported && <Notice>{t("This host's libvirt driver cannot list DHCP leases.")}</Notice>}
      {error || unsupported
        ? null
        : !active
        ? <p class="muted">{t("The network is inactive: no leases.")}</p>
        : (
          <DataTable
            label={t("DHCP leases")}
            class="leases-table"
            {...loadedRows(leases, t("Loading leases…"), t("No leases."))}
            rowKey={(l) => `${l.mac}-${l.ip}`}
            columns={columns()}
          />
        )}
    </Card>
  );
}
