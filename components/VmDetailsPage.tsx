// Body of `/vms/:id`: the actions, configuration, graphs, guest, insights, settings, snapshots,
// backups and policy islands, and graphics.

import type { Vm } from "../shared/vms.ts";
import Insights from "../islands/Insights.tsx";
import VmActions from "../islands/VmActions.tsx";
import VmBackups from "../islands/VmBackups.tsx";
import VmMigrate from "../islands/VmMigrate.tsx";
import VmGraphs from "../islands/VmGraphs.tsx";
import VmGuest from "../islands/VmGuest.tsx";
import VmOverview from "../islands/VmOverview.tsx";
import VmPolicy from "../islands/VmPolicy.tsx";
import VmSettings from "../islands/VmSettings.tsx";
import VmSnapshots from "../islands/VmSnapshots.tsx";
import { yesNo } from "./format.ts";
import { Island } from "./Island.tsx";
import { UsageCard } from "./UsageCard.tsx";

export function hasVnc(vm: Vm): boolean {
  return vm.graphics.some((g) => g.type === "vnc");
}

/** `tickSeconds`: the collector tick, how often the live graphs re-read. */
export function VmDetailsPage({ vm, tickSeconds }: { vm: Vm; tickSeconds: number }) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/vms">Virtual machines</a> / {vm.name}
      </p>
      <Island
        name="VmActions"
        component={VmActions}
        props={{ id: vm.id, name: vm.name, state: vm.state, hasVnc: hasVnc(vm) }}
      />
      {/* Under the VNC console button; the page itself says when the VM is not running. */}
      <div class="vm-header needs-operator">
        <div class="actions">
          <a class="button" href={`/vms/${encodeURIComponent(vm.id)}/serial`}>Serial console</a>
        </div>
      </div>
      <div class="cards">
        <Island name="VmOverview" component={VmOverview} props={{ vm }} />
        <UsageCard title="Usage">
          <Island name="VmGraphs" component={VmGraphs} props={{ id: vm.id, tickSeconds }} />
        </UsageCard>
      </div>
      <Island name="VmGuest" component={VmGuest} props={{ vmId: vm.id, state: vm.state }} />
      <section class="card" aria-labelledby="insights-title">
        <h2 id="insights-title">Insights</h2>
        <Island
          name="Insights"
          component={Insights}
          props={{ vmId: vm.id, range: "24h" as const, report: null }}
        />
      </section>
      {/* Disks and NICs are part of the settings: listed there with their actions. */}
      <Island name="VmSettings" component={VmSettings} props={{ vm }} />
      <Island
        name="VmSnapshots"
        component={VmSnapshots}
        props={{ vmId: vm.id, vmName: vm.name, state: vm.state }}
      />
      <Island name="VmBackups" component={VmBackups} props={{ vmId: vm.id, vmName: vm.name }} />
      <Island name="VmPolicy" component={VmPolicy} props={{ vmId: vm.id, vmName: vm.name }} />
      <Island
        name="VmMigrate"
        component={VmMigrate}
        props={{ vmId: vm.id, vmName: vm.name, state: vm.state }}
      />
      <GraphicsTable vm={vm} />
    </>
  );
}

function GraphicsTable({ vm }: { vm: Vm }) {
  return (
    <section class="card" aria-labelledby="graphics-title">
      <h2 id="graphics-title">Graphics</h2>
      {vm.graphics.length === 0 ? <p class="muted">No graphical display.</p> : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Listen</th>
              <th scope="col">Port</th>
              <th scope="col">Autoport</th>
            </tr>
          </thead>
          <tbody>
            {vm.graphics.map((g, i) => (
              <tr key={i}>
                <td>{g.type.toUpperCase()}</td>
                <td>{g.listen ?? "—"}</td>
                <td>{g.port ?? "—"}</td>
                <td>{yesNo(g.autoport)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
