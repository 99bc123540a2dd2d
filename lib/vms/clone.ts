// Cloning a stopped VM: a full copy of each disk through the storage API, new name, UUID
// and MACs. A half-made clone is removed again.

import { undoMake } from "./late_define.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import { domainExists, vmState } from "./domains.ts";
import type { ProgressFn } from "./create.ts";
import { defineValidated, volumeXml } from "./create.ts";
import { sourceVolume } from "../storage/disk_sources.ts";
import { copyLocalVolume } from "../storage/pinned_copy.ts";
import { parseDomainXml } from "../xml/domain_parse.ts";
import { cloneDomainXml } from "../xml/domain_update.ts";
import { withProtection } from "../xml/protection.ts";
import { t } from "../../shared/i18n/t.ts";
import { callMake } from "../../ffi/libvirt/late_undo.ts";

/** Clones VM `id` as `name` (checked: lib/vms/input.ts CloneBody); progress reports each disk copy. */
export async function domainClone(
  { client, id, name: newName }: { client: LibvirtClient; id: string; name: string },
  progress: ProgressFn = () => {},
): Promise<{ id: string; name: string }> {
  const failed = t("Failed to clone VM");
  let snap;
  try {
    snap = await client.call("domainGet", id, 2 | 1 /* INACTIVE | SECURE */);
  } catch (err) {
    throw fromLibvirt(err, { id, failed });
  }
  const state = vmState(snap.state);
  if (state !== "stopped" && state !== "paused") {
    throw conflict(t("Cannot clone a running VM. Stop or pause it first."));
  }
  if (await domainExists(client, newName)) {
    throw new AppError("NAME_EXISTS", t("VM name already exists: {{name}}", { name: newName }));
  }
  const disks = parseDomainXml(snap.xml).disks.filter((d) => d.device === "disk" && d.path);
  const total = disks.length + 1;
  const made: string[] = [];
  // Set while the define runs: a define past its deadline is undone once libvirt answers.
  let defining = false;
  const diskPaths = new Map<string, string>();
  try {
    for (const [i, disk] of disks.entries()) {
      progress(t("Copying disk {{target}}", { target: disk.target }), i + 1, total);
      // The copy reads the file and its backing chain: each must stay inside the pools.
      const vol = await sourceVolume(
        { client, path: disk.path!, backing: true },
        t("Disk {{target}}", { target: disk.target }),
        () =>
          t("Disk {{target}} is not a storage volume and cannot be copied: {{path}}", {
            target: disk.target,
            path: String(disk.path),
          }),
      );
      const format = vol.format ?? disk.format ?? "raw";
      const ext = format === "qcow2" ? "qcow2" : "img";
      const volName = disks.length === 1 ? `${newName}.${ext}` : `${newName}-${disk.target}.${ext}`;
      const label = t("Disk {{target}}", { target: disk.target });
      // In a local folder pool the copy reads and writes only files opened once
      // (lib/storage/pinned_copy.ts): libvirt's copy opens both names again, so a link swapped
      // in read a file outside into the clone, or wrote the copy over one.
      const names: string[] = [];
      const copy = await copyLocalVolume(client, {
        source: { ...vol, path: disk.path! },
        pool: vol.pool,
        name: volName,
        label,
        made: names,
      }).catch(async (err) => {
        for (const n of names) await client.call("volumeDeleteIn", vol.pool, n).catch(() => {});
        throw fromLibvirt(err, {
          failed: t("Failed to copy disk {{target}}", { target: disk.target }),
        });
      }) ?? await callMake(
        client,
        "volumeClone",
        vol.pool,
        volumeXml(volName, vol.capacityBytes, format),
        disk.path!,
      )
        .catch((err) => {
          throw fromLibvirt(err, {
            failed: t("Failed to copy disk {{target}}", { target: disk.target }),
          });
        });
      made.push(copy.path);
      diskPaths.set(disk.path!, copy.path);
    }
    progress(t("Defining the clone"), total, total);
    // A clone is a new VM: it starts unprotected, whatever its source is (protection.ts).
    const xml = withProtection(cloneDomainXml(snap.xml, { name: newName, diskPaths }), false);
    defining = true;
    const result = await defineValidated(client, xml, failed);
    return { id: result.uuid, name: result.name };
  } catch (err) {
    const undo = async () => {
      for (const path of made) await client.call("volumeDelete", path).catch(() => {});
    };
    await undoMake(client, err, { defining, name: newName }, undo);
    throw err;
  }
}
