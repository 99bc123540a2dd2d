// /api/vms: list, details, lifecycle actions (one VM or a batch), delete and stats.

import { Hono } from "hono";
import { checkBatch, runBatch } from "../../lib/vms/batch.ts";
import type { AppContext } from "../../lib/context.ts";
import { mayPower } from "../../lib/auth/permissions.ts";
import { AppError, badRequest } from "../../lib/errors.ts";
import { VM_ACTIONS, type VmAction } from "../../shared/vms.ts";
import { jsonBody, optionalJsonBody } from "../body.ts";

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

export function vmRoutes({ vms, snapshots }: AppContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => c.json(await vms.listVms()));

  app.get("/create-options", async (c) => c.json(await vms.createOptions()));

  app.post("/validate", async (c) => c.json(await vms.validateVm(await jsonBody(c.req.raw))));

  app.post("/", async (c) => c.json(await vms.createVm(await jsonBody(c.req.raw)), 201));

  // One result per VM: a batch answers 200 even when some (or all) of its VMs failed.
  app.post("/batch", async (c) => {
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

  app.get("/:id", async (c) => c.json(await vms.getVm(c.req.param("id"))));

  app.get("/:id/stats", async (c) => c.json(await vms.vmStats(c.req.param("id"))));

  app.post("/:id/:action", async (c) => {
    const action = c.req.param("action");
    if (!(VM_ACTIONS as readonly string[]).includes(action)) {
      return c.json({ code: "NOT_FOUND", message: `Unknown action: ${action}` }, 404);
    }
    const result = await vms.vmAction(c.req.param("id"), action as VmAction);
    return c.json({ ok: true, ...result });
  });

  app.delete("/:id", async (c) => {
    const opts = await deleteOptions(c.req.raw, c.req.query("deleteDisks"));
    const result = await vms.deleteVm(c.req.param("id"), opts);
    return c.json({ ok: true, ...result });
  });

  return app;
}
