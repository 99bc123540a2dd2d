// A second libvirtd on this machine for migration tests (scripts/second-libvirtd.sh): started
// in its own mount namespace, reached as qemu+tcp://127.0.0.1:PORT/system. Helpers to drive it
// with virsh and to read its guests' serial logs.

import { ensureGuestImages, run } from "./guest.ts";

const SCRIPT = new URL("../../scripts/second-libvirtd.sh", import.meta.url).pathname;
/** The second daemon's state folder as seen from outside its namespace. */
export const SECOND_BASE = Deno.env.get("KVMM_MIG_BASE") ?? "/tmp/kvmm-mig-libvirtd";
/** Its /var/log/libvirt/qemu: where its guests' serial logs land. */
export const SECOND_LOG_DIR = `${SECOND_BASE}/log/qemu`;
/** Its /var/lib/libvirt/images. */
export const SECOND_IMAGES = `${SECOND_BASE}/lib/images`;

/**
 * Starts the second libvirtd unless it answers already; returns its URI. The guest kernels are
 * made and held for the calling module first: the daemon sees their folder through a bind mount
 * of the folder as it is at its start, so a folder the last other holder removed and the next
 * one made again afterwards would be missing there ("unable to stat … vmlinuz"), as two lanes
 * side by side once showed.
 */
export async function startSecondLibvirtd(): Promise<string> {
  await ensureGuestImages();
  const out = await run("bash", [SCRIPT, "start"]);
  const uri = out.trim().split("\n").pop() ?? "";
  if (!uri.startsWith("qemu+tcp://")) throw new Error(`second-libvirtd.sh printed ${out}`);
  return uri;
}

/** Destroys its guests and stops it (and its namespace). */
export async function stopSecondLibvirtd(): Promise<void> {
  await run("bash", [SCRIPT, "stop"]);
}

/** `virsh -c URI ...args` on any daemon; stdout, or throws with stderr. */
export async function virshOn(uri: string, ...args: string[]): Promise<string> {
  return await run("virsh", ["-c", uri, ...args]);
}

/** "running", "shut off" … or null when the daemon has no such domain. */
export async function domstateOn(uri: string, name: string): Promise<string | null> {
  return await virshOn(uri, "domstate", name).then((s) => s.trim(), () => null);
}

/** Names of the domains with `prefix` on the daemon at `uri`. */
export async function domainsOn(uri: string, prefix: string): Promise<string[]> {
  return (await virshOn(uri, "list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter((s) => s.startsWith(prefix));
}

/** Destroys and undefines every domain named `prefix`* on the daemon at `uri`. */
export async function removeDomainsOn(uri: string, prefix: string): Promise<void> {
  for (const name of await domainsOn(uri, prefix)) {
    await virshOn(uri, "destroy", name).catch(() => {});
    await virshOn(uri, "undefine", name).catch(() => {});
  }
}
