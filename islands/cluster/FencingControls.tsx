// Fencing devices for admins (the Fencing card of islands/ClusterView.tsx): add one from the fence
// agents installed here, with the parameters the agent's own metadata names; test a device (it
// fences nothing); remove one KVM Manager added. Refusals in the API's words, where asked.

import { signal, useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import type {
  ClusterResource,
  ClusterStatus,
  FenceAgentInfo,
  FenceParam,
  FencingTest,
} from "../../shared/cluster.ts";
import {
  clusterFenceAgentPath,
  clusterFenceAgentsPath,
  clusterFencingDevicePath,
  clusterFencingPath,
  clusterFencingTestPath,
} from "../../shared/api_paths.ts";
import { Button } from "../../components/kit/Button.tsx";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { ErrorNotice, Notice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t } from "../../shared/i18n/t.ts";
import { errorMessage, request } from "../../components/client/api.ts";

/** What the last test of each device found, kept while the page is open (shown under the table). */
const tests = signal<Record<string, FencingTest>>({});
/** A device's last Test or Remove that was refused, in the API's words (under the table too). */
const refusals = signal<Record<string, string>>({});

/** The last test of each device still listed, as notes under the devices' table. */
export function FencingTestResults({ devices }: { devices: ClusterResource[] }) {
  const shown = devices.map((d) => tests.value[d.id]).filter((r): r is FencingTest => !!r);
  const refused = devices.filter((d) => refusals.value[d.id]);
  return (
    <>
      {refused.map((d) => (
        <ErrorNotice key={`refused-${d.id}`} message={`${d.id}: ${refusals.value[d.id]}`} />
      ))}
      {shown.map((r) => (
        <Notice
          key={r.device}
          tone={r.ok && r.uncovered.length === 0 ? "success" : "warning"}
          kind="note"
        >
          {r.message}
          {r.ok && r.targets.length > 0 &&
            ` · ${t("Can power off: {{nodes}}", { nodes: r.targets.join(", ") })}`}
          {r.uncovered.length > 0 &&
            ` · ${t("Cannot power off: {{nodes}}", { nodes: r.uncovered.join(", ") })}`}
        </Notice>
      ))}
    </>
  );
}

function ParamField(
  { p, value, onValue }: { p: FenceParam; value: string; onValue: (v: string) => void },
) {
  const id = `fence-param-${p.name}`;
  const label = p.required ? `${p.name} *` : p.name;
  if (p.type === "select" && p.choices.length > 0) {
    return (
      <SelectField
        id={id}
        label={label}
        value={value}
        onValue={onValue}
        options={[
          ["", t("Default ({{value}})", { value: p.default ?? "—" })],
          ...p.choices.map((c) => [c, c] as const),
        ]}
      />
    );
  }
  return (
    <TextField
      id={id}
      label={label}
      hint={p.description}
      type={p.secret ? "password" : "text"}
      autocomplete={p.secret ? "new-password" : "off"}
      placeholder={p.default ?? undefined}
      value={value}
      onValue={onValue}
      maxLength={1024}
    />
  );
}

/** The Add fencing device button and its dialog. */
export function AddFencingDevice(
  { status, reload }: { status: ClusterStatus; reload: () => Promise<void> },
) {
  const dialog = useRef<HTMLDialogElement>(null);
  const agents = useSignal<string[] | null>(null);
  const info = useSignal<FenceAgentInfo | null>(null);
  const id = useSignal("");
  const agent = useSignal("");
  const hosts = useSignal<string[]>(status.nodes.map((n) => n.name));
  const params = useSignal<Record<string, string>>({});
  const call = useBusyCall();
  const loadAgent = (name: string) =>
    call.run(async () => {
      agent.value = name;
      params.value = {};
      info.value = name ? await request<FenceAgentInfo>("GET", clusterFenceAgentPath(name)) : null;
    });
  const open = () => {
    dialog.current?.showModal();
    if (agents.value === null) {
      call.run(async () => {
        agents.value = (await request<{ agents: string[] }>("GET", clusterFenceAgentsPath()))
          .agents;
      });
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    call.run(async () => {
      const given = Object.fromEntries(Object.entries(params.value).filter(([, v]) => v !== ""));
      await request("POST", clusterFencingPath(), {
        id: id.value.trim(),
        agent: agent.value,
        hosts: hosts.value,
        params: given,
      });
      dialog.current?.close();
      id.value = "";
      params.value = {};
      await reload();
    });
  };
  const shown = info.value?.params ?? [];
  const required = shown.filter((p) => p.required);
  const optional = shown.filter((p) => !p.required);
  const fields = (list: FenceParam[]) =>
    list.map((p) => (
      <ParamField
        key={p.name}
        p={p}
        value={params.value[p.name] ?? ""}
        onValue={(v) => params.value = { ...params.value, [p.name]: v }}
      />
    ));
  return (
    <>
      <Button small onClick={open}>{t("Add fencing device")}</Button>
      <FormDialog
        dialogRef={dialog}
        id="fence-add"
        title={t("Add fencing device")}
        onSubmit={submit}
        submitLabel={t("Add device")}
        busy={call.busy.value}
        disabled={!agent.value || !id.value.trim() || hosts.value.length === 0}
      >
        <TextField
          id="fence-id"
          label={t("Device name")}
          hint={t("A Pacemaker resource id: a letter, then letters, digits, _ . or -")}
          {...bindSignal(id)}
          maxLength={100}
          required
        />
        <SelectField
          id="fence-agent"
          label={t("Agent")}
          value={agent.value}
          onValue={loadAgent}
          options={[
            ["", agents.value === null ? t("Loading…") : t("Choose an agent")],
            ...(agents.value ?? []).map((a) => [a, a] as const),
          ]}
        />
        {info.value?.description && <p class="muted">{info.value.description}</p>}
        <fieldset class="fence-hosts">
          <legend>{t("Nodes it powers off")}</legend>
          {status.nodes.map((n) => (
            <Checkbox
              key={n.name}
              label={n.name}
              checked={hosts.value.includes(n.name)}
              onChecked={(on) =>
                hosts.value = on
                  ? [...hosts.value, n.name]
                  : hosts.value.filter((h) => h !== n.name)}
            />
          ))}
        </fieldset>
        {fields(required)}
        {optional.length > 0 && (
          <details class="fence-more">
            <summary>{t("More parameters ({{n}})", { n: optional.length })}</summary>
            {fields(optional)}
          </details>
        )}
        <ErrorNotice message={call.error.value} />
      </FormDialog>
    </>
  );
}

/** Test, and Remove for a device KVM Manager added. */
export function FencingDeviceActions(
  { device, reload }: { device: ClusterResource; reload: () => Promise<void> },
) {
  const call = useBusyCall();
  const dialog = useRef<HTMLDialogElement>(null);
  // Shown under the table, not in the row: on a phone the row has no room for words.
  const refused = (message: string | null) => {
    const { [device.id]: _, ...rest } = refusals.value;
    refusals.value = message ? { ...rest, [device.id]: message } : rest;
  };
  /** Runs `fn`; its refusal is kept for the note under the table. */
  const run = (fn: () => Promise<void>) =>
    call.run(async () => {
      refused(null);
      await fn().catch((err) => refused(errorMessage(err)));
    });
  const test = () =>
    run(async () => {
      const result = await request<FencingTest>("POST", clusterFencingTestPath(device.id));
      tests.value = { ...tests.value, [device.id]: result };
    });
  const remove = () =>
    run(async () => {
      await request("DELETE", clusterFencingDevicePath(device.id));
      await reload();
    });
  return (
    <span class="row-actions fence-actions">
      <Button small onClick={test} busy={call.busy.value}>{t("Test")}</Button>
      {device.ours && (
        <Button
          small
          onClick={() => dialog.current?.showModal()}
          disabled={call.busy.value}
        >
          {t("Remove")}
        </Button>
      )}
      <ConfirmDialog
        dialogRef={dialog}
        title={t("Remove fencing device {{device}}", { device: device.id })}
        confirmLabel={t("Remove")}
        onConfirm={remove}
      >
        <p>
          {t(
            "Pacemaker can no longer power off the nodes only this device covers: their VMs would not be started elsewhere.",
          )}
        </p>
      </ConfirmDialog>
    </span>
  );
}
