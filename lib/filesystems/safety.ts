// What makes a folder unsafe to hand to virtiofsd, which libvirtd runs as root at every VM start
// with only the path: the check when the share is added sees one moment, virtiofsd opens the
// path later. So the path must not be changeable by anyone but root (no folder above it that
// another user or a guest could swap for a symbolic link), and must not reach libvirt's own state,
// a storage pool, KVM Manager's data or another VM's share (a guest writes there as root).

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** libvirt's and QEMU's own state: other VMs' keys, TPM and firmware state, saved definitions. */
export const LIBVIRT_STATE_FOLDERS = [
  "/var/lib/libvirt/qemu",
  "/var/lib/libvirt/swtpm",
  "/var/lib/libvirt/dnsmasq",
  "/var/lib/libvirt/network",
  "/var/lib/libvirt/lxc",
  "/var/lib/libvirt/sanlock",
  "/var/lib/libvirt/lockd",
  "/etc/libvirt",
  "/run/libvirt",
  "/var/run/libvirt",
  "/var/log/libvirt",
  "/var/cache/libvirt",
];

const STICKY = 0o1000;
const GROUP_OR_OTHER_WRITE = 0o022;

const refused = (message: string) =>
  new AppError("INVALID_SHARED_FOLDER", message, { field: "source" });

/** Whether `a` is `b` or inside it. */
const inside = (a: string, b: string) => b === "/" || a === b || a.startsWith(b + "/");

/**
 * Refuses `real` (a real path, symbolic links resolved) when a folder above it can be changed by
 * anyone but root: each must be owned by root, and one others may write must be sticky (like
 * /tmp) with the next folder on the way owned by root, so no one else may rename it.
 */
export async function checkOwnedByRoot(real: string): Promise<void> {
  const parts = real.split("/").filter(Boolean);
  let path = "/";
  for (let i = 0; i < parts.length; i++) {
    const st = await Deno.lstat(path);
    const mode = st.mode ?? 0;
    const next = path === "/" ? `/${parts[i]}` : `${path}/${parts[i]}`;
    const unsafe = st.uid !== 0 || st.isSymlink ||
      ((mode & GROUP_OR_OTHER_WRITE) !== 0 &&
        ((mode & STICKY) === 0 || (await Deno.lstat(next)).uid !== 0));
    if (unsafe) {
      throw refused(t(
        "Folder {{path}} cannot be shared: {{above}} above it can be changed by a user other than root, and virtiofsd (run as root) would follow whatever it is changed to",
        { path: real, above: path },
      ));
    }
    path = next;
  }
}

/**
 * Refuses `real` when it is, holds or lies inside libvirt's state, a pool's folder, KVM
 * Manager's data folder or another shared folder (nested shares: one guest could swap the
 * other's path).
 */
export function checkNotSpecial(
  real: string,
  { dataDir, poolFolders, sharedFolders }: {
    dataDir: string;
    poolFolders: string[];
    sharedFolders: string[];
  },
): void {
  const clash = (list: string[]) =>
    list.find((p) => p && (inside(real, p) || inside(p, real)) && p !== "/");
  const state = clash([...LIBVIRT_STATE_FOLDERS, dataDir]);
  if (state) {
    throw refused(t(
      "Folder {{path}} cannot be shared: it is or holds {{other}}, which libvirt or KVM Manager keep their own state in",
      { path: real, other: state },
    ));
  }
  const pool = clash(poolFolders);
  if (pool) {
    throw refused(t(
      "Folder {{path}} cannot be shared: it is or holds the storage pool folder {{other}} (other VMs' disks)",
      { path: real, other: pool },
    ));
  }
  const nested = sharedFolders.find((p) => p !== real && (inside(real, p) || inside(p, real)));
  if (nested) {
    throw refused(t(
      "Folder {{path}} cannot be shared: it lies inside or holds {{other}}, which is shared with a VM already",
      { path: real, other: nested },
    ));
  }
}
