// Where a host's virtiofsd is, and the read-only helper. libvirt runs virtiofsd itself for each
// virtiofs share (https://libvirt.org/kbase/virtiofs.html); it finds the binary through
// /usr/share/qemu/vhost-user/*.json (QEMU's "fs" backend, Debian's qemu-system-common ships one)
// unless the device names one in `<binary path>`.
//
// Read-only shares: libvirt 9 refuses `<readonly/>` for virtiofs ("virtiofs does not yet
// support read-only mode") and QEMU 7.2's C virtiofsd has no read-only option. On this machine
// the share's `<binary path>` names a small helper instead: it runs virtiofsd in a mount
// namespace of its own over a read-only bind mount of the source folder, so the guest's writes
// fail with EROFS while the host's mount table stays as it was.

import { READONLY_HELPER_NAME } from "../xml/filesystem_xml.ts";
import { parseXml, type XmlNode } from "../xml/parser.ts";

/** What a host offers for virtiofs shares. */
export interface VirtiofsSupport {
  /** Whether libvirt on that host can run a virtiofs share. */
  available: boolean;
  /** The virtiofsd to name in `<binary path>` (this machine's), null to let libvirt pick. */
  binary: string | null;
  /** Why not, in words for the refusal, when not available. */
  reason: string | null;
  /** The helper for read-only shares, installed on demand; null when it cannot be here. */
  readOnlyHelper: (() => Promise<string>) | null;
}

/** Where QEMU's vhost-user backend descriptions live (docs/interop/vhost-user.json of QEMU). */
export const VHOST_USER_DIRS = [
  "/etc/qemu/vhost-user",
  "/usr/share/qemu/vhost-user",
];
/** Where distributions put virtiofsd when no description names it. */
export const VIRTIOFSD_PATHS = ["/usr/libexec/virtiofsd", "/usr/lib/qemu/virtiofsd"];

const SAFE_PATH = /^\/[A-Za-z0-9._/+-]+$/;

async function isExecutable(path: string): Promise<boolean> {
  try {
    const st = await Deno.stat(path);
    return st.isFile && ((st.mode ?? 0) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** This machine's virtiofsd: the first vhost-user "fs" description's binary, else a known path. */
export async function findLocalVirtiofsd(
  { dirs = VHOST_USER_DIRS, paths = VIRTIOFSD_PATHS }: { dirs?: string[]; paths?: string[] } = {},
): Promise<string | null> {
  for (const dir of dirs) {
    const names: string[] = [];
    try {
      for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".json")) names.push(e.name);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      try {
        const desc = JSON.parse(await Deno.readTextFile(`${dir}/${name}`));
        if (desc?.type === "fs" && typeof desc.binary === "string") {
          if (await isExecutable(desc.binary)) return desc.binary;
        }
      } catch {
        // A broken description: libvirt skips it too.
      }
    }
  }
  for (const p of paths) if (await isExecutable(p)) return p;
  return null;
}

/** Whether domain capabilities list virtiofs among the filesystem drivers. */
export function capsOfferVirtiofs(domcapsXml: string): boolean {
  const fs: XmlNode | undefined = parseXml(domcapsXml).domainCapabilities?.devices?.filesystem;
  if (fs?.["@supported"] !== "yes") return false;
  const enums = Array.isArray(fs.enum) ? fs.enum : fs.enum ? [fs.enum] : [];
  const driver = enums.find((e: XmlNode) => e["@name"] === "driverType");
  const values = Array.isArray(driver?.value) ? driver.value : driver ? [driver.value] : [];
  return values.map(String).includes("virtiofs");
}

/** The helper's script: virtiofsd over a read-only bind mount of `-o source=DIR`. */
export function readOnlyHelperScript(virtiofsd: string): string {
  if (!SAFE_PATH.test(virtiofsd)) throw new Error(`unsafe virtiofsd path: ${virtiofsd}`);
  return `#!/bin/sh
# Written by KVM Manager: runs ${virtiofsd} over a read-only view of its shared folder, in a
# mount namespace of its own (libvirt 9 has no read-only mode for virtiofs).
set -eu
src=
prev=
for a in "$@"; do
  if [ "$prev" = "-o" ]; then
    case "$a" in source=*) src=\${a#source=} ;; esac
  fi
  prev=$a
done
[ -n "$src" ] || { echo "${READONLY_HELPER_NAME}: no -o source=DIR" >&2; exit 1; }
exec unshare --mount --propagation private -- /bin/sh -c \\
  'mount --bind -o ro "$0" "$0" && exec ${virtiofsd} "$@"' "$src" "$@"
`;
}

/**
 * Installs the helper as `dir`/virtiofsd-readonly (root's, mode 755; rewritten when it differs)
 * and returns its path. libvirtd runs it as root: only root may write it and its folder.
 */
export async function installReadOnlyHelper(dir: string, virtiofsd: string): Promise<string> {
  const path = `${dir}/${READONLY_HELPER_NAME}`;
  const script = readOnlyHelperScript(virtiofsd);
  await Deno.mkdir(dir, { recursive: true, mode: 0o755 });
  const folder = await Deno.stat(dir);
  if (((folder.mode ?? 0) & 0o022) !== 0 || folder.uid !== Deno.uid()) {
    throw new Error(`${dir} may be written by other users: the read-only helper is not put there`);
  }
  // What is there counts only as a plain file of ours that no one else may write: a link (to a
  // file someone else can change) or another's file with the same words is replaced.
  const st = await Deno.lstat(path).catch(() => null);
  const ours = st !== null && st.isFile && st.uid === Deno.uid() && ((st.mode ?? 0) & 0o022) === 0;
  const current = ours ? await Deno.readTextFile(path).catch(() => null) : null;
  if (current !== script) {
    const tmp = `${path}.${crypto.randomUUID()}`;
    await Deno.writeTextFile(tmp, script, { mode: 0o755 });
    await Deno.chmod(tmp, 0o755);
    await Deno.rename(tmp, path);
  }
  return path;
}

/**
 * This machine's support: virtiofsd found, and the read-only helper where the app runs as root
 * (libvirtd runs the helper as root, so a file another user could write must never be named).
 */
export async function localVirtiofsSupport(
  { helperDir, find = findLocalVirtiofsd, isRoot = Deno.uid() === 0 }: {
    helperDir: string;
    find?: () => Promise<string | null>;
    isRoot?: boolean;
  },
): Promise<VirtiofsSupport> {
  const binary = await find();
  if (!binary) {
    return {
      available: false,
      binary: null,
      reason: "virtiofsd",
      readOnlyHelper: null,
    };
  }
  return {
    available: true,
    binary,
    reason: null,
    readOnlyHelper: isRoot && SAFE_PATH.test(binary)
      ? () => installReadOnlyHelper(helperDir, binary)
      : null,
  };
}

/** A remote host's support, from its domain capabilities; libvirt there picks the binary. */
export function remoteVirtiofsSupport(domcapsXml: string | null): VirtiofsSupport {
  const available = domcapsXml !== null && capsOfferVirtiofs(domcapsXml);
  return {
    available,
    binary: null,
    reason: available ? null : "capabilities",
    readOnlyHelper: null,
  };
}
