// Static DHCP hosts of a network: a fixed address for a MAC, added and removed live and saved.

import type { DhcpHost, NetworkInfo } from "../../shared/networks.ts";
import { useAction } from "../settings/Outcome.tsx";
import { addDhcpHost, removeDhcpHost } from "./api.ts";
import { AddRowForm } from "./AddRowForm.tsx";
import { Card } from "../../components/kit/Card.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { actionList } from "../../components/kit/action_list.tsx";
import { type Column, DataTable, keyedRows } from "../../components/kit/table/mod.ts";
import { useDraft } from "../../components/kit/use_form.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  network: NetworkInfo & { ipv4: NonNullable<NetworkInfo["ipv4"]> };
  ready: boolean;
  onChanged: (n: NetworkInfo) => void;
}

export function HostsPanel({ network, ready, onChanged }: Props) {
  const draft = useDraft({ mac: "", ip: "", name: "" });
  const action = useAction();
  const busy = !ready || action.busy.value;

  const add = async () => {
    const { mac, ip, name } = draft.value;
    const host = { mac: mac.trim(), ip: ip.trim(), name: name.trim() };
    onChanged(await addDhcpHost(network.name, host.name ? host : { mac: host.mac, ip: host.ip }));
    draft.set({ mac: "", ip: "", name: "" });
    return t("Host {{mac}} gets {{ip}}.", { mac: host.mac, ip: host.ip });
  };
  const remove = (h: DhcpHost) =>
    action.run(async () => {
      onChanged(await removeDhcpHost(network.name, h.mac));
      return t("Host {{mac}} removed.", { mac: h.mac });
    });
  const columns: Column<DhcpHost>[] = [
    { id: "mac", header: t("MAC address"), cell: (h) => <code>{h.mac}</code> },
    { id: "ip", header: t("IP address"), cell: (h) => h.ip },
    { id: "name", header: t("Name"), cell: (h) => h.name ?? "—" },
    actionList({ name: (h) => h.mac, busy, class: "needs-admin" }, [
      { action: t("Remove"), label: (h) => t("Remove host {{mac}}", { mac: h.mac }), run: remove },
    ]),
  ];

  return (
    <Card id="hosts" title={t("Static hosts")}>
      <DataTable
        label={t("Static hosts")}
        class="hosts-table"
        rows={network.ipv4.hosts}
        {...keyedRows("data-mac", (h: DhcpHost) => h.mac)}
        columns={columns}
        empty={t("No static hosts.")}
      />
      <AddRowForm
        label={t("Add a static host")}
        submitLabel={t("Add host")}
        action={action}
        run={add}
        busy={busy}
      >
        <InlineField
          id="host-mac"
          label={t("MAC address")}
          required
          placeholder="52:54:00:12:34:56"
          {...draft.text("mac")}
        />
        <InlineField id="host-ip" label={t("IP address")} required {...draft.text("ip")} />
        <InlineField
          id="host-name"
          label={t("Host name")}
          placeholder={t("optional")}
          {...draft.text("name")}
        />
      </AddRowForm>
    </Card>
  );
}
