// /api/hosts/:id/maintenance: a host's maintenance mode (lib/maintenance/) — its plan, entering
// (its running VMs migrated away), cancelling the moves and leaving (optionally bringing back).

import type { MaintenanceService } from "../../lib/maintenance/service.ts";
import { LeaveBody, MaintenanceBody } from "../../lib/maintenance/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { HOST_ID } from "./hosts.ts";

/** Mounted at /api/hosts by routes/app.ts. */
export function maintenanceRoutes(maintenance: MaintenanceService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true, params: HOST_ID });
  app.GET(
    "/:id/maintenance",
    "Whether a host is in maintenance, the VMs it moved away and its latest run",
    { access: "read", answer: "MaintenanceStatus" },
    reply(({ id }) => maintenance.status(id)),
  );
  app.POST("/:id/maintenance/plan", "Which VM would go where if the host entered maintenance", {
    audit: null,
    writesStore: false,
    body: { schema: MaintenanceBody, empty: {} },
    answer: "MaintenancePlan",
  }, reply(({ id }, body) => maintenance.plan(id, body)));
  app.POST("/:id/maintenance/enter", "Enter maintenance: refuse new VMs, move running ones away", {
    audit: "host.maintenance-enter",
    body: { schema: MaintenanceBody, empty: {} },
    responses: { 202: "The mark, with the moves started" },
    answer: "MaintenanceStatus",
  }, async (c) =>
    c.json(
      await maintenance.enter(c.req.param("id"), c.get("body"), c.get("identity").user),
      202,
    ));
  app.POST("/:id/maintenance/cancel", "Cancel the moves of entering or leaving maintenance", {
    audit: "host.maintenance-cancel",
    writesStore: false,
    answer: "MaintenanceStatus",
  }, reply(({ id }) => maintenance.cancel(id)));
  app.POST(
    "/:id/maintenance/leave",
    "Leave maintenance, optionally bringing moved VMs back",
    {
      audit: "host.maintenance-leave",
      body: { schema: LeaveBody, empty: {} },
      responses: { 202: "The host, out of maintenance (moves back started when asked)" },
      answer: "MaintenanceStatus",
    },
    (c) => c.json(maintenance.leave(c.req.param("id"), c.get("body"), c.get("identity").user), 202),
  );
  return app;
}
