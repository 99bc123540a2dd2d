// Port forwards of a NAT network: host port → guest address and port, with whether the rule is
// in the firewall now.

import type { PortForward } from "../../shared/networks.ts";
import { useAction } from "../settings/Outcome.tsx";
import { addForward, removeForward } from "./api.ts";
import { AddRowForm } from "./AddRowForm.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { actionList, loadedRows } from "../../components/kit/action_list.tsx";
import { type Column, DataTable, rowsById } from "../../components/kit/table/mod.ts";
import { useDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

const PROTOCOLS = ["tcp", "udp"] as const;

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

  const add = async () => {
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
    const values = { port: `${f.hostPort}/${f.protocol}`, guest: `${f.guestIp}:${f.guestPort}` };
    return f.applied ? t("Host port {{port}} forwards to {{guest}}.", values) : t(
      "Host port {{port}} forwards to {{guest}}, but carries nothing yet: {{reason}}.",
      { ...values, reason: f.reason ?? "" },
    );
  };
  const remove = (f: PortForward) =>
    action.run(async () => {
      await removeForward(network, f.id);
      await reload();
      return t("Port forward {{port}} removed.", { port: `${f.hostPort}/${f.protocol}` });
    });
  const columns: Column<PortForward>[] = [
    { id: "protocol", header: t("Protocol"), cell: (f) => f.protocol.toUpperCase() },
    { id: "host-port", header: t("Host port"), numeric: true, cell: (f) => f.hostPort },
    { id: "guest", header: t("Guest"), cell: (f) => `${f.guestIp}:${f.guestPort}` },
    { id: "description", header: t("Description"), cell: (f) => f.description || "—" },
    {
      id: "state",
      header: t("State"),
      cell: (f) => (
        <>
          <span class={`badge ${f.applied ? "badge-running" : "badge-stopped"}`}>
            {f.applied ? t("Applied") : t("Not applied")}
          </span>
          {!f.applied && f.reason && <span class="field-hint forward-reason">{f.reason}</span>}
        </>
      ),
    },
    actionList({ name: (f) => `${f.hostPort}/${f.protocol}`, busy, class: "needs-admin" }, [
      {
        action: t("Remove"),
        label: (f) => t("Remove port forward {{port}}", { port: `${f.hostPort}/${f.protocol}` }),
        run: remove,
      },
    ]),
  ];
  const port = { type: "number", required: true, min: 1, max: 65535 } as const;

  return (
    <Card id="forwards" title={t("Port forwards")}>
      <ErrorNotice message={error} />
      <DataTable
        label={t("Port forwards")}
        class="forwards-table"
        {...loadedRows(forwards, t("Loading port forwards…"), t("No port forwards."))}
        {...rowsById("data-forward")}
        columns={columns}
      />
      <AddRowForm
        label={t("Add a port forward")}
        submitLabel={t("Add forward")}
        action={action}
        run={add}
        busy={busy}
      >
        <label for="fwd-protocol">{t("Protocol")}</label>
        <select
          id="fwd-protocol"
          value={draft.value.protocol}
          onChange={(e) => draft.set({ protocol: e.currentTarget.value as "tcp" | "udp" })}
        >
          {PROTOCOLS.map((p) => <option key={p} value={p}>{p.toUpperCase()}</option>)}
        </select>
        <InlineField
          id="fwd-host-port"
          label={t("Host port")}
          {...port}
          {...draft.text("hostPort")}
        />
        <InlineField id="fwd-guest-ip" label={t("Guest IP")} required {...draft.text("guestIp")} />
        <InlineField
          id="fwd-guest-port"
          label={t("Guest port")}
          {...port}
          {...draft.text("guestPort")}
        />
        <InlineField
          id="fwd-description"
          label={t("Description")}
          placeholder={t("optional")}
          {...draft.text("description")}
        />
      </AddRowForm>
    </Card>
  );
}
