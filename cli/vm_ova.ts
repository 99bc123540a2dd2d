// `kvm-manager vm export` and `vm import-ova`: a stopped VM written as an OVA volume (and saved
// to a local file when asked, the volume then removed unless kept), and an OVA volume imported
// into converted disks, the VM made from them when asked.

import {
  vmExportPath,
  vmPath,
  vmsPath,
  volumeContentPath,
  volumeImportOvaPath,
  volumePath,
} from "../shared/api_paths.ts";
import type { OvaImport } from "../shared/ova.ts";
import { ovaPrefill } from "../shared/ova_config.ts";
import type { VolumeInfo } from "../shared/storage.ts";
import type { Vm, VmConfig } from "../shared/vms.ts";
import { textValue } from "./args.ts";
import type { CommandContext } from "./command.ts";
import { EXIT, usageError } from "./errors.ts";
import { err, fields, memory, out, printJson, size } from "./output.ts";

export const OVA_USAGE =
  `  export NAME                 write the stopped VM as an OVA (OVF + stream-optimized vmdk
                              disks) into a new volume NAME.ova of its disk's pool
    --pool POOL               into this folder pool instead
    --output FILE, -o FILE    save it to FILE ("-" for stdout) and delete the volume ...
    --keep                    ... unless --keep
  import-ova POOL VOLUME      read the OVA volume, check its manifest and convert its disks
                              into qcow2 volumes of POOL; prints what its descriptor says
    --create                  then define the VM from it (first disk, one NIC)
    --network NAME            the NIC's network with --create (default "default")
`;

export const OVA_OPTIONS = {
  output: { type: "string", short: "o" },
  keep: { type: "boolean" },
  create: { type: "boolean" },
} as const;

export const OVA_OWN_FLAGS: Record<string, string[]> = {
  export: ["pool", "output", "keep"],
  "import-ova": ["create", "network"],
};

/** `vm export NAME [--pool P] [--output FILE [--keep]]`. */
export async function exportVm(ctx: CommandContext, name: string): Promise<number> {
  const api = await ctx.connect();
  const pool = textValue(ctx.values, "pool");
  const output = textValue(ctx.values, "output");
  if (ctx.values.keep === true && output === undefined) {
    throw usageError("--keep goes with --output FILE (without it the volume stays anyway)");
  }
  const vm = (await api.call<Vm>("GET", vmPath(name))).body;
  if (!ctx.json) err(`Exporting ${vm.name}…\n`);
  const res = await api.call<VolumeInfo>("POST", vmExportPath(vm.id), {
    body: pool === undefined ? {} : { pool },
  });
  const ova = res.body;
  if (output === undefined) {
    if (ctx.json) printJson(res.text);
    else out(`Exported ${vm.name} as ${ova.pool}/${ova.name} (${size(ova.capacityBytes)})\n`);
    return EXIT.OK;
  }
  const download = await api.download(volumeContentPath(ova.pool, ova.name));
  if (output === "-") {
    await download.body!.pipeTo(Deno.stdout.writable, { preventClose: true });
  } else {
    const file = await Deno.open(output, { write: true, create: true, truncate: true });
    await download.body!.pipeTo(file.writable);
  }
  if (ctx.values.keep !== true) await api.call("DELETE", volumePath(ova.pool, ova.name));
  if (output !== "-" && !ctx.json) {
    out(`Saved ${vm.name} as ${output} (${size(ova.capacityBytes)})\n`);
  }
  return EXIT.OK;
}

/** `vm import-ova POOL VOLUME [--create [--network NAME]]`. */
export async function importOva(
  ctx: CommandContext,
  pool: string,
  volume: string,
): Promise<number> {
  const api = await ctx.connect();
  if (!ctx.json) err(`Importing ${pool}/${volume}…\n`);
  const res = await api.call<OvaImport>("POST", volumeImportOvaPath(pool, volume));
  const record = res.body;
  const { summary } = record;
  let made: { id: string; name: string } | null = null;
  if (ctx.values.create === true) {
    const config = {
      bootMenu: false,
      network: textValue(ctx.values, "network") ?? "default",
      ...ovaPrefill(record, null),
    } as VmConfig;
    made = (await api.call<{ id: string; name: string }>("POST", vmsPath(), { body: config }))
      .body;
  }
  if (ctx.json) {
    printJson(JSON.stringify(made ? { ...record, vm: made } : record));
    return EXIT.OK;
  }
  out(fields([
    ["Name", summary.name],
    ["CPUs", String(summary.cpuCount)],
    ["Memory", memory(summary.memoryMb)],
    ["Firmware", summary.firmware],
    ["OS", summary.osDescription ?? summary.osType],
    ["Disks", record.volumes.map((v) => `${record.pool}/${v.name}`).join(", ") || "-"],
    [
      "NICs",
      summary.nics.map((n) => n.network + (n.model ? ` (${n.model})` : "")).join(", ") || "-",
    ],
    ["Import", record.id],
  ]));
  if (made) out(`Created VM ${made.name}\n`);
  return EXIT.OK;
}
