// `kvm-manager vm …`: list, show, power and delete VMs, and create them, through /api/vms.

import {
  templatesPath,
  vmActionPath,
  vmHostDevicePath,
  vmHostDevicesPath,
  vmPath,
  vmsPath,
} from "../shared/api_paths.ts";
import type { HostDeviceAttach, HostDeviceAttachResult } from "../shared/host_devices.ts";
import type { VmTemplate } from "../shared/templates.ts";
import type { Vm, VmSummary } from "../shared/vms.ts";
import type { ApiClient } from "./api_client.ts";
import { noWords, oneName, subcommandOf, textValue } from "./args.ts";
import { type CommandContext, GLOBAL_HELP, runCommand } from "./command.ts";
import { confirm } from "./confirm.ts";
import { CREATE_OPTIONS, createConfig, parseConfigJson } from "./create_config.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { err, fields, memory, out, printJson, size, table } from "./output.ts";
import { readInput } from "./read_input.ts";
import { FIREWALL_OPTIONS, vmFirewall } from "./vm_firewall.ts";
import { PROTECT_USAGE, vmProtect } from "./vm_protect.ts";
import {
  DISK_MOVE_OPTIONS,
  DISK_MOVE_OWN_FLAGS,
  DISK_MOVE_USAGE,
  diskMove,
} from "./vm_disk_move.ts";
import { SHARE_OPTIONS, SHARE_OWN_FLAGS, SHARE_USAGE, vmShare } from "./vm_share.ts";
import { backupToRepo } from "./repo.ts";
import { exportVm, importOva, OVA_OPTIONS, OVA_OWN_FLAGS, OVA_USAGE } from "./vm_ova.ts";

/** The lifecycle commands: the API's action word (VM_ACTIONS) and what to say once done. */
const ACTIONS: Record<string, (name: string, method?: string) => string> = {
  start: (n) => `Started ${n}`,
  stop: (n, m) => `Asked ${n} to shut down${m ? ` (${m})` : ""}`,
  "force-stop": (n) => `Powered off ${n}`,
  pause: (n) => `Paused ${n}`,
  resume: (n) => `Resumed ${n}`,
  reboot: (n, m) => `Asked ${n} to reboot${m ? ` (${m})` : ""}`,
  reset: (n) => `Reset ${n}`,
};

const DELETE_OPTIONS = {
  "delete-disks": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
} as const;

const BACKUP_OPTIONS = { repo: { type: "string" } } as const;

const ATTACH_OPTIONS = {
  "usb-by": { type: "string" },
  "no-rom": { type: "boolean" },
  "whole-group": { type: "boolean" },
} as const;

/** Which command takes which of its own flags. */
const OWN_FLAGS: Record<string, string[]> = {
  delete: Object.keys(DELETE_OPTIONS),
  create: Object.keys(CREATE_OPTIONS),
  "attach-device": Object.keys(ATTACH_OPTIONS),
  firewall: Object.keys(FIREWALL_OPTIONS),
  backup: Object.keys(BACKUP_OPTIONS),
  ...OVA_OWN_FLAGS,
  ...DISK_MOVE_OWN_FLAGS,
  ...SHARE_OWN_FLAGS,
};

export const VM_USAGE = `Usage: kvm-manager vm COMMAND [NAME] [options]

NAME is a VM's name or UUID.
  list                        the VMs: name, state, vCPUs, memory, addresses
  show NAME                   one VM's details, disks and network interfaces
  start NAME                  start it
  stop NAME                   shut it down gracefully (its agent, QEMU's, else ACPI)
  force-stop NAME             power it off
  pause NAME | resume NAME    pause or resume it
  reboot NAME                 reboot it gracefully; reset NAME resets it at once
  delete NAME                 delete a stopped VM; asks first on a terminal
    --delete-disks            also delete its own disks (never an ISO, a disk another VM
                              uses or a base of linked clones)
    --yes, -y                 do not ask (needed when stdin is not a terminal)
${PROTECT_USAGE}
  create [NAME] [flags]       define a new VM (POST /api/vms); flags over the defaults:
    --name NAME               (or the first argument)
    --vcpus N                 default 1
    --memory MiB              default 1024 (1 GiB)
    --disk GiB                size of the new disk, default 10
    --disk-format qcow2|raw   default qcow2
    --pool NAME               storage pool of the disk, default "default"
    --iso PATH                an ISO that is a storage volume, as the CD-ROM
    --base-image PATH         a linked clone: the disk is a qcow2 overlay of this volume
                              of the same pool (a cloud image, say), made at once
    --network NAME            libvirt network, default "default"; "none" for no NIC
    --os ID                   osinfo id, e.g. debian12 or win11 (sets --os-type too)
    --os-type linux|windows|other
    --firmware bios|uefi      --virt-type kvm|qemu
    --description TEXT        --autostart      --start (start it once defined)
    --template NAME           start from a saved template (GET /api/templates) ...
    --from-json FILE          ... or from a VmConfig JSON file ("-" reads stdin)
  attach-device NAME DEVICE   pass a host PCI or USB device through (DEVICE as in
                              \`kvm-manager host devices\`: pci_0000_41_00_0, usb_3_4);
                              live when the VM runs, else at its next start
    --usb-by id|address       USB: by vendor and product (default) or by bus and device
    --no-rom                  PCI: hide the device's option ROM from the guest
    --whole-group             PCI: with the other devices of its IOMMU group (not bridges)
  detach-device NAME DEVICE   take a host device back from the VM
${SHARE_USAGE}
  firewall NAME               its firewall: on or off, anti-spoofing, policies, rules
    --set FILE                set the whole firewall from JSON as PUT /api/vms/:id/firewall
                              takes ("-" reads stdin; an edited --json answer works)
${OVA_USAGE}${DISK_MOVE_USAGE}
  backup NAME --repo REPO     back it up into a restic repository (kvm-manager repo); waits
                              for the end and prints restic's added bytes per disk
${GLOBAL_HELP}`;

const ALL_OPTIONS = {
  ...DELETE_OPTIONS,
  ...CREATE_OPTIONS,
  ...ATTACH_OPTIONS,
  ...FIREWALL_OPTIONS,
  ...OVA_OPTIONS,
  ...DISK_MOVE_OPTIONS,
  ...SHARE_OPTIONS,
  ...BACKUP_OPTIONS,
};

/** `kvm-manager vm …`. */
export function vmCommand(args: string[]): Promise<number> {
  return runCommand(args, { options: ALL_OPTIONS, usage: VM_USAGE }, async (ctx) => {
    const missing = "missing command: kvm-manager vm list|show|start|…, see vm --help";
    const { sub, rest } = subcommandOf(ctx, "vm", OWN_FLAGS, missing);
    if (sub === "list") {
      noWords(rest, "vm list");
      return await list(ctx, await ctx.connect());
    }
    if (sub === "show") {
      const name = oneName(rest, "kvm-manager vm show NAME");
      return await show(ctx, await ctx.connect(), name);
    }
    if (sub in ACTIONS) {
      const name = oneName(rest, `kvm-manager vm ${sub} NAME`);
      return await action(ctx, await ctx.connect(), sub, name);
    }
    if (sub === "delete") {
      const name = oneName(rest, "kvm-manager vm delete NAME [--delete-disks] [--yes]");
      return await remove(ctx, name);
    }
    if (sub === "protect" || sub === "unprotect") {
      return await vmProtect(ctx, oneName(rest, `kvm-manager vm ${sub} NAME`), sub === "protect");
    }
    if (sub === "share" || sub === "unshare") return await vmShare(ctx, sub, rest);
    if (sub === "create") {
      if (rest.length > 1) throw usageError(`unexpected argument "${rest[1]}"`);
      return await create(ctx, rest[0]);
    }
    if (sub === "attach-device" || sub === "detach-device") {
      if (rest.length !== 2) throw usageError(`usage: kvm-manager vm ${sub} NAME DEVICE`);
      return await hostDevice(ctx, sub, rest[0], rest[1]);
    }
    if (sub === "export") {
      return await exportVm(ctx, oneName(rest, "kvm-manager vm export NAME [--output FILE]"));
    }
    if (sub === "import-ova") {
      if (rest.length !== 2) throw usageError("usage: kvm-manager vm import-ova POOL VOLUME");
      return await importOva(ctx, rest[0], rest[1]);
    }
    if (sub === "disk-move") {
      if (rest.length !== 2) {
        throw usageError("usage: kvm-manager vm disk-move NAME TARGET --pool POOL");
      }
      return await diskMove(ctx, rest[0], rest[1]);
    }
    if (sub === "firewall") {
      return await vmFirewall(ctx, oneName(rest, "kvm-manager vm firewall NAME [--set FILE]"));
    }
    if (sub === "backup") {
      const name = oneName(rest, "kvm-manager vm backup NAME --repo REPO");
      const repo = textValue(ctx.values, "repo");
      if (!repo) throw usageError("vm backup needs --repo REPO (a restic repository)");
      return await backupToRepo(ctx, name, repo);
    }
    throw usageError(`unknown command "vm ${sub}": see kvm-manager vm --help`);
  });
}

type ListAnswer = VmSummary[] | {
  vms: (VmSummary & { host: string; hostName: string })[];
  hosts: { id: string; name: string; connected: boolean; error: string | null }[];
};

async function list(ctx: CommandContext, api: ApiClient): Promise<number> {
  const res = await api.call<ListAnswer>("GET", vmsPath());
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const row = (v: VmSummary) => [
    v.name,
    v.state,
    String(v.cpuCount),
    memory(v.memoryMb),
    v.ipAddresses?.join(", ") || "-",
  ];
  const headers = ["NAME", "STATE", "VCPUS", "MEMORY", "ADDRESSES"];
  if (Array.isArray(res.body)) {
    out(table(headers, res.body.map(row)));
    return EXIT.OK;
  }
  // ?host=all: every host's VMs, and the hosts that did not answer.
  out(table(["HOST", ...headers], res.body.vms.map((v) => [v.host, ...row(v)])));
  for (const h of res.body.hosts) {
    if (!h.connected || h.error) {
      err(`kvm-manager: host ${h.name} (${h.id}) did not answer: ${h.error ?? "not connected"}\n`);
    }
  }
  return EXIT.OK;
}

async function show(ctx: CommandContext, api: ApiClient, name: string): Promise<number> {
  const res = await api.call<Vm>("GET", vmPath(name));
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  const vm = res.body;
  const yesNo = (b: boolean | undefined) => (b ? "yes" : "no");
  const mem = vm.maxMemoryMb && vm.maxMemoryMb !== vm.memoryMb
    ? `${memory(vm.memoryMb)} (max ${memory(vm.maxMemoryMb)})`
    : memory(vm.memoryMb);
  let text = fields([
    ["Name", vm.name],
    ["UUID", vm.id],
    ["State", vm.state],
    ["vCPUs", String(vm.cpuCount)],
    ["Memory", mem],
    ["OS", [vm.osType, vm.osVariant].filter(Boolean).join(" ") || null],
    ["Machine", [vm.machine, vm.arch].filter(Boolean).join(" ") || null],
    ["Firmware", vm.firmware ? `${vm.firmware}${vm.secureBoot ? " (Secure Boot)" : ""}` : null],
    ["TPM", vm.tpm === undefined ? null : yesNo(vm.tpm)],
    ["Autostart", yesNo(vm.autostart)],
    ["Protected", vm.protected === undefined ? null : yesNo(vm.protected)],
    ["Persistent", yesNo(vm.persistent)],
    ["Addresses", vm.ipAddresses?.length ? vm.ipAddresses.join(", ") : null],
    ["Description", vm.description || null],
  ]);
  if (vm.disks?.length) {
    text += "\nDisks:\n" + indent(table(
      ["TARGET", "DEVICE", "BUS", "FORMAT", "SIZE", "PATH"],
      vm.disks.map((d) => [
        d.target,
        d.device,
        d.bus ?? "-",
        d.format ?? "-",
        size(d.sizeBytes),
        d.path ?? "-",
      ]),
    ));
  }
  if (vm.networkInterfaces?.length) {
    text += "\nNetwork interfaces:\n" + indent(table(
      ["MAC", "NETWORK", "MODEL", "ADDRESS"],
      vm.networkInterfaces.map((n) => [n.mac, n.network, n.model ?? "-", n.ipAddress ?? "-"]),
    ));
  }
  if (vm.graphics?.length) {
    text += "\nGraphics:\n" + indent(table(
      ["TYPE", "LISTEN", "PORT"],
      vm.graphics.map((g) => [g.type, g.listen ?? "-", g.port === null ? "-" : String(g.port)]),
    ));
  }
  out(text);
  return EXIT.OK;
}

const indent = (text: string) => text.replace(/^(?=.)/gm, "  ");

async function action(
  ctx: CommandContext,
  api: ApiClient,
  act: string,
  name: string,
): Promise<number> {
  const res = await api.call<{ ok: boolean; method?: string }>(
    "POST",
    vmActionPath(name, act),
  );
  if (ctx.json) printJson(res.text);
  else out(`${ACTIONS[act](name, res.body?.method)}\n`);
  return EXIT.OK;
}

async function remove(ctx: CommandContext, name: string): Promise<number> {
  const deleteDisks = ctx.values["delete-disks"] === true;
  if (ctx.values.yes !== true && !Deno.stdin.isTerminal()) {
    throw usageError(
      `not deleting ${name} without --yes: stdin is not a terminal to ask on`,
    );
  }
  const api = await ctx.connect();
  if (ctx.values.yes !== true) {
    // Read it first: a VM that is not there is a 404 now, not after a question.
    const vm = (await api.call<Vm>("GET", vmPath(name))).body;
    const disks = vm.disks?.filter((d) => d.device === "disk").length ?? 0;
    const what = deleteDisks
      ? ` and of its ${disks} disk${
        disks === 1 ? "" : "s"
      } those that are its own (ISOs, shared disks and bases of linked clones stay)`
      : ` (its disks are kept)`;
    if (!await confirm(`Delete VM ${vm.name}${what}? [y/N] `)) {
      throw new CliError(EXIT.REFUSED, "CANCELLED", `${name} was not deleted`);
    }
  }
  const res = await api.call<
    { deletedDisks: string[]; keptDisks: { path: string; reason: string }[] }
  >(
    "DELETE",
    vmPath(name),
    { body: { deleteDisks } },
  );
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  let text = `Deleted ${name}\n`;
  for (const path of res.body.deletedDisks ?? []) text += `Deleted disk ${path}\n`;
  for (const k of res.body.keptDisks ?? []) text += `Kept disk ${k.path}: ${k.reason}\n`;
  out(text);
  return EXIT.OK;
}

async function create(ctx: CommandContext, positionalName?: string): Promise<number> {
  const fromJson = textValue(ctx.values, "from-json");
  const template = textValue(ctx.values, "template");
  if (fromJson !== undefined && template !== undefined) {
    throw usageError("give either --template or --from-json, not both");
  }
  let base: Record<string, unknown> | null = null;
  if (fromJson !== undefined) {
    base = parseConfigJson(await readInput(fromJson), fromJson === "-" ? "stdin" : fromJson);
  }
  // Checked before connecting: a bad flag is a usage error whatever the server says.
  createConfig(base ?? {}, ctx.values, positionalName);
  const api = await ctx.connect();
  if (template !== undefined) {
    const templates = (await api.call<VmTemplate[]>("GET", templatesPath())).body;
    const found = templates.find((t) => t.name === template) ??
      templates.find((t) => t.id === template);
    if (!found) {
      throw new CliError(EXIT.NOT_FOUND, "TEMPLATE_NOT_FOUND", `Template not found: ${template}`);
    }
    base = { ...found.config };
    delete base.name;
  }
  const config = createConfig(base, ctx.values, positionalName);
  const res = await api.call<
    { id: string; name: string; warnings?: { field: string; message: string }[] }
  >(
    "POST",
    vmsPath(),
    { body: config },
  );
  if (ctx.json) {
    printJson(res.text);
    return EXIT.OK;
  }
  for (const w of res.body.warnings ?? []) err(`kvm-manager: warning: ${w.field}: ${w.message}\n`);
  out(
    `Created ${res.body.name} (${res.body.id})${config.start === true ? " and started it" : ""}\n`,
  );
  return EXIT.OK;
}

/** `vm attach-device` and `vm detach-device`. */
async function hostDevice(
  ctx: CommandContext,
  sub: "attach-device" | "detach-device",
  name: string,
  device: string,
): Promise<number> {
  const api = await ctx.connect();
  const when = (r: { live: boolean }) =>
    r.live ? "now and from its next start" : "from its next start";
  if (sub === "detach-device") {
    const res = await api.call<{ live: boolean }>("DELETE", vmHostDevicePath(name, device));
    if (ctx.json) printJson(res.text);
    else out(`Took ${device} back from ${name}, ${when(res.body)}\n`);
    return EXIT.OK;
  }
  const usbBy = ctx.values["usb-by"] as string | undefined;
  if (usbBy !== undefined && usbBy !== "id" && usbBy !== "address") {
    throw usageError(`--usb-by must be id or address (got "${usbBy}")`);
  }
  const body: HostDeviceAttach = { device };
  if (usbBy) body.usbBy = usbBy;
  if (ctx.values["no-rom"]) body.rom = false;
  if (ctx.values["whole-group"]) body.wholeGroup = true;
  const res = await api.call<HostDeviceAttachResult>("POST", vmHostDevicesPath(name), { body });
  if (ctx.json) printJson(res.text);
  else {
    const peers = res.body.groupPeers.length
      ? `; its IOMMU group also holds ${res.body.groupPeers.join(", ")}`
      : "";
    const what = res.body.attached.length > 1 ? res.body.attached.join(", ") : device;
    out(`Passed ${what} through to ${name}, ${when(res.body)}${peers}\n`);
  }
  return EXIT.OK;
}
