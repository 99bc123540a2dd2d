// The hosts page's list of libvirt hosts with their status, and (admins) adding a remote host
// by URI or removing one. Failures show in the API's words.

import { useSignal } from "@preact/signals";
import type { HostStatus } from "../shared/hosts.ts";
import { Button } from "../components/kit/Button.tsx";
import { Badge } from "../components/kit/Badge.tsx";
import { NameField, TextField } from "../components/kit/controls.tsx";
import { FormPanel } from "../components/kit/FormPanel.tsx";
import { useSubmit } from "../components/kit/use_form.ts";
import { ErrorNotice } from "../components/kit/Notice.tsx";
import { type Column, DataTable, rowsById } from "../components/kit/table/mod.ts";
import { actionsColumn } from "../components/kit/row_actions.tsx";
import { bindSignal } from "../components/kit/bind_signal.ts";
import { errorMessage } from "../components/client/api.ts";
import { isAdmin } from "../components/client/session.ts";
import { addHost, listHosts, removeHost } from "./hosts/api.ts";
import { t } from "../shared/i18n/t.ts";

interface Props {
  hosts: HostStatus[];
}

export default function HostsManager({ hosts: initial }: Props) {
  const hosts = useSignal(initial);
  const name = useSignal("");
  const uri = useSignal("");
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const admin = isAdmin();

  const run = async (work: () => Promise<unknown>) => {
    busy.value = true;
    failure.value = null;
    try {
      await work();
      hosts.value = await listHosts();
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };

  const add = useSubmit(async () => {
    await addHost({ name: name.value, uri: uri.value });
    name.value = "";
    uri.value = "";
    hosts.value = await listHosts();
  });

  const columns: Column<HostStatus>[] = [
    {
      id: "name",
      header: t("Name"),
      cell: (h) => <a href={`/vms?host=${encodeURIComponent(h.id)}`}>{h.name}</a>,
    },
    { id: "uri", header: "URI", cell: (h) => <code class="host-uri">{h.uri}</code> },
    {
      id: "status",
      header: t("Status"),
      cell: (h) => (
        <>
          <span class={h.connected ? "host-up" : "host-down"}>
            {h.connected
              ? t("connected")
              : t("disconnected: {{reason}}", { reason: h.error ?? t("unknown") })}
          </span>
          {h.maintenance && <Badge tone="warning">{t("In maintenance")}</Badge>}
        </>
      ),
    },
    actionsColumn((h) =>
      admin && !h.local && (
        <Button
          small
          kind="danger"
          disabled={busy.value}
          onClick={() => run(() => removeHost(h.id))}
        >
          {t("Remove")}
        </Button>
      )
    ),
  ];
  return (
    <div>
      <DataTable
        label={t("Hosts")}
        rows={hosts.value}
        {...rowsById("data-host")}
        columns={columns}
      />
      <div class="hosts-refresh">
        <Button small onClick={() => run(() => Promise.resolve())}>{t("Refresh")}</Button>
      </div>
      {admin && (
        <FormPanel
          label={t("Add a host")}
          class="form-panel"
          submit={add}
          submitLabel={t("Add host")}
        >
          <div class="form-row">
            <NameField
              id="host-name"
              // deno-lint-ignore translate/untranslated-text -- a sample host name, not words
              placeholder="rack-2"
              {...bindSignal(name)}
            />
            <TextField
              id="host-uri"
              label={t("libvirt URI")}
              maxLength={1024}
              // deno-lint-ignore translate/untranslated-text -- a sample URI, not words
              placeholder="qemu+ssh://root@rack-2.example/system?keyfile=/root/.ssh/id_ed25519"
              {...bindSignal(uri)}
            />
          </div>
          <p class="form-hint">
            {t(
              "SSH keys are named by path (keyfile=) or come from ssh-agent; TLS uses libvirt's client certificates. Passwords are never stored.",
            )}
          </p>
        </FormPanel>
      )}
      <ErrorNotice message={failure.value} />
    </div>
  );
}
