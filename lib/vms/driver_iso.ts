// The virtio-win driver CDs among the pools' ISO volumes, found by their ISO 9660 volume label.
// Each file is read through lib/storage/pinned_volume.ts (opened once, inside its pool's folder),
// never by a path taken from a request.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { DriverIso } from "../../shared/vms.ts";
import type { VolumeSummary } from "../../shared/storage.ts";
import { DRIVER_LABEL } from "../../shared/windows.ts";
import { pinVolume } from "../storage/pinned_volume.ts";
import { readInto } from "../storage/read_into.ts";

/** The primary volume descriptor: sector 16 of 2048 bytes (ECMA-119 8.4). */
const PVD_OFFSET = 16 * 2048;
/** Its volume identifier: 32 "d-characters" at byte 40, padded with spaces. */
const VOLUME_ID = { at: 40, length: 32 };
/** ISOs looked at, at most: a pool of thousands must not make the wizard read them all. */
const MAX_ISOS = 256;

/** The volume label of an ISO 9660 image's primary volume descriptor, or null for anything else. */
export function volumeLabel(pvd: Uint8Array): string | null {
  // Type 1 (primary), "CD001", version 1.
  const magic = new TextDecoder("latin1").decode(pvd.subarray(1, 6));
  if (pvd.length < VOLUME_ID.at + VOLUME_ID.length || pvd[0] !== 1 || magic !== "CD001") {
    return null;
  }
  const raw = pvd.subarray(VOLUME_ID.at, VOLUME_ID.at + VOLUME_ID.length);
  // d-characters are A-Z 0-9 _ ; mkisofs writes what it is given, so keep printable ASCII only.
  const label = new TextDecoder("latin1").decode(raw).replace(/[^\x20-\x7e]/g, "").trim();
  return label || null;
}

/** The label of one ISO volume, read from its pinned file; null when it is no file here. */
export async function isoLabel(
  client: LibvirtClient,
  vol: Pick<VolumeSummary, "pool" | "name" | "path">,
): Promise<string | null> {
  try {
    await using file = await pinVolume(client, vol);
    if (!file || file.size < PVD_OFFSET + 2048) return null;
    using handle = await Deno.open(file.path, { read: true });
    await handle.seek(PVD_OFFSET, Deno.SeekMode.Start);
    const pvd = new Uint8Array(2048);
    const got = await readInto(handle, pvd);
    return volumeLabel(pvd.subarray(0, got));
  } catch {
    return null; // unreadable, refused (a link, outside its pool): not a driver CD we use
  }
}

/** The ISOs whose volume label says virtio-win, newest label first. */
export async function findDriverIsos(
  client: LibvirtClient,
  isos: VolumeSummary[],
): Promise<DriverIso[]> {
  const found: DriverIso[] = [];
  for (const iso of isos.slice(0, MAX_ISOS)) {
    const label = await isoLabel(client, iso);
    if (label && DRIVER_LABEL.test(label)) {
      found.push({ pool: iso.pool, name: iso.name, path: iso.path, label });
    }
  }
  return found.sort((a, b) => b.label.localeCompare(a.label, "en", { numeric: true }));
}
