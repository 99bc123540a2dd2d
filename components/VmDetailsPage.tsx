// Body of `/vms/:id`: configuration, disks, NICs and graphics, with the actions and graphs islands.

import type { Vm } from "../lib/types.ts";
import VmActions from "../islands/VmActions.tsx";
import VmGraphs from "../islands/VmGraphs.tsx";
import { formatBytes, formatMb, yesNo } from "./format.ts";
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
        <Configuration vm={vm} />
        <section class="card card-wide" aria-labelledby="graphs-title">
          <h2 id="graphs-title">Usage</h2>
          <noscript>
            <p class="muted">The live graphs need JavaScript.</p>
          </noscript>
          <Island name="VmGraphs" component={VmGraphs} props={{ id: vm.id }} />
        </section>
      </div>
      <Disks vm={vm} />
      <Nics vm={vm} />
      <GraphicsTable vm={vm} />
    </>
  );
}

function Configuration({ vm }: { vm: Vm }) {
  const memory = vm.maxMemoryMb > vm.memoryMb
    ? `${formatMb(vm.memoryMb)} (max ${formatMb(vm.maxMemoryMb)})`
    : formatMb(vm.memoryMb);
  return (
    <section class="card" aria-labelledby="config-title">
      <h2 id="config-title">Configuration</h2>
      <dl class="props">
        <dt>vCPUs</dt>
        <dd>{vm.cpuCount}</dd>
        <dt>Memory</dt>
        <dd>{memory}</dd>
        <dt>OS</dt>
        <dd>{[vm.osType, vm.osVariant].filter(Boolean).join(" / ") || "—"}</dd>
        <dt>Machine</dt>
        <dd>{vm.machine ?? "—"}</dd>
        <dt>Architecture</dt>
        <dd>{vm.arch ?? "—"}</dd>
        <dt>Autostart</dt>
        <dd>{yesNo(vm.autostart)}</dd>
        <dt>Persistent</dt>
        <dd>{yesNo(vm.persistent)}</dd>
        <dt>Description</dt>
        <dd>{vm.description || vm.title || "—"}</dd>
        <dt>UUID</dt>
        <dd>
          <code>{vm.id}</code>
        </dd>
      </dl>
    </section>
  );
}

function Disks({ vm }: { vm: Vm }) {
  return (
    <section class="card" aria-labelledby="disks-title">
      <h2 id="disks-title">Disks</h2>
      {vm.disks.length === 0 ? <p class="muted">No disks.</p> : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Device</th>
                <th scope="col">Bus</th>
                <th scope="col">Path</th>
                <th scope="col">Format</th>
                <th scope="col" class="num">Size</th>
              </tr>
            </thead>
            <tbody>
              {vm.disks.map((d) => (
                <tr key={d.target}>
                  <td>{d.target}</td>
                  <td>{d.device}</td>
                  <td>{d.bus ?? "—"}</td>
                  <td class="path">{d.path ?? "—"}</td>
                  <td>{d.format ?? "—"}</td>
                  <td class="num">{formatBytes(d.sizeBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Nics({ vm }: { vm: Vm }) {
  return (
    <section class="card" aria-labelledby="nics-title">
      <h2 id="nics-title">Network interfaces</h2>
      {vm.networkInterfaces.length === 0
        ? <p class="muted">No network interfaces.</p>
        : (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">MAC</th>
                  <th scope="col">Network</th>
                  <th scope="col">Type</th>
                  <th scope="col">Model</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                {vm.networkInterfaces.map((n) => (
                  <tr key={n.mac}>
                    <td>
                      <code>{n.mac}</code>
                    </td>
                    <td>{n.network}</td>
                    <td>{n.type}</td>
                    <td>{n.model ?? "—"}</td>
                    <td>{n.ipAddress ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
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
