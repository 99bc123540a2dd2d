// The DHCP leases a network's dnsmasq has handed out (read-only).

import type { DhcpLease } from "../../shared/networks.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";

interface Props {
  /** Null while loading. */
  leases: DhcpLease[] | null;
  active: boolean;
  error: string | null;
  ready: boolean;
  onRefresh: () => void;
}

export function LeasesPanel({ leases, active, error, ready, onRefresh }: Props) {
  return (
    <section class="card" aria-labelledby="leases-title">
      <div class="card-head">
        <h2 id="leases-title">DHCP leases</h2>
        <button type="button" class="button button-small" disabled={!ready} onClick={onRefresh}>
          Refresh leases
        </button>
      </div>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {error
        ? null
        : !active
        ? <p class="muted">The network is inactive: no leases.</p>
        : (
          <TableScroll label="DHCP leases">
            <table class="table leases-table">
              <thead>
                <tr>
                  <th scope="col">MAC address</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Host name</th>
                  <th scope="col">Client ID</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {(leases?.length ?? 0) === 0 && (
                  <tr>
                    <td colSpan={5} class="muted empty">
                      {leases === null ? "Loading leases…" : "No leases."}
                    </td>
                  </tr>
                )}
                {leases?.map((l) => (
                  <tr key={`${l.mac}-${l.ip}`}>
                    <td>
                      <code>{l.mac}</code>
                    </td>
                    <td>{l.ip}/{l.prefix}</td>
                    <td>{l.hostname ?? "—"}</td>
                    <td>{l.clientId ?? "—"}</td>
                    <td>{l.expiresAt ? new Date(l.expiresAt).toLocaleString() : "Never"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
    </section>
  );
}
