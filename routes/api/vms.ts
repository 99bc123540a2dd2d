// /api/vms: list, details, lifecycle actions (one VM or a batch), delete and stats.

import { z } from "zod";
import { runBatch } from "../../lib/vms/batch.ts";
import type { AppContext } from "../../lib/context.ts";
import { mayPower } from "../../lib/auth/permissions.ts";
import { AppError, badRequest } from "../../lib/errors.ts";
import { BatchBody, DeleteBody, VmConfigBody } from "../../lib/vms/input.ts";
import { VM_ACTIONS, type VmAction } from "../../shared/vms.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { t } from "../../shared/i18n/t.ts";

/**
 * The disks a delete takes: the body's `volumes` (exact paths), else `deleteDisks` (body, or
 * `?deleteDisks=true`) for the VM's own disks, else none.
 */
function volumesOf(
  query: string | undefined,
  body: z.output<typeof DeleteBody>,
): string[] | "own" | null {
  if (query !== undefined && !["true", "false", "1", "0"].includes(query)) {
    throw badRequest(t('Invalid deleteDisks "{{value}}": must be true or false', { value: query }));
  }
  if (body.volumes) return body.volumes;
  return body.deleteDisks ?? (query === "true" || query === "1") ? "own" : null;
}

/** The `:id` of every route under /api/vms. */
export const VM_ID = { id: z.string().meta({ description: "VM UUID or name" }) };

export function vmRoutes({ vms, snapshots }: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/", "List VMs", {
    access: "read",
    responses: {
      200:
        "The VMs. `changesPending: true` marks a running VM whose definition differs from what runs, as far as compared yet (in the background, a few VMs a second; see GET /api/vms/{id} `pending`)",
    },
    answer: "VmList",
  }, reply(() => vms.listVms()));

  app.GET(
    "/create-options",
    "What the create wizard offers: host limits, pools, networks, ISOs, OS variants",
    { access: "read", answer: "VmCreateOptions" },
    reply(() => vms.createOptions()),
  );

  app.POST("/validate", "Check a VM config without creating the VM", {
    audit: null,
    body: { schema: VmConfigBody },
    answer: "VmValidation",
  }, reply((_, body) => vms.validateVm(body)));

  app.POST("/", "Create a VM", {
    body: { schema: VmConfigBody },
    responses: { 201: "The VM" },
    answer: "VmCreated",
  }, reply((_, body) => vms.createVm(body)));

  // One result per VM: a batch answers 200 even when some (or all) of its VMs failed.
  app.POST("/batch", "Start, stop, reboot … or snapshot several VMs at once", {
    access: "signed-in",
    body: { schema: BatchBody, code: "INVALID_BATCH" },
    responses: { 200: "One result per VM, failed ones included" },
    answer: "VmBatchResult",
  }, async (c) => {
    const req = c.get("body");
    const identity = c.get("identity");
    if (identity.role !== "admin" && (identity.role === "viewer" || req.action === "snapshot")) {
      throw new AppError(
        "FORBIDDEN",
        t("Your role ({{role}}) may not {{action}} VMs", {
          role: identity.role,
          action: req.action,
        }),
      );
    }
    const result = await runBatch({
      // An operator's batch is checked VM by VM: each refusal is that VM's own line.
      vmAction: async (id, action) => {
        if (identity.role !== "admin" && !mayPower(identity, (await vms.getVm(id)).id)) {
          throw new AppError("FORBIDDEN", t("You may not control VM {{id}}", { id }));
        }
        return await vms.vmAction(id, action);
      },
      snapshot: (id, input) => snapshots.create(id, input),
      listVms: () => vms.listVms(),
    }, req);
    return c.json(result);
  });

  app.GET(
    "/:id",
    "One VM",
    {
      access: "read",
      responses: {
        200:
          "The VM. `pending` lists what differs between what a running VM runs and its definition for the next boot, each `{field, device?, live, next}` (fields: cpuCount, maxCpuCount, memoryMb, currentMemoryMb, machine, firmware, secureBoot, tpm, bootOrder, bootMenu, display, clipboard, disk by target, nic by MAC, hostdev, filesystem by tag); empty when nothing waits or the VM is off. POST /api/vms/{id}/apply-pending applies them",
      },
      answer: "Vm",
    },
    reply(({ id }) => vms.getVm(id)),
  );

  app.GET("/:id/stats", "A VM's current CPU, memory, disk and network figures", {
    access: "read",
    answer: "VmStats",
  }, reply(({ id }) => vms.vmStats(id)));

  // Admins only (the default here): a QEMU log names host paths and devices.
  app.GET("/:id/qemu-log", "The last lines of a VM's QEMU log (VMs on the local host only)", {
    answer: "QemuLogTail",
  }, reply(({ id }) => vms.qemuLog(id)));

  // An action that is not a power action answers 404 (the clone, migrate, snapshot … routes
  // are mounted before this one).
  app.POST("/:id/:action", "Start, stop, force-stop, pause, resume, reboot or reset one VM", {
    access: "vm",
    params: {
      action: z.string().meta({
        description: "start, stop, force-stop, pause, resume, reboot or reset",
      }),
    },
    answer: "VmActionDone",
  }, async (c) => {
    const action = c.req.param("action");
    if (!(VM_ACTIONS as readonly string[]).includes(action)) {
      return c.json(
        { code: "NOT_FOUND", message: t("Unknown action: {{action}}", { action }) },
        404,
      );
    }
    const result = await vms.vmAction(c.req.param("id"), action as VmAction);
    return c.json({ ok: true, ...result });
  });

  app.GET("/:id/delete-plan", "What deleting a VM would do to each of its disks", {
    responses: {
      200:
        "`{name, volumes}`: every disk with a source, `keep` null for the VM's own (deleted by default) or why it stays: iso, shared (another VM uses it), base (of linked clones), outside (no pool holds it); `deletable` false for the last two",
    },
    answer: "VmDeletePlan",
  }, reply(({ id }) => vms.deletePlan(id)));

  app.DELETE("/:id", "Delete a VM, and the disks asked for", {
    query: {
      deleteDisks: z.string().optional().meta({
        description:
          "true to delete the VM's own disk volumes too (or the body's deleteDisks); never an ISO, a shared disk or a base image",
      }),
    },
    body: { schema: DeleteBody, empty: {} },
    answer: "VmDeleted",
  }, async (c) => {
    const volumes = volumesOf(c.req.query("deleteDisks"), c.get("body"));
    const result = await vms.deleteVm(c.req.param("id"), { volumes });
    return c.json({ ok: true, ...result });
  });

  return app;
}
