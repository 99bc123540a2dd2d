// Static DHCP hosts of a network: a fixed address for a MAC, added and removed live and saved.

import { useSignal } from "@preact/signals";
import type { DhcpHost, NetworkInfo } from "../../shared/networks.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { addDhcpHost, removeDhcpHost } from "./api.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";

interface Props {
  network: NetworkInfo & { ipv4: NonNullable<NetworkInfo["ipv4"]> };
  ready: boolean;
  onChanged: (n: NetworkInfo) => void;
}

export function HostsPanel({ network, ready, onChanged }: Props) {
  const mac = useSignal("");
  const ip = useSignal("");
  const name = useSignal("");
  const action = useAction();
  const hosts = network.ipv4.hosts;
  const busy = !ready || action.busy.value;

  const add = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const host = { mac: mac.value.trim(), ip: ip.value.trim(), name: name.value.trim() };
      onChanged(
        await addDhcpHost(network.name, host.name ? host : { mac: host.mac, ip: host.ip }),
      );
      mac.value = ip.value = name.value = "";
      return `Host ${host.mac} gets ${host.ip}.`;
    });
  };
  const remove = (h: DhcpHost) =>
    action.run(async () => {
      onChanged(await removeDhcpHost(network.name, h.mac));
      return `Host ${h.mac} removed.`;
    });

  return (
    <section class="card" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Static hosts</h2>
      <TableScroll label="Static hosts">
        <table class="table hosts-table">
          <thead>
            <tr>
              <th scope="col">MAC address</th>
              <th scope="col">IP address</th>
              <th scope="col">Name</th>
              <th scope="col" class="needs-admin">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.length === 0 && (
              <tr>
                <td colSpan={4} class="muted empty">No static hosts.</td>
              </tr>
            )}
            {hosts.map((h) => (
              <tr key={h.mac} data-mac={h.mac}>
                <td>
                  <code>{h.mac}</code>
                </td>
                <td>{h.ip}</td>
                <td>{h.name ?? "—"}</td>
                <td class="row-actions needs-admin">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    aria-label={`Remove host ${h.mac}`}
                    onClick={() => remove(h)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <form class="row-form add-row needs-admin" onSubmit={add} aria-label="Add a static host">
        <label for="host-mac">MAC address</label>
        <input
          id="host-mac"
          type="text"
          required
          placeholder="52:54:00:12:34:56"
          value={mac.value}
          onInput={(e) => mac.value = e.currentTarget.value}
        />
        <label for="host-ip">IP address</label>
        <input
          id="host-ip"
          type="text"
          required
          value={ip.value}
          onInput={(e) => ip.value = e.currentTarget.value}
        />
        <label for="host-name">Host name</label>
        <input
          id="host-name"
          type="text"
          placeholder="optional"
          value={name.value}
          onInput={(e) => name.value = e.currentTarget.value}
        />
        <button type="submit" class="button button-primary" disabled={busy}>Add host</button>
      </form>
      <OutcomeNote outcome={action.outcome.value} />
    </section>
  );
}
