// The kernel modules of the test guests' initramfs, found as the host's kernel ships them: plain
// `.ko` (Debian 12) or compressed `.ko.xz` / `.ko.zst` (Debian 13 and others), unpacked here,
// since busybox's insmod takes plain modules only. A module the kernel neither ships nor builds
// in (modules.builtin) stops the build with its name: a guest without its ACPI button or its
// virtio disk would fail much later, in words that hide the cause.

import { type Compression, decompressed } from "../../lib/images/decompress.ts";

const FORMS: [string, Compression | null][] = [["", null], [".xz", "xz"], [".zst", "zstd"]];

/** One module: the file it was found in, or null when the kernel builds it in. */
export interface GuestModule {
  module: string;
  file: string | null;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/**
 * Where kernel `version` has each of `modules` (paths like "drivers/acpi/button.ko" under
 * /lib/modules/VERSION/kernel); throws naming every one it neither ships nor builds in.
 */
export async function findGuestModules(
  version: string,
  modules: string[],
  root = "/lib/modules",
): Promise<GuestModule[]> {
  const base = `${root}/${version}`;
  const builtin = new Set(
    (await Deno.readTextFile(`${base}/modules.builtin`).catch(() => "")).split("\n"),
  );
  const found: GuestModule[] = [];
  const missing: string[] = [];
  for (const module of modules) {
    let file: string | null = null;
    for (const [suffix] of FORMS) {
      if (await exists(`${base}/kernel/${module}${suffix}`)) {
        file = `${base}/kernel/${module}${suffix}`;
        break;
      }
    }
    if (!file && !builtin.has(`kernel/${module}`)) missing.push(module);
    found.push({ module, file });
  }
  if (missing.length) {
    throw new Error(
      `kernel ${version} neither ships nor builds in ${missing.join(", ")} (looked for .ko, ` +
        `.ko.xz and .ko.zst under ${base}/kernel, and in its modules.builtin); the test guests ` +
        `need them`,
    );
  }
  return found;
}

/** A module file's plain bytes: as they are, or unpacked from .xz or .zst. */
export async function moduleBytes(file: string): Promise<Uint8Array> {
  const kind = FORMS.find(([suffix]) => suffix && file.endsWith(suffix))?.[1] ?? null;
  if (!kind) return await Deno.readFile(file);
  const input = (await Deno.open(file)).readable;
  return new Uint8Array(await new Response(await decompressed(kind, input)).arrayBuffer());
}

/** What a cached initramfs must be keyed by: each module's file, size and change time. */
export async function modulesStamp(modules: GuestModule[]): Promise<string> {
  const lines = [];
  for (const { module, file } of modules) {
    if (!file) {
      lines.push(`${module} built in`);
      continue;
    }
    const info = await Deno.stat(file);
    lines.push(`${file} ${info.size} ${info.mtime?.getTime()} ${info.ctime?.getTime()}`);
  }
  return lines.join("\n");
}

/**
 * Writes the modules into `dir` of an initramfs root as NN-NAME.ko, the number keeping init's
 * `insmod /lib/modules/*.ko` loop in load order; built-in ones are skipped.
 */
export async function writeGuestModules(modules: GuestModule[], dir: string): Promise<void> {
  for (const [i, { module, file }] of modules.entries()) {
    if (!file) continue;
    const name = `${String(i).padStart(2, "0")}-${module.split("/").pop()}`;
    await Deno.writeFile(`${dir}/${name}`, await moduleBytes(file), { mode: 0o644 });
  }
}
