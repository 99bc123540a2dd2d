// Port forwards of a NAT network: host port → guest address and port, with whether the rule is
// in the firewall now.

import { useSignal } from "@preact/signals";
import type { PortForward } from "../../shared/networks.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { addForward, removeForward } from "./api.ts";
import { TableScroll } from "../../components/kit/TableScroll.tsx";

interface Props {
  network: string;
  /** Null while loading. */
  forwards: PortForward[] | null;
  error: string | null;
  ready: boolean;
  reload: () => Promise<void>;
}

export function ForwardsPanel({ network, forwards, error, ready, reload }: Props) {
  const protocol = useSignal<"tcp" | "udp">("tcp");
  const hostPort = useSignal("");
  const guestIp = useSignal("");
  const guestPort = useSignal("");
  const description = useSignal("");
  const action = useAction();
  const busy = !ready || action.busy.value;

  const add = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const f = await addForward(network, {
        protocol: protocol.value,
        hostPort: Number(hostPort.value),
        guestIp: guestIp.value.trim(),
        guestPort: Number(guestPort.value),
        description: description.value.trim(),
      });
      hostPort.value =
        guestIp.value =
        guestPort.value =
        description.value =
          "";
      await reload();
      return `Host port ${f.hostPort}/${f.protocol} forwards to ${f.guestIp}:${f.guestPort}` +
        (f.applied ? "." : " (not applied yet: the network is not running).");
    });
  };
  const remove = (f: PortForward) =>
    action.run(async () => {
      await removeForward(network, f.id);
      await reload();
      return `Port forward ${f.hostPort}/${f.protocol} removed.`;
    });

  const field = (
    id: string,
    label: string,
    value: typeof hostPort,
    opts: { port?: boolean; optional?: boolean } = {},
  ) => (
    <>
      <label for={id}>{label}</label>
      {opts.port
        ? (
          <input
            id={id}
            type="number"
            required
            min={1}
            max={65535}
            value={value.value}
            onInput={(e) => value.value = e.currentTarget.value}
          />
        )
        : (
          <input
            id={id}
            type="text"
            required={!opts.optional}
            placeholder={opts.optional ? "optional" : undefined}
            value={value.value}
            onInput={(e) => value.value = e.currentTarget.value}
          />
        )}
    </>
  );

  return (
    <section class="card" aria-labelledby="forwards-title">
      <h2 id="forwards-title">Port forwards</h2>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      <TableScroll label="Port forwards">
        <table class="table forwards-table">
          <thead>
            <tr>
              <th scope="col">Protocol</th>
              <th scope="col" class="num">Host port</th>
              <th scope="col">Guest</th>
              <th scope="col">Description</th>
              <th scope="col">State</th>
              <th scope="col" class="needs-admin">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(forwards?.length ?? 0) === 0 && (
              <tr>
                <td colSpan={6} class="muted empty">
                  {forwards === null ? "Loading port forwards…" : "No port forwards."}
                </td>
              </tr>
            )}
            {forwards?.map((f) => (
              <tr key={f.id} data-forward={f.id}>
                <td>{f.protocol.toUpperCase()}</td>
                <td class="num">{f.hostPort}</td>
                <td>{f.guestIp}:{f.guestPort}</td>
                <td>{f.description || "—"}</td>
                <td>
                  <span class={`badge ${f.applied ? "badge-running" : "badge-stopped"}`}>
                    {f.applied ? "Applied" : "Not applied"}
                  </span>
                </td>
                <td class="row-actions needs-admin">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    aria-label={`Remove port forward ${f.hostPort}/${f.protocol}`}
                    onClick={() => remove(f)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <form class="row-form add-row needs-admin" onSubmit={add} aria-label="Add a port forward">
        <label for="fwd-protocol">Protocol</label>
        <select
          id="fwd-protocol"
          value={protocol.value}
          onChange={(e) => protocol.value = e.currentTarget.value as "tcp" | "udp"}
        >
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </select>
        {field("fwd-host-port", "Host port", hostPort, { port: true })}
        {field("fwd-guest-ip", "Guest IP", guestIp)}
        {field("fwd-guest-port", "Guest port", guestPort, { port: true })}
        {field("fwd-description", "Description", description, { optional: true })}
        <button type="submit" class="button button-primary" disabled={busy}>Add forward</button>
      </form>
      <OutcomeNote outcome={action.outcome.value} />
    </section>
  );
}
