// /: the dashboard, the host and its VMs at a glance, with the host's usage graphs.

import type { ComponentChildren } from "preact";
import type { PoolInfo } from "../../shared/storage.ts";
import type { VmState, VmSummary } from "../../shared/vms.ts";
import type { BusiestVms, Failures } from "../../shared/dashboard.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { formatBytes, formatMb } from "../../shared/format.ts";
import { Card } from "../../components/kit/Card.tsx";
import { Badge, SeverityBadge, StateBadge } from "../../components/kit/Badge.tsx";
import { Meter, PercentMeter } from "../../components/kit/Meter.tsx";
import { MemoryUse } from "../../components/vm/MemoryUse.tsx";
import { usagePercent } from "../../islands/storage/UsageMeter.tsx";
import { clockText, targetHref, taskHref, taskName } from "../../islands/tasks/format.ts";
import { reasonWords } from "../../shared/vm_state_reason.ts";
import type { ConnectionStatus, HostInfo } from "../../shared/host.ts";
import HostGraphs from "../../islands/HostGraphs.tsx";
import { Island } from "../../components/Island.tsx";
import { UsageCard } from "../../components/UsageCard.tsx";
import { HostCheckCard } from "../../components/HostCheckCard.tsx";
import type { HostCheck } from "../../shared/host_check.ts";
import { dashboardData } from "../dashboard_data.ts";
import type { PageKit } from "../page_kit.tsx";
import { staleOf } from "../page_render.tsx";
import { MONITORING_CSS, UPLOT_CSS } from "../page_styles.ts";

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
function PoolsCard({ pools, error }: { pools: PoolInfo[] | null; error: string | null }) {
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

/** A titled list inside a card: the busiest VMs by one measure, or one kind of failure. */
function SubList(
  { title, id, children }: { title: ComponentChildren; id?: string; children: ComponentChildren },
) {
  return (
    <>
      <h3 id={id} class="dash-subtitle">{title}</h3>
      <ul class="dash-list">{children}</ul>
    </>
  );
}

const vmLink = (vm: Pick<VmSummary, "id" | "name">) => <a href={`/vms/${enc(vm.id)}`}>{vm.name}</a>;

/** One column of the busiest VMs: a linked row per VM with its figure (and note) by one measure. */
function BusiestColumn(
  { id, title, vms, figure, note }: {
    id: string;
    title: string;
    vms: VmSummary[];
    figure: (vm: VmSummary) => ComponentChildren;
    note?: (vm: VmSummary) => ComponentChildren;
  },
) {
  return (
    <section aria-labelledby={id}>
      <SubList id={id} title={title}>
        {vms.map((vm) => (
          <Row key={vm.id} id={vm.id} name={vmLink(vm)} figure={figure(vm)} note={note?.(vm)} />
        ))}
      </SubList>
    </section>
  );
}

/** The busiest running VMs, by CPU and by memory held, as the collector last sampled them. */
function BusiestCard({ busiest }: { busiest: BusiestVms }) {
  const empty = busiest.cpu.length === 0 && busiest.memory.length === 0;
  return (
    <Card id="busiest" title={t("Busiest VMs")} class="dash-busiest">
      {empty
        ? <p class="muted">{t("No running VM has been sampled yet.")}</p>
        : (
          <div class="dash-columns">
            <BusiestColumn
              id="busiest-cpu"
              title={t("By CPU")}
              vms={busiest.cpu}
              figure={(vm) => (
                <PercentMeter
                  percent={vm.cpuPercent!}
                  label={t("CPU use of {{name}}", { name: vm.name })}
                />
              )}
            />
            <BusiestColumn
              id="busiest-memory"
              title={t("By memory")}
              vms={busiest.memory}
              figure={(vm) => <MemoryUse vm={vm} note={false} />}
              note={(vm) =>
                vm.memoryNoGuestStats
                  ? t("{{total}} assigned, no guest statistics", { total: formatMb(vm.memoryMb) })
                  : t("{{used}} of {{total}}", {
                    used: formatMb(Math.round(vm.memoryPercent! / 100 * vm.memoryMb)),
                    total: formatMb(vm.memoryMb),
                  })}
            />
          </div>
        )}
    </Card>
  );
}

/**
 * The VMs stopped or paused by an error now (each with what to do), the alerts firing now and
 * the last failed tasks (linked to their log entry and target).
 */
function FailuresCard({ failures, now }: { failures: Failures; now: number }) {
  const { vms, tasks, alerts } = failures;
  return (
    <Card id="failures" title={t("Last failures")}>
      {vms.length === 0 && tasks.length === 0 && alerts.length === 0 && (
        <p class="verdict-ok">{t("No VM in trouble, no failed tasks and no firing alerts.")}</p>
      )}
      {vms.length > 0 && (
        <SubList title={t("VMs in trouble")}>
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
        </SubList>
      )}
      {alerts.length > 0 && (
        <SubList title={<a href="/alerts">{t("Firing alerts")}</a>}>
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
        </SubList>
      )}
      {tasks.length > 0 && (
        <SubList title={<a href="/tasks">{t("Failed tasks")}</a>}>
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
        </SubList>
      )}
    </Card>
  );
}

interface Props {
  host: HostInfo | null;
  vms: VmSummary[] | null;
  connection: ConnectionStatus;
  /** The host check; null when it could not be read. */
  check: HostCheck | null;
  /** The storage pools; null when they could not be read (`poolsError` says why). */
  pools: PoolInfo[] | null;
  poolsError: string | null;
  busiest: BusiestVms;
  failures: Failures;
  /** Why host or VMs could not be read, shown in place of the missing card. */
  error: string | null;
  /** The collector tick, how often the live graphs re-read. */
  tickSeconds: number;
  /** The page's clock (failure times say the date only when not today). */
  now?: number;
}

const STATE_ORDER: VmState[] = ["running", "paused", "suspended", "stopped", "crashed"];

/** Product names: shown as written in every language. */
const PRODUCTS = { libvirt: "libvirt", qemu: "QEMU" };

/** Each state's link title, as a key (the state's word changes form inside the sentence). */
const SHOW_STATE: Record<VmState, string> = {
  running: tKey("Show the running VMs"),
  paused: tKey("Show the paused VMs"),
  suspended: tKey("Show the suspended VMs"),
  stopped: tKey("Show the stopped VMs"),
  crashed: tKey("Show the crashed VMs"),
};

function DashboardPage(
  {
    host,
    vms,
    connection,
    check,
    pools,
    poolsError,
    busiest,
    failures,
    error,
    tickSeconds,
    now = Date.now(),
  }: Props,
) {
  return (
    <>
      <h1>{t("Dashboard")}</h1>
      {error && <p class="notice notice-error">{error}</p>}
      <div class="cards">
        {host && <HostCard host={host} />}
        {vms && <CountsCard vms={vms} />}
        {check && check.items.length > 0 && <HostCheckCard check={check} />}
        <section class="card" aria-labelledby="conn-title">
          <h2 id="conn-title">{t("Connection")}</h2>
          <dl class="props">
            <dt>{t("URI")}</dt>
            <dd>
              <code>{connection.uri}</code>
            </dd>
            <dt>{t("Status")}</dt>
            <dd>
              <span class={`badge ${connection.connected ? "badge-running" : "badge-crashed"}`}>
                {connection.connected ? t("Connected") : t("Disconnected")}
              </span>
            </dd>
            {connection.error && (
              <>
                <dt>{t("Error")}</dt>
                <dd>{connection.error}</dd>
              </>
            )}
          </dl>
        </section>
        <PoolsCard pools={pools} error={poolsError} />
        <FailuresCard failures={failures} now={now} />
        {vms && <BusiestCard busiest={busiest} />}
        <UsageCard title={t("Host usage")} full>
          <Island name="HostGraphs" component={HostGraphs} props={{ tickSeconds }} />
        </UsageCard>
      </div>
    </>
  );
}

function HostCard({ host }: { host: HostInfo }) {
  // The host graph's figures (lib/this_host/memory.ts): used is what is not available.
  const usedMb = Math.max(0, host.memoryTotalMb - host.memoryAvailableMb);
  const usedPct = host.memoryTotalMb ? Math.round(usedMb / host.memoryTotalMb * 100) : 0;
  return (
    <section class="card" aria-labelledby="host-title">
      <h2 id="host-title">{t("Host")}</h2>
      <dl class="props">
        <dt>{t("Hostname")}</dt>
        <dd>{host.hostname}</dd>
        <dt>{t("Hypervisor")}</dt>
        <dd>{host.hypervisor}</dd>
        <dt>{t("CPU")}</dt>
        <dd>{host.cpuModel}</dd>
        <dt>{t("CPUs")}</dt>
        <dd>
          {t("{{count}} cores", { count: host.cpuCount })},{" "}
          {t("{{count}} threads", { count: host.cpuThreads })}
        </dd>
        <dt>{t("Memory")}</dt>
        <dd>
          {t("{{used}} used of {{total}} ({{available}} available)", {
            used: formatMb(usedMb),
            total: formatMb(host.memoryTotalMb),
            available: formatMb(host.memoryAvailableMb),
          })}
          <Meter value={usedPct} label={t("Memory used")} />
        </dd>
        <dt>{PRODUCTS.libvirt}</dt>
        <dd>{host.libvirtVersion}</dd>
        <dt>{PRODUCTS.qemu}</dt>
        <dd>{host.qemuVersion}</dd>
        <dt>{t("VMs")}</dt>
        <dd>
          {t("{{active}} active of {{total}}", { active: host.activeVms, total: host.totalVms })}
        </dd>
      </dl>
    </section>
  );
}

function CountsCard({ vms }: { vms: VmSummary[] }) {
  const counts = new Map<VmState, number>();
  for (const vm of vms) counts.set(vm.state, (counts.get(vm.state) ?? 0) + 1);
  return (
    <section class="card" aria-labelledby="counts-title">
      <h2 id="counts-title">{t("Virtual machines")}</h2>
      <p class="big-number">
        {/* The whole line is the link: a bare number inside text needs more than colour. */}
        <a href="/vms">
          {vms.length} <span class="muted">{t("total")}</span>
        </a>
      </p>
      <ul class="state-counts">
        {STATE_ORDER.filter((s) => counts.has(s) || s === "running" || s === "stopped").map((
          state,
        ) => (
          <li key={state}>
            <a
              class="state-count-link"
              href={`/vms?state=${state}`}
              title={t(SHOW_STATE[state])}
            >
              <StateBadge state={state} />
              <span class="count">{counts.get(state) ?? 0}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function (page: PageKit) {
  page.page("/", "Dashboard: the host and its VMs", async (c) => {
    const { data, reads } = await dashboardData(page.ctx, page.known, c.get("identity"));
    return page.render(c, <DashboardPage {...data} tickSeconds={page.tickSeconds()} />, {
      title: t("Dashboard"),
      active: "dashboard",
      styles: [UPLOT_CSS, MONITORING_CSS],
      stale: staleOf(reads),
    });
  });
}
