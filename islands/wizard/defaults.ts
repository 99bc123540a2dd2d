// The wizard's default pool and network: never an inactive one, and the pool follows the ISO.

import type { WizardOptions } from "./options.ts";

/** Where this browser keeps the storage pool of the last VM it created (CreateVmWizard). */
export const LAST_POOL = "kvmm.wizard.lastPool";

/**
 * The disk's pool: the chosen ISO's pool, else the last used one, else "default", else the
 * first active pool — each only when active; with none active, the first pool (or "default"),
 * which the validator then names.
 */
export function defaultPool(
  o: Pick<WizardOptions, "pools" | "isos">,
  { isoPath = "", lastPool = null }: { isoPath?: string; lastPool?: string | null } = {},
): string {
  const active = o.pools.filter((p) => p.active).map((p) => p.name);
  const isoPool = o.isos.find((v) => v.path === isoPath)?.pool;
  return [isoPool, lastPool, "default"].find((n) => n && active.includes(n)) ?? active[0] ??
    o.pools[0]?.name ?? "default";
}

/** The VM's network: "default" when active, else the first active one, else none (""). */
export function defaultNetwork(o: Pick<WizardOptions, "networks">): string {
  const active = o.networks.filter((n) => n.active).map((n) => n.name);
  return active.includes("default") ? "default" : active[0] ?? "";
}
