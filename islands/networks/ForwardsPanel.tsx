// Port forwards of a NAT network: host port → guest address and port, with whether the rule is
// in the firewall now.

import type { PortForward } from "../../shared/networks.ts";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { addForward, removeForward } from "./api.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { type Column, DataTable } from "../../components/kit/table/mod.ts";
import { useDraft } from "../../components/kit/use_form.ts";

interface Props {
  network: string;
  /** Null while loading. */
  forwards: PortForward[] | null;
  error: string | null;
  ready: boolean;
  reload: () => Promise<void>;
}

export function ForwardsPanel({ network, forwards, error, ready, reload }: Props) {
  const draft = useDraft({
    protocol: "tcp" as "tcp" | "udp",
    hostPort: "",
    guestIp: "",
    guestPort: "",
    description: "",
  });
  const action = useAction();
  const busy = !ready || action.busy.value;

  const add = (e: Event) => {
    e.preventDefault();
    action.run(async () => {
      const d = draft.value;
      const f = await addForward(network, {
        protocol: d.protocol,
        hostPort: Number(d.hostPort),
        guestIp: d.guestIp.trim(),
        guestPort: Number(d.guestPort),
        description: d.description.trim(),
      });
      draft.set({ hostPort: "", guestIp: "", guestPort: "", description: "" });
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
  const columns: Column<PortForward>[] = [
    { id: "protocol", header: "Protocol", cell: (f) => f.protocol.toUpperCase() },
    { id: "host-port", header: "Host port", numeric: true, cell: (f) => f.hostPort },
    { id: "guest", header: "Guest", cell: (f) => `${f.guestIp}:${f.guestPort}` },
    { id: "description", header: "Description", cell: (f) => f.description || "—" },
    {
      id: "state",
      header: "State",
      cell: (f) => (
        <span class={`badge ${f.applied ? "badge-running" : "badge-stopped"}`}>
          {f.applied ? "Applied" : "Not applied"}
        </span>
      ),
    },
    actionList({ name: (f) => `${f.hostPort}/${f.protocol}`, busy, class: "needs-admin" }, [
      {
        action: "Remove",
        label: (f) => `Remove port forward ${f.hostPort}/${f.protocol}`,
        run: remove,
      },
    ]),
  ];
  const port = { type: "number", required: true, min: 1, max: 65535 } as const;

  return (
    <Card id="forwards" title="Port forwards">
      <ErrorNotice message={error} />
      <DataTable
        label="Port forwards"
        class="forwards-table"
        {...loadedRows(forwards, "Loading port forwards…", "No port forwards.")}
        rowKey={(f) => String(f.id)}
        rowAttrs={(f) => ({ "data-forward": String(f.id) })}
        columns={columns}
      />
      <form class="row-form add-row needs-admin" onSubmit={add} aria-label="Add a port forward">
        <label for="fwd-protocol">Protocol</label>
        <select
          id="fwd-protocol"
          value={draft.value.protocol}
          onChange={(e) => draft.set({ protocol: e.currentTarget.value as "tcp" | "udp" })}
        >
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </select>
        <InlineField id="fwd-host-port" label="Host port" {...port} {...draft.text("hostPort")} />
        <InlineField id="fwd-guest-ip" label="Guest IP" required {...draft.text("guestIp")} />
        <InlineField
          id="fwd-guest-port"
          label="Guest port"
          {...port}
          {...draft.text("guestPort")}
        />
        <InlineField
          id="fwd-description"
          label="Description"
          placeholder="optional"
          {...draft.text("description")}
        />
        <Button type="submit" kind="primary" disabled={busy}>Add forward</Button>
      </form>
      <OutcomeNote outcome={action.outcome.value} />
    </Card>
  );
}
