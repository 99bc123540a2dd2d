// `/vms/new?ova=ID`: what the create wizard starts from for an OVA imported on this host — its
// descriptor's name, CPUs, memory, firmware and OS, its first disk as the VM's disk, and the
// review of everything the descriptor says (components/OvaReview.tsx).

import type { AppContext } from "../context.ts";
import { ovaFeature } from "./feature.ts";
import type { OvaImport } from "../../shared/ova.ts";
import type { OsVariant, VmConfig } from "../../shared/vms.ts";
import { wizardFromImage } from "../images/wizard_start.ts";
import { ovaPrefill } from "../../shared/ova_config.ts";

/** The wizard's start for `?ova=` (none without one), or why there is none. */
export function wizardFromOva(
  ctx: AppContext,
  id: string | undefined,
  known: OsVariant[],
): { prefill: Partial<VmConfig> | null; notice: string | null; review: OvaImport | null } {
  if (!id) return { prefill: null, notice: null, review: null };
  try {
    const record = ctx.features.get(ovaFeature).imported(id);
    return { prefill: ovaPrefill(record, known), notice: null, review: record };
  } catch (err) {
    return { prefill: null, notice: (err as Error).message, review: null };
  }
}

/** The wizard's start for `?ova=` or else `?image=`. */
export async function wizardStart(
  ctx: AppContext,
  query: { ova?: string; image?: string },
  known: OsVariant[],
): Promise<{ prefill: Partial<VmConfig> | null; notice: string | null; review: OvaImport | null }> {
  const ova = wizardFromOva(ctx, query.ova, known);
  if (ova.review || ova.notice) return ova;
  return { ...await wizardFromImage(ctx, query.image, known), review: null };
}
