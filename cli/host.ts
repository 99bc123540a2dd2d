// `kvm-manager host`: the host's facts (GET /api/host and /api/connection); `host list`: the
// libvirt hosts the server manages and whether each is connected (GET /api/hosts); `host
// devices`: its PCI and USB devices (GET /api/host/devices).

import {
  connectionPath,
  hostDevicesPath,
  hostMdevPath,
  hostMdevsPath,
  hostPath,
  hostsPath,
} from "../shared/api_paths.ts";
import type { HostDevice, HostDeviceInventory, MdevInstance } from "../shared/host_devices.ts";
import type { HostStatus } from "../shared/hosts.ts";
import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { EXIT, usageError } from "./errors.ts";
import { fields, memory, out, printJson, table } from "./output.ts";
import { STARTUP_SUBCOMMANDS, startupSequence } from "./host_startup.ts";
import { MAINTENANCE_OPTIONS, maintenanceCommand } from "./host_maintenance.ts";

export const HOST_USAGE = `Usage: kvm-manager host [list] [options]

  host          the host's CPU, memory, libvirt and QEMU versions and VM counts
                (--host ID picks one of the server's libvirt hosts)
  host list     the libvirt hosts the server manages, and whether each is connected
  host devices  its PCI and USB devices: vendor, product, driver, IOMMU group, and those the
                host needs itself (never to be passed through); its mediated devices
  host mdev-create DEVICE TYPE   make a mediated device (a vGPU) of a type DEVICE offers
  host mdev-remove NAME          remove a mediated device no VM is given
  host start-in-order  start the VMs with a boot order now, in order, with their up-delays
  host stop-in-order   shut them down in reverse order, each forced off after its timeout
  host maintenance enter ID [--parallel 1|2]   refuse new VMs on host ID and live-migrate its
                running VMs to the other hosts (by free memory); waits for the moves
  host maintenance leave ID [--bring-back]     take it back into service (and its VMs back)
  host maintenance status ID                   whether it is in maintenance, and its moves

${GLOBAL_HELP}`;

/** `kvm-manager host …`. */
export function hostCommand(args: string[]): Promise<number> {
  return runCommand(args, { usage: HOST_USAGE, options: MAINTENANCE_OPTIONS }, async (ctx) => {
    const [sub, ...rest] = ctx.positionals;
    if (sub === "mdev-create" || sub === "mdev-remove") return await mdev(ctx, sub, rest);
    if (STARTUP_SUBCOMMANDS.includes(sub)) return await startupSequence(ctx, sub, rest);
    if (sub === "maintenance") return await maintenanceCommand(ctx, rest);
    if (rest.length) {
      throw usageError(`unexpected argument "${rest[0]}": see kvm-manager host --help`);
    }
    if (sub === "list") {
      const api = await ctx.connect();
      const res = await api.call<HostStatus[]>("GET", hostsPath());
      if (ctx.json) printJson(res.text);
      else {
        out(table(
          ["ID", "NAME", "URI", "STATUS"],
          res.body.map((h) => [
            h.id,
            h.name,
            h.uri,
            h.connected ? "connected" : `not connected${h.error ? `: ${h.error}` : ""}`,
          ]),
        ));
      }
      return EXIT.OK;
    }
    if (sub === "devices") {
      const api = await ctx.connect();
      const res = await api.call<HostDeviceInventory>("GET", hostDevicesPath());
      if (ctx.json) printJson(res.text);
      else out(devicesText(res.body));
      return EXIT.OK;
    }
    if (sub !== undefined && sub !== "show") {
      throw usageError(`unknown command "host ${sub}": see kvm-manager host --help`);
    }
    const api = await ctx.connect();
    const res = await api.call<HostInfo>("GET", hostPath());
    if (ctx.json) {
      printJson(res.text);
      return EXIT.OK;
    }
    const conn = (await api.call<ConnectionStatus>("GET", connectionPath())).body;
    const h = res.body;
    out(fields([
      ["Host name", h.hostname],
      [
        "Connection",
        `${conn.uri} (${conn.connected ? "connected" : `not connected: ${conn.error}`}${
          conn.demo ? ", demo" : ""
        })`,
      ],
      ["Hypervisor", h.hypervisor],
      ["CPU", `${h.cpuModel}, ${h.cpuCount} cores, ${h.cpuThreads} threads`],
      ["Memory", `${memory(h.memoryTotalMb)} (${memory(h.memoryAvailableMb)} available)`],
      ["libvirt", h.libvirtVersion],
      ["QEMU", h.qemuVersion || "-"],
      ["VMs", `${h.activeVms} active of ${h.totalVms}`],
    ]));
    return EXIT.OK;
  });
}

const HOST_USE = {
  route: "host's network",
  "root-disk": "host's root disk",
  console: "host console",
};

/** `host mdev-create DEVICE TYPE` and `host mdev-remove NAME`. */
async function mdev(ctx: CommandContext, sub: string, args: string[]): Promise<number> {
  const api = await ctx.connect();
  if (sub === "mdev-create") {
    if (args.length !== 2) throw usageError("usage: kvm-manager host mdev-create DEVICE TYPE");
    const res = await api.call<MdevInstance>("POST", hostMdevsPath(args[0]), {
      body: { type: args[1] },
    });
    if (ctx.json) printJson(res.text);
    else out(`Made mediated device ${res.body.name} (${res.body.type}, UUID ${res.body.uuid})\n`);
    return EXIT.OK;
  }
  if (args.length !== 1) throw usageError("usage: kvm-manager host mdev-remove NAME");
  await api.call("DELETE", hostMdevPath(args[0]));
  if (ctx.json) printJson("{}");
  else out(`Removed mediated device ${args[0]}\n`);
  return EXIT.OK;
}

function devicesText({ devices, iommu, mdevs, hostUseNote }: HostDeviceInventory): string {
  const name = (d: HostDevice) =>
    [d.vendor.name ?? d.vendor.id, d.product.name ?? d.product.id].join(" ");
  const rows = devices.map((d) => [
    d.address,
    d.kind.toUpperCase(),
    `${d.vendor.id}:${d.product.id}`,
    name(d),
    d.className ?? "-",
    d.driver ?? "-",
    d.iommuGroup === null ? "-" : String(d.iommuGroup),
    d.hostUse ? `${HOST_USE[d.hostUse.reason]}${d.hostUse.via ? ` (${d.hostUse.via})` : ""}` : "",
  ]);
  const status = iommu.enabled
    ? `IOMMU on, ${iommu.groups} group${iommu.groups === 1 ? "" : "s"}`
    : "IOMMU off: PCI passthrough needs intel_iommu=on or amd_iommu=on on the kernel command " +
      "line and VT-d / AMD-Vi on in the firmware";
  const instances = mdevs.length
    ? "\nMediated devices:\n" + table(
      ["NAME", "TYPE", "PARENT", "STATE"],
      mdevs.map((m) => [m.name, m.type, m.parent ?? "-", m.active ? "started" : "defined"]),
    )
    : "";
  // USED BY is empty for every device when the host's own use was not read: say so.
  const note = hostUseNote ? `${hostUseNote}\n` : "";
  return table(["ADDRESS", "BUS", "ID", "DEVICE", "CLASS", "DRIVER", "GROUP", "USED BY"], rows) +
    `\n${status}\n` + note + instances;
}
