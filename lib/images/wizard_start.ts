// `/vms/new?image=ID`: what the create wizard starts from for a library image a pool of this
// host holds — a VM from a cloud image in one go.

import type { AppContext } from "../context.ts";
import type { OsVariant, VmConfig } from "../../shared/vms.ts";
import { t } from "../../shared/i18n/t.ts";

const GIB = 1024 ** 3;

/**
 * A linked clone of the volume the first pool holding it has (an ISO: that ISO as the install
 * medium), its OS, a disk of its smallest size or 10 GiB, and cloud-init's default user for a
 * cloud image. Throws with words when no pool holds it.
 */
async function imageStart(ctx: AppContext, id: string): Promise<Partial<VmConfig>> {
  const entry = ctx.imageLibrary.entry(id);
  // The first pool holding it; for an entry whose file carries its release, the newest there.
  const held = (await ctx.imageLibrary.held(id))[0];
  if (!held) {
    throw new Error(
      t("{{name}} is in no storage pool of this host yet: download it on the Images page first", {
        name: entry.name,
      }),
    );
  }
  const { pool, name } = held;
  const vol = await ctx.volumes.get(pool, name);
  const gib = Math.max(10, Math.ceil(Math.max(entry.minDiskBytes, vol.capacityBytes) / GIB));
  return {
    ...(entry.kind === "cloud"
      ? { baseImagePath: vol.path, diskFormat: "qcow2" as const }
      : { isoPath: vol.path }),
    storagePool: pool,
    diskSizeGb: gib,
    ...(entry.osinfo ? { osVariant: entry.osinfo } : {}),
    ...(entry.kind === "cloud" && entry.defaultUser
      ? { cloudInit: { user: entry.defaultUser } }
      : {}),
  };
}

/** The wizard's start for `?image=` (none without one), or why there is none. */
export async function wizardFromImage(
  ctx: AppContext,
  id: string | undefined,
  known: OsVariant[],
): Promise<{ prefill: Partial<VmConfig> | null; notice: string | null }> {
  if (!id) return { prefill: null, notice: null };
  try {
    const prefill = await imageStart(ctx, id);
    // An OS this host's osinfo database does not know yet (an older host) is left to choose.
    if (prefill.osVariant && !known.some((v) => v.id === prefill.osVariant)) {
      delete prefill.osVariant;
    }
    return { prefill, notice: null };
  } catch (err) {
    return { prefill: null, notice: (err as Error).message };
  }
}
