// A restic VM backup restored over the VM it was taken of, on this host (issue 47): the VM must
// be shut off, unprotected and without snapshots; under its lock each backed-up disk is dumped (raw) into a temp
// file beside the disk's volume, converted to qcow2 there when the volume is qcow2, and only
// when every disk is done are the temp files renamed over the volumes. A cancel or failure
// before that removes the temp files and leaves the VM's disks as they were. With `definition`
// the backed-up definition is put back too, keeping the VM's UUID and name and its disk files.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../ffi/libvirt/domain.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { vmState } from "../vm_basics.ts";
import { defineValidated } from "../vms/define.ts";
import type { VmLock } from "../vms/lock.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import {
  attr,
  buildOrdered,
  child,
  children,
  element,
  parseOrdered,
  rootElement,
  setAttr,
  tagOf,
} from "../xml/ordered.ts";
import { selectDisks } from "../backups/xml.ts";
import { type BackupMeta, diskFile } from "./backup.ts";
import { checkRestoredXml, findBackup } from "./restore.ts";
import { runCommand } from "./exec.ts";
import type { ResticRepo } from "./repo.ts";
import { t } from "../../shared/i18n/t.ts";

/** One disk to write back: the backup's, and the VM's volume of the same target. */
interface Swap {
  target: string;
  snapshot: string;
  capacityBytes: number;
  path: string;
  format: string;
  temp: string;
}

/** The VM backup `meta` was taken of, here; 409 when it runs or is protected. */
export async function inPlaceVm(
  client: LibvirtClient,
  meta: BackupMeta,
): Promise<{ uuid: string; name: string; xml: string }> {
  const snap = await client.call("domainGet", meta.vm.uuid, XmlFlags.INACTIVE | XmlFlags.SECURE)
    .catch((err) => {
      throw fromLibvirt(err, {
        id: meta.vm.uuid,
        failed: t("The VM of this backup is not on this host: restore it as a new VM"),
      });
    });
  if (vmState(snap.state) !== "stopped") {
    throw conflict(
      t("{{name}} is running: shut it off before restoring over its disks", { name: snap.name }),
    );
  }
  if (parseDomainXml(snap.xml).protected) {
    throw new AppError(
      "VM_PROTECTED",
      t("{{name}} is protected — remove the protection to restore over its disks", {
        name: snap.name,
      }),
    );
  }
  // A snapshot lives in (or on top of) the disk files replaced here: it would not survive.
  const snapshots = await client.call("snapshotList", snap.uuid).catch(() => []);
  if (snapshots.length) {
    throw conflict(
      t("{{name}} has snapshots: delete them before restoring over its disks", { name: snap.name }),
    );
  }
  return { uuid: snap.uuid, name: snap.name, xml: snap.xml };
}

/** The VM's disks the backup's disks go over, each with its temp file beside it. */
async function plan(
  client: LibvirtClient,
  meta: BackupMeta,
  vm: { name: string; xml: string },
  tag: string,
) {
  const current = selectDisks(vm.xml).disks;
  const out: Swap[] = [];
  for (const d of meta.disks) {
    const now = current.find((c) => c.target === d.target);
    if (now && !now.path && now.pool && now.volume) {
      now.path = (await client.call("volumeGet", now.pool, now.volume).catch(() => null))?.path ??
        null;
    }
    if (!now?.path) {
      throw conflict(
        t("{{name}} has no disk file {{target}} to restore over", {
          name: vm.name,
          target: d.target,
        }),
      );
    }
    const stat = await Deno.stat(now.path).catch(() => null);
    if (!stat?.isFile || (now.format !== "raw" && now.format !== "qcow2")) {
      throw new AppError(
        "RESTIC_UNSUPPORTED",
        t(
          "Disk {{target}} is not a raw or qcow2 file on this machine: it cannot be restored over",
          {
            target: d.target,
          },
        ),
      );
    }
    const slash = now.path.lastIndexOf("/");
    const temp = `${now.path.slice(0, slash)}/.kvmm-restore-${tag}-${now.path.slice(slash + 1)}`;
    out.push({ ...d, path: now.path, format: now.format, temp });
  }
  return out;
}

/** Restores backup `id` over its VM's disks (and definition); the VM stays shut off. */
export async function restoreInPlace(
  { client, repo, lock, id, definition, signal, progress }: {
    client: LibvirtClient;
    repo: ResticRepo;
    lock: VmLock;
    id: string;
    definition: boolean;
    signal: AbortSignal;
    progress: (fraction: number) => void;
  },
): Promise<{ id: string; name: string; disks: string[]; definition: boolean }> {
  const { meta } = await findBackup(repo, id, signal);
  return await lock(meta.vm.uuid, async () => {
    const vm = await inPlaceVm(client, meta);
    const swaps = await plan(client, meta, vm, crypto.randomUUID().slice(0, 8));
    const disks = new Map(swaps.map((s) => [s.target, { path: s.path, format: s.format }]));
    // The definition put back is checked before any disk is touched (restore.ts: the
    // repository's side may have crafted it).
    const xml = definition
      ? inPlaceDomainXml(meta.xml, { uuid: vm.uuid, name: vm.name, disks })
      : null;
    if (xml) await checkRestoredXml(client, xml, vm.xml);
    const total = swaps.reduce((n, s) => n + s.capacityBytes, 0) || 1;
    let before = 0;
    try {
      for (const s of swaps) {
        await writeTemp(
          repo,
          meta,
          s,
          signal,
          (bytes) => progress(0.95 * (before + bytes) / total),
        );
        before += s.capacityBytes;
      }
      if (signal.aborted) throw new AppError("BACKUP_CANCELLED", t("Cancelled"));
    } catch (err) {
      for (const s of swaps) {
        for (const f of [s.temp, `${s.temp}.raw`]) await Deno.remove(f).catch(() => {});
      }
      throw err;
    }
    // Every disk is ready: only now are the VM's disks replaced, each by one rename.
    for (const s of swaps) await Deno.rename(s.temp, s.path);
    // The restored files hold none of the dirty bitmaps libvirt's checkpoints name: the records
    // go (METADATA_ONLY), so the next incremental backup starts afresh rather than failing.
    const checkpoints = await client.call("checkpointList", vm.uuid).catch(() => []);
    for (const c of checkpoints) {
      await client.call("checkpointDelete", vm.uuid, c.name, 2 /* METADATA_ONLY */).catch(() => {});
    }
    for (const s of swaps) {
      await client.call("volumeAt", s.path).then((v) => client.call("poolRefresh", v.pool))
        .catch(() => {});
    }
    if (xml) await defineValidated(client, xml, t("Failed to put back the backed-up definition"));
    progress(1);
    return { id: vm.uuid, name: vm.name, disks: swaps.map((s) => s.target), definition };
  });
}

/** The disk's backed-up bytes into its temp file, in the volume's format, owned as the volume. */
async function writeTemp(
  repo: ResticRepo,
  meta: BackupMeta,
  s: Swap,
  signal: AbortSignal,
  progress: (bytes: number) => void,
) {
  const raw = s.format === "raw" ? s.temp : `${s.temp}.raw`;
  const file = await Deno.open(raw, { write: true, createNew: true, mode: 0o600 });
  const watch = setInterval(() => {
    Deno.stat(raw).then((st) => progress(Math.min(st.size, s.capacityBytes)), () => {});
  }, 1000);
  try {
    await repo.dump(s.snapshot, `/${diskFile(meta.vm.uuid, s.target)}`, file.writable, signal);
  } finally {
    clearInterval(watch);
    try {
      file.close();
    } catch { /* closed with its stream */ }
  }
  if (s.format === "qcow2") {
    try {
      await runCommand("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", raw, s.temp], signal);
    } finally {
      await Deno.remove(raw).catch(() => {});
    }
  }
  const was = await Deno.stat(s.path);
  if (was.mode !== null) await Deno.chmod(s.temp, was.mode & 0o7777);
  if (was.uid !== null && was.gid !== null) {
    await Deno.chown(s.temp, was.uid, was.gid).catch(() => {});
  }
}

/** The backed-up definition with the VM's UUID and name, its disks at `disks`' files. */
export function inPlaceDomainXml(
  xml: string,
  { uuid, name, disks }: {
    uuid: string;
    name: string;
    disks: Map<string, { path: string; format: string }>;
  },
): string {
  const doc = parseOrdered(xml);
  const domain = rootElement(doc, "domain");
  const top = children(domain);
  for (const [tag, text] of [["name", name], ["uuid", uuid]]) {
    const at = top.findIndex((c) => tagOf(c) === tag);
    if (at >= 0) top.splice(at, 1, element(tag, {}, text));
    else top.unshift(element(tag, {}, text));
  }
  const devices = child(domain, "devices");
  for (const dev of devices ? children(devices) : []) {
    if (tagOf(dev) !== "disk") continue;
    const target = child(dev, "target");
    const to = target && disks.get(attr(target, "dev") ?? "");
    if (!to) continue;
    setAttr(dev, "type", "file");
    const list = children(dev);
    for (let i = list.length - 1; i >= 0; i--) {
      if (tagOf(list[i]) === "backingStore") list.splice(i, 1);
    }
    const at = list.findIndex((c) => tagOf(c) === "source");
    if (at >= 0) list.splice(at, 1, element("source", { file: to.path }));
    else list.unshift(element("source", { file: to.path }));
    const driver = child(dev, "driver");
    if (driver) setAttr(driver, "type", to.format);
    else list.unshift(element("driver", { name: "qemu", type: to.format }));
  }
  return buildOrdered(doc);
}
