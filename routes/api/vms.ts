// /api/vms: list, details, lifecycle actions (one VM or a batch), delete and stats.

import { z } from "zod";
import { checkBatch, runBatch } from "../../lib/vms/batch.ts";
import type { AppContext } from "../../lib/context.ts";
import { mayPower } from "../../lib/auth/permissions.ts";
import { AppError, badRequest } from "../../lib/errors.ts";
import { VM_ACTIONS, type VmAction } from "../../shared/vms.ts";
import { jsonBody, optionalJsonBody } from "../body.ts";
import { DeclaredApp } from "../declare.ts";

/** Reads the optional DELETE body `{deleteDisks: boolean}`; the query `?deleteDisks=true` also works. */
async function deleteOptions(
  req: Request,
  query: string | undefined,
): Promise<{ deleteDisks: boolean }> {
  let deleteDisks = query === undefined ? false : query === "true" || query === "1";
  if (query !== undefined && !["true", "false", "1", "0"].includes(query)) {
    throw badRequest(`Invalid deleteDisks "${query}": must be true or false`);
  }
  const body = await optionalJsonBody(req, undefined);
  if (body !== undefined) {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw badRequest('Body must be a JSON object like {"deleteDisks": true}');
    }
    const value = (body as Record<string, unknown>).deleteDisks;
    if (value !== undefined && typeof value !== "boolean") {
      throw badRequest("deleteDisks must be true or false");
    }
    if (value !== undefined) deleteDisks = value;
  }
  return { deleteDisks };
}

/** The `:id` of every route under /api/vms. */
export const VM_ID = { id: z.string().meta({ description: "VM UUID or name" }) };

export function vmRoutes({ vms, snapshots }: AppContext): DeclaredApp {
  const app = new DeclaredApp();

  app.api(
    { method: "get", path: "/", summary: "List VMs", access: "read" },
    async (c) => c.json(await vms.listVms()),
  );

  app.api(
    {
      method: "get",
      path: "/create-options",
      summary: "What the create wizard offers: host limits, pools, networks, ISOs, OS variants",
      access: "read",
    },
    async (c) => c.json(await vms.createOptions()),
  );

  app.api({
    method: "post",
    path: "/validate",
    summary: "Check a VM config without creating the VM",
    access: "admin",
    audit: null,
    writesStore: false,
    body: { description: "a VM config, as for creating one" },
  }, async (c) => c.json(await vms.validateVm(await jsonBody(c.req.raw))));

  app.api({
    method: "post",
    path: "/",
    summary: "Create a VM",
    access: "admin",
    writesStore: false,
    body: { description: "a VM config {name, cpuCount, memoryMb, diskSizeGb, osType, network, …}" },
    responses: { 201: "The VM" },
  }, async (c) => c.json(await vms.createVm(await jsonBody(c.req.raw)), 201));

  // One result per VM: a batch answers 200 even when some (or all) of its VMs failed.
  app.api({
    method: "post",
    path: "/batch",
    summary: "Start, stop, reboot … or snapshot several VMs at once",
    access: "signed-in",
    writesStore: false,
    body: { description: "{action: start|stop|force-stop|reboot|snapshot, ids, snapshot?}" },
    responses: { 200: "One result per VM, failed ones included" },
  }, async (c) => {
    const req = checkBatch(await jsonBody(c.req.raw));
    const identity = c.get("identity");
    if (identity.role !== "admin" && (identity.role === "viewer" || req.action === "snapshot")) {
      throw new AppError("FORBIDDEN", `Your role (${identity.role}) may not ${req.action} VMs`);
    }
    const result = await runBatch({
      // An operator's batch is checked VM by VM: each refusal is that VM's own line.
      vmAction: async (id, action) => {
        if (identity.role !== "admin" && !mayPower(identity, (await vms.getVm(id)).id)) {
          throw new AppError("FORBIDDEN", `You may not control VM ${id}`);
        }
        return await vms.vmAction(id, action);
      },
      snapshot: (id, input) => snapshots.create(id, input),
      listVms: () => vms.listVms(),
    }, req);
    return c.json(result);
  });

  app.api(
    { method: "get", path: "/:id", summary: "One VM", access: "read", params: VM_ID },
    async (c) => c.json(await vms.getVm(c.req.param("id"))),
  );

  app.api(
    {
      method: "get",
      path: "/:id/stats",
      summary: "A VM's current CPU, memory, disk and network figures",
      access: "read",
      params: VM_ID,
    },
    async (c) => c.json(await vms.vmStats(c.req.param("id"))),
  );

  // An action that is not a power action answers 404 (the clone, migrate, snapshot … routes
  // are mounted before this one).
  app.api({
    method: "post",
    path: "/:id/:action",
    summary: "Start, stop, force-stop, pause, resume, reboot or reset one VM",
    access: "vm",
    writesStore: false,
    params: {
      ...VM_ID,
      action: z.string().meta({
        description: "start, stop, force-stop, pause, resume, reboot or reset",
      }),
    },
  }, async (c) => {
    const action = c.req.param("action");
    if (!(VM_ACTIONS as readonly string[]).includes(action)) {
      return c.json({ code: "NOT_FOUND", message: `Unknown action: ${action}` }, 404);
    }
    const result = await vms.vmAction(c.req.param("id"), action as VmAction);
    return c.json({ ok: true, ...result });
  });

  app.api({
    method: "delete",
    path: "/:id",
    summary: "Delete a VM, and its disks if asked",
    access: "admin",
    writesStore: false,
    params: VM_ID,
    query: {
      deleteDisks: z.string().optional().meta({
        description: "true to delete the VM's disk volumes too (or the body's deleteDisks)",
      }),
    },
    body: { description: "{deleteDisks?: boolean}", required: false },
  }, async (c) => {
    const opts = await deleteOptions(c.req.raw, c.req.query("deleteDisks"));
    const result = await vms.deleteVm(c.req.param("id"), opts);
    return c.json({ ok: true, ...result });
  });

  return app;
}
