// Linked clones: a qcow2 overlay whose backing file is a base image (in any pool). The base is
// only read, so it must outlive its clones: whatever would delete it asks linkedChildren first.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { volumeAt, volumeDetails } from "./lookups.ts";
import { pathKeys, samePath } from "../../ffi/libvirt/ops/path_keys.ts";

/**
 * The overlays of the base at `path` (its linked clones), by name: the volumes of every active
 * pool whose backing file is that file (paths compared by pathKeys). Throws when the pools or
 * any active pool's volumes cannot be read: a clone there would go unseen.
 */
export async function linkedChildren(client: LibvirtClient, path: string): Promise<string[]> {
  const vol = await volumeAt({ client, path });
  if (!vol) return [];
  const cache = new Map<string, string[]>();
  const base = [...new Set([...pathKeys(path, cache), ...pathKeys(vol.path, cache)])];
  const pools = (await client.call("poolList")).filter((p) => p.active);
  const lists = await Promise.all(pools.map((p) => client.call("poolVolumes", p.name)));
  return lists.flat().map(volumeDetails)
    .filter((v) => v.backingPath !== null && samePath(base, pathKeys(v.backingPath, cache)))
    .map((v) => v.name).sort();
}

/** 409 VOLUME_IN_USE when `path` is the base of linked clones, naming them. */
export async function refuseBase(client: LibvirtClient, path: string): Promise<void> {
  const children = await linkedChildren(client, path);
  if (children.length === 0) return;
  throw new AppError(
    "VOLUME_IN_USE",
    t(
      "{{path}} is the base of linked clones {{children}}: make them independent or delete them first",
      {
        path,
        children: children.join(", "),
      },
    ),
    { linkedClones: children },
  );
}

/** A linked clone of a base image: its overlay volume and the VMs whose disk it is. */
export interface LinkedClone {
  name: string;
  path: string;
  vms: string[];
}

/** The linked clones of the base at `path` and the VMs using each. */
export async function linkedClones(client: LibvirtClient, path: string): Promise<LinkedClone[]> {
  const vol = await volumeAt({ client, path });
  if (!vol) return [];
  const vols = (await client.call("poolVolumes", vol.pool).catch(() => [])).map(volumeDetails)
    .filter((v) => v.backingPath === path).sort((a, b) => a.name.localeCompare(b.name));
  const users = vols.length ? await client.call("diskUsers", vols.map((v) => v.path)) : {};
  return vols.map((v) => ({ name: v.name, path: v.path, vms: (users[v.path] ?? []).sort() }));
}
