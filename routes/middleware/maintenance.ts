// Refuses new VMs on a host in maintenance (lib/maintenance/): create, import and clone answer
// 409 HOST_IN_MAINTENANCE naming the host before their bodies are read. The services refuse too
// (VmService create/import/clone, BackupService restore, migrations in), whoever asks them; this
// guard only answers early. Starting a VM already on the host is allowed.

import type { MiddlewareHandler } from "hono";
import type { AppContext } from "../../lib/context.ts";

/** POST paths that make a VM on the host: /api/vms, /api/vms/import, /api/vms/:id/clone. */
const NEW_VM = /^\/api\/vms\/?$|^\/api\/vms\/import\/?$|^\/api\/vms\/[^/]+\/clone\/?$/;

/** Installed in each host's app: that host's maintenance mark is the one asked. */
export function maintenanceGuard({ maintenance, hostId }: AppContext): MiddlewareHandler {
  return async function refuseNewVms(c, next) {
    if (c.req.method === "POST" && NEW_VM.test(c.req.path)) maintenance.refuseNewVms(hostId);
    await next();
  };
}
