// The dashboard's dense cards after the host's: storage pools with their use, the busiest VMs
// by CPU and by memory, and the last failures (VMs in trouble, firing alerts, failed tasks), each
// linked to its page. Server-rendered: what the server knew when the page was drawn.

import type { ComponentChildren } from "preact";
import type { PoolInfo } from "../shared/storage.ts";
import type { VmSummary } from "../shared/vms.ts";
import type { BusiestVms, Failures } from "../shared/dashboard.ts";
import { t } from "../shared/i18n/t.ts";
import { formatBytes, formatMb } from "../shared/format.ts";
import { Card } from "./kit/Card.tsx";
import { Badge, SeverityBadge } from "./kit/Badge.tsx";
import { PercentMeter } from "./kit/Meter.tsx";
import { MemoryUse } from "./vm/MemoryUse.tsx";
import { usagePercent } from "../islands/storage/UsageMeter.tsx";
import { clockText, targetHref, taskHref, taskName } from "../islands/tasks/format.ts";
import { reasonWords } from "../shared/vm_state_reason.ts";

const enc = encodeURIComponent;

/** One line of a dashboard list: what (a link), its figure, and muted words below. */
function Row(
  { name, figure, note, id }: {
    name: ComponentChildren;
    figure?: ComponentChildren;
    note?: ComponentChildren;
    id?: string;
  },
) {
  return (
    <li class="dash-row" data-row={id}>
      <span class="dash-name">{name}</span>
      {figure !== undefined && <span class="dash-figure">{figure}</span>}
      {note && <span class="dash-note">{note}</span>}
    </li>
  );
}

/** The pools: used of capacity with a bar; inactive ones named as such, with no figure. */
export function PoolsCard({ pools, error }: { pools: PoolInfo[] | null; error: string | null }) {
  const sorted = [...pools ?? []].sort((a, b) =>
    Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)
  );
  return (
    <Card id="pools" title={<a href="/storage">{t("Storage")}</a>}>
      {pools === null && <p class="muted">{error ?? t("Storage pools could not be read")}</p>}
      {pools?.length === 0 && (
        <p class="muted">
          {t("No storage pools yet.")} <a href="/storage">{t("Add one")}</a>
        </p>
      )}
      {sorted.length > 0 && (
        <ul class="dash-list">
          {sorted.map((pool) => (
            <Row
              key={pool.name}
              id={pool.name}
              name={<a href={`/storage/${enc(pool.name)}`}>{pool.name}</a>}
              figure={pool.active
                ? (
                  <PercentMeter
                    percent={usagePercent(pool)}
                    label={t("Usage of {{name}}", { name: pool.name })}
                  />
                )
                : <Badge tone="stopped">{t("Inactive")}</Badge>}
              note={pool.active
                ? t("{{used}} used of {{total}} ({{free}} free)", {
                  used: formatBytes(pool.allocationBytes),
                  total: formatBytes(pool.capacityBytes),
                  free: formatBytes(pool.availableBytes),
                })
                : undefined}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

const vmLink = (vm: Pick<VmSummary, "id" | "name">) => <a href={`/vms/${enc(vm.id)}`}>{vm.name}</a>;

/** The busiest running VMs, by CPU and by memory held, as the collector last sampled them. */
export function BusiestCard({ busiest }: { busiest: BusiestVms }) {
  const empty = busiest.cpu.length === 0 && busiest.memory.length === 0;
  return (
    <Card id="busiest" title={t("Busiest VMs")} class="dash-busiest">
      {empty
        ? <p class="muted">{t("No running VM has been sampled yet.")}</p>
        : (
          <div class="dash-columns">
            <section aria-labelledby="busiest-cpu">
              <h3 id="busiest-cpu" class="dash-subtitle">{t("By CPU")}</h3>
              <ul class="dash-list">
                {busiest.cpu.map((vm) => (
                  <Row
                    key={vm.id}
                    id={vm.id}
                    name={vmLink(vm)}
                    figure={
                      <PercentMeter
                        percent={vm.cpuPercent!}
                        label={t("CPU use of {{name}}", { name: vm.name })}
                      />
                    }
                  />
                ))}
              </ul>
            </section>
            <section aria-labelledby="busiest-memory">
              <h3 id="busiest-memory" class="dash-subtitle">{t("By memory")}</h3>
              <ul class="dash-list">
                {busiest.memory.map((vm) => (
                  <Row
                    key={vm.id}
                    id={vm.id}
                    name={vmLink(vm)}
                    figure={<MemoryUse vm={vm} note={false} />}
                    note={vm.memoryNoGuestStats
                      ? t("{{total}} assigned, no guest statistics", {
                        total: formatMb(vm.memoryMb),
                      })
                      : t("{{used}} of {{total}}", {
                        used: formatMb(Math.round(vm.memoryPercent! / 100 * vm.memoryMb)),
                        total: formatMb(vm.memoryMb),
                      })}
                  />
                ))}
              </ul>
            </section>
          </div>
        )}
    </Card>
  );
}

/**
 * The VMs stopped or paused by an error now (each with what to do), the alerts firing now and
 * the last failed tasks (linked to their log entry and target).
 */
export function FailuresCard({ failures, now }: { failures: Failures; now: number }) {
  const { vms, tasks, alerts } = failures;
  return (
    <Card id="failures" title={t("Last failures")}>
      {vms.length === 0 && tasks.length === 0 && alerts.length === 0 && (
        <p class="verdict-ok">{t("No VM in trouble, no failed tasks and no firing alerts.")}</p>
      )}
      {vms.length > 0 && (
        <>
          <h3 class="dash-subtitle">{t("VMs in trouble")}</h3>
          <ul class="dash-list">
            {vms.map((vm) => {
              const words = reasonWords(vm.state, vm.stateReason);
              return (
                <Row
                  key={`vm-${vm.id}`}
                  id={`vm-${vm.id}`}
                  name={vmLink(vm)}
                  figure={
                    <span
                      class="state-reason state-reason-warning"
                      data-state-reason={vm.stateReason}
                    >
                      {words?.full}
                    </span>
                  }
                  note={words?.hint}
                />
              );
            })}
          </ul>
        </>
      )}
      {alerts.length > 0 && (
        <>
          <h3 class="dash-subtitle">
            <a href="/alerts">{t("Firing alerts")}</a>
          </h3>
          <ul class="dash-list">
            {alerts.map((a) => (
              <Row
                key={`alert-${a.id}`}
                id={`alert-${a.id}`}
                name={
                  <>
                    <SeverityBadge severity={a.severity} /> {a.ruleName}
                  </>
                }
                figure={<time datetime={a.firedAt}>{clockText(Date.parse(a.firedAt), now)}</time>}
                note={vmLink({ id: a.vmId, name: a.vmName })}
              />
            ))}
          </ul>
        </>
      )}
      {tasks.length > 0 && (
        <>
          <h3 class="dash-subtitle">
            <a href="/tasks">{t("Failed tasks")}</a>
          </h3>
          <ul class="dash-list">
            {tasks.map((task) => {
              const target = targetHref(task.target, task.hostId);
              return (
                <Row
                  key={`task-${task.id}`}
                  id={`task-${task.id}`}
                  name={<a href={taskHref(task)}>{taskName(task)}</a>}
                  figure={
                    <time datetime={new Date(task.startedAt).toISOString()}>
                      {clockText(task.startedAt, now)}
                    </time>
                  }
                  note={
                    <>
                      {target && task.target && (
                        <>
                          <a href={target}>{task.target.name}</a>
                          {task.message ? ": " : ""}
                        </>
                      )}
                      {task.message}
                    </>
                  }
                />
              );
            })}
          </ul>
        </>
      )}
    </Card>
  );
}
