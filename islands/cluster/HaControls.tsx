// The Cluster page's controls for admins (islands/ClusterView.tsx): which pools every node sees
// (shared storage), making a VM of this host highly available, and each HA VM's Start, Stop and
// Hand back. Every refusal is shown in the API's words beside the control that asked.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { ClusterResource, ClusterStatus } from "../../shared/cluster.ts";
import type { PoolInfo } from "../../shared/storage.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { LOCAL_HOST } from "../../shared/hosts.ts";
import {
  clusterSharedPoolsPath,
  clusterVmActionPath,
  clusterVmPath,
  clusterVmsPath,
  poolsPath,
  vmsPath,
} from "../../shared/api_paths.ts";
import { Card } from "../../components/kit/Card.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { Checkbox, SelectField, TextField } from "../../components/kit/controls.tsx";
import { ErrorNotice, Notice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t } from "../../shared/i18n/t.ts";
import { request } from "../../components/client/api.ts";

const local = (path: string) => `${path}?host=${encodeURIComponent(LOCAL_HOST)}`;

export function SharedPoolsCard() {
  const pools = useSignal<PoolInfo[] | null>(null);
  const marked = useSignal<string[]>([]);
  const saved = useSignal(false);
  const call = useBusyCall();
  useEffect(() => {
    call.run(async () => {
      const [all, shared] = await Promise.all([
        request<PoolInfo[]>("GET", local(poolsPath())),
        request<{ pools: string[] }>("GET", clusterSharedPoolsPath()),
      ]);
      pools.value = all;
      marked.value = shared.pools;
    });
  }, []);
  const toggle = (name: string, on: boolean) => {
    saved.value = false;
    marked.value = on ? [...marked.value, name] : marked.value.filter((p) => p !== name);
  };
  const save = () =>
    call.run(async () => {
      marked.value = (await request<{ pools: string[] }>("PUT", clusterSharedPoolsPath(), {
        pools: marked.value,
      })).pools;
      saved.value = true;
    });
  return (
    <Card id="cluster-shared" title={t("Shared storage")}>
      <p class="muted">
        {t(
          "Mark the pools every node sees at the same path (NFS, a cluster file system): an HA VM's disks and definition must be there.",
        )}
      </p>
      {pools.value?.length === 0 && <p class="muted">{t("This host has no storage pools.")}</p>}
      <div class="cluster-pools">
        {pools.value?.map((p) => (
          <Checkbox
            key={p.name}
            label={p.path ? `${p.name} (${p.path})` : p.name}
            checked={marked.value.includes(p.name)}
            onChecked={(on) => toggle(p.name, on)}
            disabled={call.busy.value}
          />
        ))}
      </div>
      <Button kind="primary" onClick={save} busy={call.busy.value} disabled={pools.value === null}>
        {t("Save shared pools")}
      </Button>
      <ErrorNotice message={call.error.value} />
      {saved.value && <Notice tone="success" kind="note">{t("Saved.")}</Notice>}
    </Card>
  );
}

export function MakeHaCard(
  { status, reload }: { status: ClusterStatus; reload: () => Promise<void> },
) {
  const vms = useSignal<VmSummary[] | null>(null);
  const vm = useSignal("");
  const node = useSignal("");
  const priority = useSignal("0");
  const live = useSignal(true);
  const made = useSignal<string | null>(null);
  const call = useBusyCall();
  const taken = new Set(status.resources.map((r) => r.domain).filter((d) => d !== null));
  useEffect(() => {
    call.run(async () => {
      vms.value = await request<VmSummary[]>("GET", local(vmsPath()));
      vm.value = vms.value.find((v) => !taken.has(v.name))?.name ?? "";
    });
  }, []);
  const submit = (e: Event) => {
    e.preventDefault();
    made.value = null;
    call.run(async () => {
      const answer = await request<{ resource: string }>("POST", clusterVmsPath(), {
        vm: vm.value,
        preferredNode: node.value || null,
        priority: Number(priority.value),
        allowMigrate: live.value,
      });
      made.value = t("{{name}} is highly available now: Pacemaker resource {{resource}}.", {
        name: vm.value,
        resource: answer.resource,
      });
      await reload();
    });
  };
  return (
    <Card id="cluster-make-ha" title={t("Make a VM highly available")}>
      <form onSubmit={submit}>
        <SelectField
          id="ha-vm"
          label={t("VM of this host")}
          {...bindSignal(vm)}
          options={(vms.value ?? []).map((v) => [v.name, v.name, taken.has(v.name)] as const)}
          disabled={call.busy.value}
        />
        <SelectField
          id="ha-node"
          label={t("Preferred node")}
          {...bindSignal(node)}
          options={[
            ["", t("None: wherever Pacemaker chooses")],
            ...status.nodes.map((n) => [n.name, n.name] as const),
          ]}
        />
        <TextField
          id="ha-priority"
          label={t("Priority")}
          hint={t("Higher keeps running when not all VMs can (0 to 1000000)")}
          type="number"
          min={0}
          max={1_000_000}
          {...bindSignal(priority)}
        />
        <Checkbox
          label={t("Move it live when Pacemaker moves it")}
          checked={live.value}
          onChecked={(on) => live.value = on}
        />
        <Button type="submit" kind="primary" busy={call.busy.value} disabled={!vm.value}>
          {t("Make highly available")}
        </Button>
      </form>
      <ErrorNotice message={call.error.value} />
      {made.value && <Notice tone="success" kind="note">{made.value}</Notice>}
    </Card>
  );
}

/** Start, Stop and Hand back for an HA VM KVM Manager made; nothing for any other resource. */
export function HaActions(
  { resource, reload }: { resource: ClusterResource; reload: () => Promise<void> },
) {
  const call = useBusyCall();
  if (resource.kind !== "vm" || !resource.ours) return null;
  const act = (path: string, method = "POST") =>
    call.run(async () => {
      await request(method, path);
      await reload();
    });
  const stopped = resource.targetRole === "Stopped";
  return (
    <span class="ha-actions">
      {stopped
        ? (
          <Button small onClick={() => act(clusterVmActionPath(resource.id, "start"))}>
            {t("Start")}
          </Button>
        )
        : (
          <Button small onClick={() => act(clusterVmActionPath(resource.id, "stop"))}>
            {t("Stop")}
          </Button>
        )}
      <Button small onClick={() => act(clusterVmPath(resource.id), "DELETE")}>
        {t("Hand back")}
      </Button>
      {call.error.value && <span class="note note-error" role="alert">{call.error.value}</span>}
    </span>
  );
}
