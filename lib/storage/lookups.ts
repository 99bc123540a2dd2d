// Pools and volumes as the create wizard and disk forms see them.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { PoolSnapshot, VolumeSnapshot } from "../../ffi/libvirt/ops/storage.ts";
import { fromLibvirt } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PoolSummary, VolumeSummary } from "../../shared/storage.ts";
import { parseXml, text } from "../xml/parser.ts";
import { poolFacts } from "../xml/pool_xml.ts";

/** A volume plus what its XML says about format and backing file. */
export interface VolumeDetails extends VolumeSummary {
  /** The backing file of a qcow2 overlay, or null. */
  backingPath: string | null;
}

export function poolSummary(p: PoolSnapshot): PoolSummary {
  return {
    name: p.name,
    active: p.active,
    capacityBytes: p.capacity,
    allocationBytes: p.allocation,
    availableBytes: p.available,
    path: poolFacts(p.xml).path,
  };
}

export function volumeDetails(v: VolumeSnapshot): VolumeDetails {
  let format: string | null = null;
  let backingPath: string | null = null;
  try {
    const vol = parseXml(v.xml).volume ?? {};
    format = vol.target?.format?.["@type"] ?? null;
    backingPath = text(vol.backingStore?.path) ?? null;
  } catch {
    // Sizes and path are still right without the XML details.
  }
  return {
    pool: v.pool,
    name: v.name,
    path: v.path,
    capacityBytes: v.capacity,
    allocationBytes: v.allocation,
    format,
    backingPath,
  };
}

/** Every storage pool, by name. */
export async function poolList({ client }: { client: LibvirtClient }): Promise<PoolSummary[]> {
  try {
    const pools = await client.call("poolList");
    return pools.map(poolSummary).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    throw fromLibvirt(err, { failed: t("Failed to list storage pools") });
  }
}

/** The ISO images of every active pool (by file name), for the wizard's media choice. */
/** The names KVM Manager gives the cloud-init seeds it writes. */
export const SEED_ISO = /-cidata\.iso$/i;

export async function isoList(
  { client, pools }: { client: LibvirtClient; pools: PoolSummary[] },
): Promise<VolumeSummary[]> {
  const lists = await Promise.all(
    pools.filter((p) => p.active).map((p) => client.call("poolVolumes", p.name).catch(() => [])),
  );
  // A VM's cloud-init seed (NAME-cidata.iso, lib/vms/create.ts) is no installer to offer.
  return lists.flat().filter((v) => /\.iso$/i.test(v.name) && !SEED_ISO.test(v.name)).map((v) => {
    const { backingPath: _, ...summary } = volumeDetails(v);
    return summary;
  }).sort((a, b) => a.path.localeCompare(b.path));
}

/** The storage volume at `path`, or null when no pool holds it. */
export async function volumeAt(
  { client, path }: { client: LibvirtClient; path: string },
): Promise<VolumeDetails | null> {
  try {
    return volumeDetails(await client.call("volumeAt", path));
  } catch {
    return null;
  }
}
