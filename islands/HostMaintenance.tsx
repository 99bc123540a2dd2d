// The hosts page's "Maintenance" card: pick a host, see where its VMs would go, enter
// maintenance (its running VMs migrated away one or two at a time, new VMs refused there), follow
// or cancel the moves, and leave in one click, bringing the moved VMs back when asked.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { HostStatus } from "../shared/hosts.ts";
import type {
  MaintenancePlan,
  MaintenanceRun,
  MaintenanceStatus,
  StoppedPolicy,
} from "../shared/maintenance.ts";
import { Card } from "../components/kit/Card.tsx";
import { Button } from "../components/kit/Button.tsx";
import { Badge } from "../components/kit/Badge.tsx";
import { Meter } from "../components/kit/Meter.tsx";
import { Checkbox, RadioGroup, SelectField } from "../components/kit/controls.tsx";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { bindSignal } from "../components/kit/bind_signal.ts";
import { errorMessage } from "../components/client/api.ts";
import { isAdmin } from "../components/client/session.ts";
import {
  cancelMaintenance,
  enterMaintenance,
  leaveMaintenance,
  maintenancePlan,
  maintenanceStatus,
} from "./maintenance/api.ts";
import { PlanTable } from "./maintenance/PlanTable.tsx";
import { t } from "../shared/i18n/t.ts";

interface Props {
  hosts: HostStatus[];
  [key: string]: unknown;
}

const POLL_MS = 2000;

function RunLine({ run }: { run: MaintenanceRun }) {
  if (run.total === 0) return null;
  const what = run.kind === "enter" ? t("Moving VMs away") : t("Bringing VMs back");
  const words = t("{{done}} of {{total}} VMs moved", { done: run.done, total: run.total });
  const state = run.state === "running"
    ? (run.moving.length ? t("now: {{names}}", { names: run.moving.join(", ") }) : "")
    : run.state === "completed"
    ? t("done")
    : run.state === "cancelled"
    ? t("cancelled")
    : t("failed");
  return (
    <div class="maintenance-run" role="status">
      <p>
        <strong>{what}</strong>: {words} {state && <span class="muted">({state})</span>}
      </p>
      <Meter
        value={run.total ? run.done : 1}
        max={run.total || 1}
        label={words}
        neutral
      />
      {run.failures.map((f) => <p key={f.name} class="maintenance-problem">{f.name}: {f.message}
      </p>)}
    </div>
  );
}

export default function HostMaintenance({ hosts }: Props) {
  const hostId = useSignal(hosts[0]?.id ?? "");
  const status = useSignal<MaintenanceStatus | null>(null);
  const plan = useSignal<MaintenancePlan | null>(null);
  const chosen = useSignal<Record<string, string>>({});
  const stopped = useSignal<StoppedPolicy>("stay");
  const parallel = useSignal("1");
  const bringBack = useSignal(true);
  const busy = useSignal(false);
  const failure = useSignal<string | null>(null);
  const admin = isAdmin();
  const host = hosts.find((h) => h.id === hostId.value);

  const reload = async () => {
    if (!hostId.value) return;
    status.value = await maintenanceStatus(hostId.value);
  };
  const act = async (work: () => Promise<unknown>) => {
    busy.value = true;
    failure.value = null;
    try {
      await work();
      await reload();
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  const input = () => {
    const targets = Object.fromEntries(Object.entries(chosen.value).filter(([, to]) => to));
    return {
      ...Object.keys(targets).length ? { targets } : {},
      stopped: stopped.value,
      parallel: Number(parallel.value),
    };
  };
  const planNow = () => act(async () => plan.value = await maintenancePlan(hostId.value, input()));

  useEffect(() => {
    plan.value = null;
    chosen.value = {};
    act(reload);
  }, [hostId.value]);
  // Follows a run while it goes on.
  const running = status.value?.run?.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => reload().catch(() => {}), POLL_MS);
    return () => clearInterval(timer);
  }, [running, hostId.value]);

  const s = status.value;
  return (
    <Card id="maintenance" title={t("Maintenance")}>
      <p class="muted">
        {t(
          "A host in maintenance takes no new VMs. Entering it live-migrates its running VMs to the other connected hosts, by free memory or as you choose; leaving it can bring them back.",
        )}
      </p>
      {hosts.length < 2 && (
        <Notice tone="info">
          {t(
            "This is the only host KVM Manager manages, so there is nowhere to move its VMs: entering maintenance here only stops new VMs from starting on it, and its running VMs stay. Add a second host (qemu+ssh://…) to move them away first.",
          )} <a href="/hosts#host-name">{t("Add a host")}</a>
        </Notice>
      )}
      <div class="form-row">
        <SelectField
          id="maintenance-host"
          label={t("Host for maintenance")}
          {...bindSignal(hostId)}
          options={hosts.map((h) => [h.id, h.name])}
        />
      </div>
      {s && (
        <p class="maintenance-state">
          {s.inMaintenance
            ? (
              <>
                <Badge tone="warning">{t("In maintenance")}</Badge>{" "}
                {t("since {{when}}, by {{who}}", {
                  when: new Date(s.since!).toLocaleString(),
                  who: s.by ?? "?",
                })}
                {s.moved.length > 0 &&
                  ` — ${t("{{count}} VMs moved away", { count: s.moved.length })}`}
              </>
            )
            : t("{{name}} is in service.", { name: host?.name ?? hostId.value })}
        </p>
      )}
      {s?.run && <RunLine run={s.run} />}
      {admin && s && !s.inMaintenance && !running && (
        <>
          <div class="form-row">
            <RadioGroup
              legend={t("Stopped VMs")}
              name="maintenance-stopped"
              value={stopped.value}
              onValue={(v) => stopped.value = v as StoppedPolicy}
              options={[["stay", t("Stay here")], ["move", t("Move their definitions")]]}
            />
            <SelectField
              id="maintenance-parallel"
              label={t("Migrations at a time")}
              {...bindSignal(parallel)}
              options={[["1", "1"], ["2", "2"]]}
            />
          </div>
          {plan.value && (
            <PlanTable
              plan={plan.value}
              chosen={chosen.value}
              onChoose={(vm, to) => {
                chosen.value = { ...chosen.value, [vm]: to };
                planNow();
              }}
            />
          )}
          <div class="toolbar">
            <Button disabled={busy.value} onClick={planNow}>{t("Plan moves")}</Button>
            <Button
              kind="warning"
              busy={busy.value}
              disabled={busy.value || plan.value?.ok === false}
              onClick={() => act(() => enterMaintenance(hostId.value, input()))}
            >
              {t("Enter maintenance")}
            </Button>
          </div>
        </>
      )}
      {admin && running && (
        <div class="toolbar">
          <Button kind="danger" onClick={() => act(() => cancelMaintenance(hostId.value))}>
            {t("Cancel moves")}
          </Button>
        </div>
      )}
      {admin && s?.inMaintenance && !running && (
        <div class="toolbar">
          {s.moved.length > 0 && (
            <Checkbox
              label={t("Bring back the {{count}} VMs that left", { count: s.moved.length })}
              checked={bringBack.value}
              onChecked={(v) => bringBack.value = v}
            />
          )}
          <Button
            kind="primary"
            busy={busy.value}
            disabled={busy.value}
            onClick={() =>
              act(() =>
                leaveMaintenance(hostId.value, { bringBack: s.moved.length > 0 && bringBack.value })
              )}
          >
            {t("Leave maintenance")}
          </Button>
        </div>
      )}
      <ErrorNotice message={failure.value} />
    </Card>
  );
}
