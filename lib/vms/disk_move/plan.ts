// What a disk move will do, checked before anything is made: the VM and its disk (a file volume
// of a pool, no backing chain, no CD-ROM, no block job running), the destination pool (there,
// active, with room), the new volume's free name and its format. Every refusal in a user's words.

import type { LibvirtClient } from "../../../ffi/libvirt/client.ts";
import { XmlFlags } from "../../../ffi/libvirt/domain.ts";
import { ErrorCode, LibvirtError } from "../../../ffi/libvirt/error.ts";
import { AppError, badRequest, fromLibvirt } from "../../errors.ts";
import { checkVmId, vmState } from "../domains.ts";
import { sourceVolume, volumeFormat } from "../../storage/disk_sources.ts";
import { findDiskXml } from "../../xml/domain_update.ts";
import { parseDomainXml } from "../../xml/domain_parse.ts";
import type { VolumeDetails } from "../../storage/lookups.ts";
import { localPoolRoot } from "../../storage/pinned_volume.ts";
import { t } from "../../../shared/i18n/t.ts";
import { formatBytes } from "../../../shared/format.ts";
import type { DiskMoveInput } from "./input.ts";

/** A checked move. */
export interface MovePlan {
  uuid: string;
  name: string;
  /** Whether the VM runs (or is paused): a block copy; else a copy of the volume. */
  live: boolean;
  target: string;
  source: VolumeDetails;
  /** The destination pool and the new volume's name and format there. */
  pool: string;
  volName: string;
  format: "qcow2" | "raw";
  /** The disk's size, which the new volume gets. */
  bytes: number;
  deleteSource: boolean;
}

/** 409 DISK_BUSY: the disk has a block job (a move, a backup, a commit) running. */
export const diskBusy = (target: string) =>
  new AppError(
    "DISK_BUSY",
    t(
      "Disk {{target}} is busy with another block job (a move, backup or commit): wait for it to end",
      {
        target,
      },
    ),
  );

const stem = (name: string) => name.replace(/\.(qcow2|raw|img)$/i, "");

/** Checks a move of disk `target` of VM `id` to `input.pool`; nothing is changed. */
export async function planMove(
  client: LibvirtClient,
  id: string,
  target: string,
  input: DiskMoveInput,
): Promise<MovePlan> {
  checkVmId(id);
  const failed = t("Failed to move disk");
  const vm = await client.call("domainGet", id, XmlFlags.INACTIVE).catch((err) => {
    throw fromLibvirt(err, { id, failed });
  });
  const diskXml = findDiskXml(vm.xml, target);
  if (!diskXml) throw new AppError("DISK_NOT_FOUND", t("Disk not found: {{target}}", { target }));
  const disk = parseDomainXml(`<domain><devices>${diskXml}</devices></domain>`).disks[0];
  if (disk.device !== "disk") {
    throw badRequest(t("{{target}} is a CD-ROM or floppy: only disks can be moved", { target }));
  }
  if (!disk.path) {
    throw badRequest(
      t("{{target}} is no file of a storage pool (a network or block device): it cannot be moved", {
        target,
      }),
    );
  }
  // A backing file among the reasons: only whole images are moved.
  const source = await sourceVolume(
    { client, path: disk.path, sizes: false },
    t("Disk {{target}}", { target }),
    () =>
      t("Disk {{target}} ({{path}}) is no volume of a storage pool: it cannot be moved", {
        target,
        path: disk.path,
      }),
  );
  const have = (await volumeFormat(client, source)) ?? disk.format ?? "raw";
  if (have !== "qcow2" && have !== "raw") {
    throw badRequest(
      t("Disk {{target}} is {{format}}: only qcow2 and raw disks are moved", {
        target,
        format: have,
      }),
    );
  }
  // Internal snapshots live inside the file and a snapshot's definition names the old volume:
  // neither copy takes them, so a revert would go back to the old volume (or fail once deleted).
  const snapshots = await client.call("snapshotList", vm.uuid).catch((err) => {
    throw fromLibvirt(err, { id, failed });
  });
  if (snapshots.length > 0) {
    throw new AppError(
      "INVALID_STATE",
      t(
        "{{name}} has snapshots: a moved disk would leave them behind (a revert would go back to the old volume, or fail once it is deleted); delete the snapshots first",
        { name: vm.name },
      ),
    );
  }
  const format = input.format ?? have;
  if (input.pool === source.pool && format === have) {
    throw badRequest(
      t("Disk {{target}} is in pool {{pool}} as {{format}} already", {
        target,
        pool: input.pool,
        format,
      }),
    );
  }
  const pool = await client.call("poolGet", input.pool).catch((err) => {
    throw fromLibvirt(err, {
      failed: t("Storage pool {{name}} not found", { name: input.pool }),
    });
  });
  if (!pool.active) {
    throw new AppError(
      "INVALID_STATE",
      t("Storage pool {{name}} is not active: start it first", { name: input.pool }),
    );
  }
  const volName = `${stem(source.name)}.${format}`;
  const taken = await client.call("volumeGet", input.pool, volName).then(
    () => true,
    (err) => {
      if (err instanceof LibvirtError && err.code === ErrorCode.NO_STORAGE_VOL) return false;
      throw fromLibvirt(err, { failed });
    },
  );
  if (taken) {
    throw new AppError(
      "ALREADY_EXISTS",
      t("Pool {{pool}} has a volume {{name}} already: rename or delete it first", {
        pool: input.pool,
        name: volName,
      }),
    );
  }
  // What the copy writes is the data the disk holds; a raw copy stays as sparse as it can.
  const needed = source.allocationBytes;
  if (pool.available < needed) {
    throw new AppError(
      "NO_SPACE",
      t("Storage pool {{name}} has {{free}} free; the disk needs {{needed}}", {
        name: input.pool,
        free: formatBytes(pool.available),
        needed: formatBytes(needed),
      }),
    );
  }
  const live = vmState(vm.state) !== "stopped";
  if (!live) {
    const local = await localPoolRoot(client, source.pool) !== null &&
      await localPoolRoot(client, input.pool) !== null;
    if (!local) {
      throw new AppError(
        "NOT_ON_REMOTE_HOST",
        t("A stopped VM's disk is copied with qemu-img on this machine: both pools must be local folder pools"),
      );
    }
  } else {
    // The copy is of what runs; the plan (and deleteSource) of the definition's disk: the same.
    const running = await client.call("domainXml", vm.uuid, 0).catch((err) => {
      throw fromLibvirt(err, { id, failed });
    });
    const runningXml = findDiskXml(running, target);
    const runningPath = runningXml
      ? parseDomainXml(`<domain><devices>${runningXml}</devices></domain>`).disks[0]?.path
      : undefined;
    if (runningPath !== disk.path) {
      throw new AppError(
        "INVALID_STATE",
        t(
          "Disk {{target}} runs from {{running}} while the next boot uses {{path}}: apply the VM's pending changes (restart it) before moving the disk",
          { target, running: runningPath ?? "-", path: disk.path },
        ),
      );
    }
    if (await blockJobOf(client, vm.uuid, target)) throw diskBusy(target);
  }
  return {
    uuid: vm.uuid,
    name: vm.name,
    live,
    target,
    source,
    pool: input.pool,
    volName,
    format,
    bytes: source.capacityBytes,
    deleteSource: input.deleteSource ?? false,
  };
}

/** Whether a running VM's disk has a block job; a driver without block jobs has none. */
async function blockJobOf(client: LibvirtClient, uuid: string, target: string) {
  try {
    return await client.call("domainBlockJobInfo", uuid, target) !== null;
  } catch (err) {
    if (err instanceof LibvirtError && err.code === ErrorCode.NO_SUPPORT) return false;
    throw fromLibvirt(err, { id: uuid, failed: t("Failed to read the disk's block jobs") });
  }
}
