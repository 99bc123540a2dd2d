// Body of `/`: host summary, VM counts by state (each a link to the list filtered to it), the
// libvirt connection, storage pools, the busiest VMs, the last failures and the host's usage
// graphs.

import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import type { VmState, VmSummary } from "../shared/vms.ts";
import { t, tKey } from "../shared/i18n/t.ts";
import HostGraphs from "../islands/HostGraphs.tsx";
import { formatMb } from "../shared/format.ts";
import { Island } from "./Island.tsx";
import { Meter } from "./kit/Meter.tsx";
import { StateBadge } from "./kit/Badge.tsx";
import { UsageCard } from "./UsageCard.tsx";
import { HostCheckCard } from "./HostCheckCard.tsx";
import type { HostCheck } from "../shared/host_check.ts";
import type { PoolInfo } from "../shared/storage.ts";
import type { BusiestVms, Failures } from "../shared/dashboard.ts";
import { BusiestCard, FailuresCard, PoolsCard } from "./DashboardCards.tsx";

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

export function DashboardPage(
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
