// Body of `/`: host summary, VM counts by state (each a link to the list filtered to it), the
// libvirt connection and the host's usage graphs.

import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import type { VmState, VmSummary } from "../shared/vms.ts";
import HostGraphs from "../islands/HostGraphs.tsx";
import { formatMb } from "./format.ts";
import { Island } from "./Island.tsx";
import { Meter } from "./kit/Meter.tsx";
import { STATE_LABELS, StateBadge } from "./kit/Badge.tsx";
import { UsageCard } from "./UsageCard.tsx";

interface Props {
  host: HostInfo | null;
  vms: VmSummary[] | null;
  connection: ConnectionStatus;
  /** Why host or VMs could not be read, shown in place of the missing card. */
  error: string | null;
  /** The collector tick, how often the live graphs re-read. */
  tickSeconds: number;
}

const STATE_ORDER: VmState[] = ["running", "paused", "suspended", "stopped", "crashed"];

export function DashboardPage({ host, vms, connection, error, tickSeconds }: Props) {
  return (
    <>
      <h1>Dashboard</h1>
      {error && <p class="notice notice-error">{error}</p>}
      <div class="cards">
        {host && <HostCard host={host} />}
        {vms && <CountsCard vms={vms} />}
        <section class="card" aria-labelledby="conn-title">
          <h2 id="conn-title">Connection</h2>
          <dl class="props">
            <dt>URI</dt>
            <dd>
              <code>{connection.uri}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <span class={`badge ${connection.connected ? "badge-running" : "badge-crashed"}`}>
                {connection.connected ? "Connected" : "Disconnected"}
              </span>
            </dd>
            {connection.error && (
              <>
                <dt>Error</dt>
                <dd>{connection.error}</dd>
              </>
            )}
          </dl>
        </section>
        <UsageCard title="Host usage" full>
          <Island name="HostGraphs" component={HostGraphs} props={{ tickSeconds }} />
        </UsageCard>
      </div>
    </>
  );
}

function HostCard({ host }: { host: HostInfo }) {
  const usedMb = host.memoryTotalMb - host.memoryFreeMb;
  const usedPct = host.memoryTotalMb ? Math.round(usedMb / host.memoryTotalMb * 100) : 0;
  return (
    <section class="card" aria-labelledby="host-title">
      <h2 id="host-title">Host</h2>
      <dl class="props">
        <dt>Hostname</dt>
        <dd>{host.hostname}</dd>
        <dt>Hypervisor</dt>
        <dd>{host.hypervisor}</dd>
        <dt>CPU</dt>
        <dd>{host.cpuModel}</dd>
        <dt>CPUs</dt>
        <dd>{host.cpuCount} cores, {host.cpuThreads} threads</dd>
        <dt>Memory</dt>
        <dd>
          {formatMb(usedMb)} used of {formatMb(host.memoryTotalMb)} ({formatMb(host.memoryFreeMb)}
          {" "}
          free)
          <Meter value={usedPct} label="Memory used" />
        </dd>
        <dt>libvirt</dt>
        <dd>{host.libvirtVersion}</dd>
        <dt>QEMU</dt>
        <dd>{host.qemuVersion}</dd>
        <dt>VMs</dt>
        <dd>{host.activeVms} active of {host.totalVms}</dd>
      </dl>
    </section>
  );
}

function CountsCard({ vms }: { vms: VmSummary[] }) {
  const counts = new Map<VmState, number>();
  for (const vm of vms) counts.set(vm.state, (counts.get(vm.state) ?? 0) + 1);
  return (
    <section class="card" aria-labelledby="counts-title">
      <h2 id="counts-title">Virtual machines</h2>
      <p class="big-number">
        {/* The whole line is the link: a bare number inside text needs more than colour. */}
        <a href="/vms">
          {vms.length} <span class="muted">total</span>
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
              title={`Show the ${STATE_LABELS[state].toLowerCase()} VMs`}
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
