// The DHCP leases a network's dnsmasq has handed out (read-only).

import type { DhcpLease } from "../../shared/networks.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { loadedRows } from "../../components/kit/action_list.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";

interface Props {
  /** Null while loading. */
  leases: DhcpLease[] | null;
  active: boolean;
  error: string | null;
  ready: boolean;
  onRefresh: () => void;
}

const COLUMNS: Column<DhcpLease>[] = [
  { id: "mac", header: "MAC address", cell: (l) => <code>{l.mac}</code> },
  { id: "ip", header: "IP address", cell: (l) => `${l.ip}/${l.prefix}` },
  { id: "hostname", header: "Host name", cell: (l) => l.hostname ?? "—" },
  { id: "client", header: "Client ID", cell: (l) => l.clientId ?? "—" },
  {
    id: "expires",
    header: "Expires",
    cell: (l) => l.expiresAt ? new Date(l.expiresAt).toLocaleString() : "Never",
  },
];

export function LeasesPanel({ leases, active, error, ready, onRefresh }: Props) {
  const refresh = (
    <Button small disabled={!ready} onClick={onRefresh}>
      Refresh leases
    </Button>
  );
  return (
    <Card id="leases" title="DHCP leases" actions={refresh}>
      <ErrorNotice message={error} />
      {error
        ? null
        : !active
        ? <p class="muted">The network is inactive: no leases.</p>
        : (
          <DataTable
            label="DHCP leases"
            class="leases-table"
            {...loadedRows(leases, "Loading leases…", "No leases.")}
            rowKey={(l) => `${l.mac}-${l.ip}`}
            columns={COLUMNS}
          />
        )}
    </Card>
  );
}
