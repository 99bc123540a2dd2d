// get_disk_usage: Deno has no statfs, so `df -P -k` (coreutils and busybox both speak it)
// gives the sizes and /proc/mounts the file system types.

import type { AgentConfig } from "./config.ts";
import { commandEnv, findExecutable } from "./command_path.ts";
import { AgentError } from "./errors.ts";
import { readKernelFile } from "./kernel_files.ts";
import type { DiskUsage } from "./protocol.ts";
import { runBounded } from "./run.ts";

type Filesystem = DiskUsage["filesystems"][number];

/** Kernel and virtual file systems that hold no one's data. */
const PSEUDO = new Set([
  "proc",
  "sysfs",
  "devtmpfs",
  "devpts",
  "securityfs",
  "debugfs",
  "tracefs",
  "pstore",
  "bpf",
  "mqueue",
  "hugetlbfs",
  "configfs",
  "fusectl",
  "autofs",
  "binfmt_misc",
  "efivarfs",
  "nsfs",
  "rpc_pipefs",
  "selinuxfs",
  // Memory-backed: noise (/run, /dev/shm …) except as the root of a live or initramfs system.
  "tmpfs",
  "rootfs",
  "ramfs",
]);

export function isPseudo(fsType: string, mountPoint: string): boolean {
  if (mountPoint === "/" && ["rootfs", "tmpfs", "ramfs"].includes(fsType)) return false;
  return PSEUDO.has(fsType) || fsType.startsWith("cgroup");
}

export async function diskUsage(config: AgentConfig): Promise<DiskUsage> {
  // Run by the agent itself with a fixed argv: not subject to allowed_commands.
  const df = await findExecutable("df", config.command_path);
  if (!df) {
    throw new AgentError(
      "COMMAND_NOT_FOUND",
      `get_disk_usage needs df, which was not found on ${config.command_path}`,
    );
  }
  const outcome = await runBounded(df, ["-P", "-k"], {
    timeoutMs: 15_000,
    maxOutputBytes: 1024 * 1024,
    env: commandEnv(config),
  });
  // df exits non-zero when one mount fails (a stale NFS handle) but still lists the rest.
  if (outcome.kind !== "exited") {
    throw new AgentError("IO_ERROR", `df did not finish (${outcome.kind.replace("_", " ")})`);
  }
  const mounts = await readKernelFile("/proc/mounts") ?? "";
  return { filesystems: joinDfWithMounts(outcome.stdout, mounts) };
}

/** /proc/mounts escapes space, tab, newline and backslash as octal (\040 …). */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** The type of each mount point; the last mount on a point is the one df sees. */
export function parseMounts(text: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [, mountPoint, fsType] = line.split(" ");
    if (mountPoint && fsType) types.set(unescapeMount(mountPoint), fsType);
  }
  return types;
}

// "Filesystem 1024-blocks Used Available Capacity Mounted on"; device and mount point may
// hold spaces, so the numbers in the middle anchor the split.
const DF_LINE = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(?:\d+%|-)\s+(\/.*)$/;

export function joinDfWithMounts(dfOutput: string, mountsText: string): Filesystem[] {
  const types = parseMounts(mountsText);
  const seen = new Set<string>();
  const out: Filesystem[] = [];
  for (const line of dfOutput.split("\n").slice(1)) {
    const m = DF_LINE.exec(line.trimEnd());
    if (!m) continue;
    const [, device, total, used, available, mountPoint] = m;
    const fsType = types.get(mountPoint) ?? "unknown";
    if (isPseudo(fsType, mountPoint) || seen.has(mountPoint)) continue;
    seen.add(mountPoint);
    out.push({
      mount_point: mountPoint,
      device,
      fs_type: fsType,
      total_bytes: Number(total) * 1024,
      used_bytes: Number(used) * 1024,
      available_bytes: Number(available) * 1024,
    });
  }
  return out;
}
