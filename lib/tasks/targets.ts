// What a request's task acts on, in a user's words: the object its path names (a VM's UUID
// and name, a pool, a volume, a network, a backup …) read before the request runs, so a VM
// about to be deleted is still named; or, for a create, the object its answer names. Lookups
// never fail the request: an object that cannot be read is named by what the path says.

import type { AppContext } from "../context.ts";
import type { TaskTarget } from "../../shared/tasks.ts";

/** A target and the VMs it is about (for who may see the task). */
export interface FoundTarget {
  target: TaskTarget | null;
  vmIds?: string[];
}

type Services = Pick<
  AppContext,
  "vms" | "backups" | "scheduler" | "templates" | "profiles" | "hosts"
>;

const named = async (read: () => unknown, fallback: string): Promise<string> => {
  try {
    const value = await read();
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === "string" && name ? name : fallback;
  } catch {
    return fallback;
  }
};

/** An object the path names by `id` (none without one), named as `read` finds it. */
async function namedById(
  kind: TaskTarget["kind"],
  id: string | undefined,
  read: (id: string) => unknown,
): Promise<FoundTarget> {
  if (id === undefined) return { target: null };
  return { target: { kind, id, name: await named(() => read(id), id) } };
}

/**
 * The object of a request on route `pattern` ("/api/vms/:id/snapshots/:name") with these path
 * parameters, looked up on the request's host's services.
 */
export async function targetOfPath(
  ctx: Services,
  pattern: string,
  params: Record<string, string>,
): Promise<FoundTarget> {
  const [api, resource] = pattern.split("/").filter(Boolean);
  if (api !== "api") return { target: null };
  const id = params.id;
  switch (resource) {
    case "vms": {
      if (id === undefined) return { target: null };
      try {
        const vm = await ctx.vms.getVm(id);
        return { target: { kind: "vm", id: vm.id, name: vm.name }, vmIds: [vm.id] };
      } catch {
        return { target: { kind: "vm", id, name: id } };
      }
    }
    case "backups": {
      if (id === undefined) return { target: null };
      try {
        const backup = ctx.backups.get(id);
        return {
          target: { kind: "backup", id, name: backup.vmName },
          vmIds: [backup.vmId],
        };
      } catch {
        return { target: { kind: "backup", id, name: id } };
      }
    }
    case "pools": {
      const { pool, vol } = params;
      if (pool === undefined) return { target: null };
      if (vol !== undefined) {
        return { target: { kind: "volume", id: `${pool}/${vol}`, name: vol } };
      }
      return { target: { kind: "pool", id: pool, name: pool } };
    }
    case "networks":
      return params.net === undefined
        ? { target: null }
        : { target: { kind: "network", id: params.net, name: params.net } };
    case "schedules":
      return await namedById("schedule", id, (id) => ctx.scheduler.get(id));
    case "templates":
      return await namedById("template", id, (id) => ctx.templates.get(id));
    case "profiles":
      return await namedById("profile", id, (id) => ctx.profiles.get(id));
    case "hosts":
      return await namedById("host", id, (id) => ctx.hosts.find(id));
  }
  return { target: null };
}

/** Kinds a create names in its answer (`{id, name}`), by the action's resource. */
const CREATED: Record<string, TaskTarget["kind"]> = {
  vm: "vm",
  template: "template",
  pool: "pool",
  network: "network",
  schedule: "schedule",
  profile: "profile",
  host: "host",
};

/** The object a create's answer names (`{id, name}`), or null. */
export function targetOfAnswer(action: string, body: Record<string, unknown> | null): FoundTarget {
  const kind = CREATED[action.split(".")[0]];
  if (!kind || !body) return { target: null };
  const name = typeof body.name === "string" ? body.name : null;
  const id = typeof body.id === "string" ? body.id : name;
  if (id === null) return { target: null };
  const target = { kind, id, name: name ?? id };
  return kind === "vm" ? { target, vmIds: [id] } : { target };
}
