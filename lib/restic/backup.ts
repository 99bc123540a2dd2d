// A VM's backup into a restic repository: the consistent point (point.ts), then each disk's raw
// bytes streamed into restic as one snapshot (file kvmm-<uuid>-<target>.raw), and the VM's
// definition with our policy as one more (kvmm-<uuid>-vm.json). All carry the tags kvmm,
// vm:<uuid>, host:<hostId> and backup:<id>; deduplication makes a later backup add only the
// chunks that changed.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { conflict, fromLibvirt } from "../errors.ts";
import { vmState } from "../vm_basics.ts";
import { resolveDisks } from "../backups/plan.ts";
import { selectDisks } from "../backups/xml.ts";
import type { Quiescer } from "../backups/begin.ts";
import type { VmLock } from "../vms/lock.ts";
import { dropPoint, type PointDisk, runningPoint, stoppedPoint } from "./point.ts";
import type { ResticRepo } from "./repo.ts";
import { t } from "../../shared/i18n/t.ts";

/** What the metadata snapshot holds. */
export interface BackupMeta {
  version: 1;
  backupId: string;
  vm: { uuid: string; name: string };
  hostId: string;
  takenAt: string;
  quiesced: boolean;
  /** The inactive definition (libvirt's, with secrets). */
  xml: string;
  /** The VM's policy in force, or null. */
  policy: unknown;
  disks: {
    target: string;
    format: string;
    capacityBytes: number;
    sourcePath: string;
    snapshot: string;
  }[];
}

export interface DiskResult {
  target: string;
  snapshot: string;
  bytes: number;
  dataAdded: number;
}

export const diskFile = (uuid: string, target: string) => `kvmm-${uuid}-${target}.raw`;
export const metaFile = (uuid: string) => `kvmm-${uuid}-vm.json`;

/** The tags of every snapshot of backup `id`. */
export const backupTags = (uuid: string, hostId: string, id: string) => [
  "kvmm",
  `vm:${uuid}`,
  `host:${hostId}`,
  `backup:${id}`,
];

/** Backs up VM `vmId` into `repo`; `progress` gets 0..1. */
export async function backupVm(
  { client, lock, quiesce, repo, hostId, policyFor, vmId, id, signal, progress }: {
    client: LibvirtClient;
    lock: VmLock;
    quiesce?: Quiescer;
    repo: ResticRepo;
    hostId: string;
    policyFor: (uuid: string) => unknown;
    vmId: string;
    id: string;
    signal: AbortSignal;
    progress: (fraction: number) => void;
  },
): Promise<{ backupId: string; vm: { uuid: string; name: string }; disks: DiskResult[] }> {
  const snap = await client.call("domainGet", vmId, 0).catch((err) => {
    throw fromLibvirt(err, { id: vmId, failed: t("Failed to read VM") });
  });
  const uuid = snap.uuid;
  const name = snap.name;
  const xml = await client.call("domainXml", uuid, 2 | 1 /* INACTIVE | SECURE */).catch((err) => {
    throw fromLibvirt(err, { id: uuid, failed: t("Failed to read VM") });
  });
  // The point is taken in the VM's turn: no start, stop or disk change meanwhile.
  const { point, quiesced } = await lock(uuid, async () => {
    const fresh = await client.call("domainGet", uuid, 0);
    const state = vmState(fresh.state);
    const active = state === "running" || state === "paused" || state === "suspended";
    const selection = selectDisks(fresh.xml);
    if (!selection.disks.length) {
      throw conflict(t("{{name}} has no disk to back up", { name }));
    }
    const disks = await resolveDisks(client, { id: uuid, name, active }, selection.disks);
    if (active) {
      const taken = await runningPoint({
        client,
        quiesce,
        uuid,
        id,
        disks,
        signal,
        progress: (f) => progress(0.3 * f),
      });
      return { point: taken.disks, quiesced: taken.quiesced };
    }
    return { point: await stoppedPoint({ client, id, disks, signal }), quiesced: false };
  });
  try {
    progress(0.3);
    const tags = backupTags(uuid, hostId, id);
    const total = point.reduce((n, d) => n + d.capacityBytes, 0) || 1;
    let before = 0;
    const results: DiskResult[] = [];
    for (const d of point) {
      const summary = await backupDisk(repo, d, {
        uuid,
        hostId,
        tags,
        signal,
        progress: (bytes) => progress(0.3 + 0.7 * (before + bytes) / total),
      });
      results.push({
        target: d.target,
        snapshot: summary.snapshotId,
        bytes: summary.totalBytesProcessed,
        dataAdded: summary.dataAdded,
      });
      before += d.capacityBytes;
    }
    const meta: BackupMeta = {
      version: 1,
      backupId: id,
      vm: { uuid, name },
      hostId,
      takenAt: new Date().toISOString(),
      quiesced,
      xml,
      policy: policyFor(uuid) ?? null,
      disks: point.map((d, i) => ({
        target: d.target,
        format: d.format,
        capacityBytes: d.capacityBytes,
        sourcePath: d.sourcePath,
        snapshot: results[i].snapshot,
      })),
    };
    await repo.backupStream({
      stdin: ReadableStream.from([new TextEncoder().encode(JSON.stringify(meta))]),
      filename: metaFile(uuid),
      tags: [...tags, "meta", `name:${name}`],
      host: hostId,
      signal,
    });
    progress(1);
    return { backupId: id, vm: { uuid, name }, disks: results };
  } finally {
    await dropPoint(client, point);
  }
}

async function backupDisk(
  repo: ResticRepo,
  d: PointDisk,
  { uuid, hostId, tags, signal, progress }: {
    uuid: string;
    hostId: string;
    tags: string[];
    signal: AbortSignal;
    progress: (bytes: number) => void;
  },
) {
  const file = await Deno.open(d.path, { read: true });
  return await repo.backupStream({
    stdin: file.readable,
    filename: diskFile(uuid, d.target),
    tags: [...tags, `disk:${d.target}`],
    host: hostId,
    progress,
    signal,
  });
}
