// Body of `/vms/:id`: the actions, configuration, graphs and settings islands, and graphics.

import type { Vm } from "../lib/types.ts";
import VmActions from "../islands/VmActions.tsx";
import VmGraphs from "../islands/VmGraphs.tsx";
import VmOverview from "../islands/VmOverview.tsx";
import VmSettings from "../islands/VmSettings.tsx";
import { yesNo } from "./format.ts";
import { Island } from "./Island.tsx";

export function hasVnc(vm: Vm): boolean {
  return vm.graphics.some((g) => g.type === "vnc");
}

export function VmDetailsPage({ vm }: { vm: Vm }) {
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
      <div class="cards">
        <Island name="VmOverview" component={VmOverview} props={{ vm }} />
        <section class="card card-wide" aria-labelledby="graphs-title">
          <h2 id="graphs-title">Usage</h2>
          <noscript>
            <p class="muted">The live graphs need JavaScript.</p>
          </noscript>
          <Island name="VmGraphs" component={VmGraphs} props={{ id: vm.id }} />
        </section>
      </div>
      {/* Disks and NICs are part of the settings: listed there with their actions. */}
      <Island name="VmSettings" component={VmSettings} props={{ vm }} />
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
