// Start at boot in order: each VM's boot order (/api/vms/:id/startup) and the host's sequence
// (/api/host/startup), run now to start or to shut down in order.

import type { AppContext } from "../../lib/context.ts";
import { STARTUP_CODES, StartupBody } from "../../lib/startup/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

/** Mounted at /api/vms. */
export function vmStartupRoutes({ startup }: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/startup", "A VM's boot order (null: none) and libvirt's autostart flag", {
    access: "read",
    answer: "VmStartup",
  }, reply(({ id }) => startup.get(id)));

  app.PUT(
    "/:id/startup",
    "Give a VM a boot order: it starts with the host in that order, after the VMs before it and their up-delays; libvirt's autostart goes off",
    {
      audit: "vm.startup-set",
      body: { schema: StartupBody, ...STARTUP_CODES },
      answer: "VmStartup",
    },
    reply(({ id }, body) => startup.set(id, body)),
  );

  app.DELETE(
    "/:id/startup",
    "Remove a VM's boot order: it starts with the host by libvirt's autostart again, all at once",
    { audit: "vm.startup-clear", answer: "VmStartup" },
    reply(({ id }) => startup.clear(id)),
  );
  return app;
}

/** Mounted at /api. */
export function hostStartupRoutes({ startup }: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false });

  app.GET("/host/startup", "The VMs with a boot order, in start order", {
    access: "read",
    answer: "HostStartupPlan",
  }, reply(() => startup.plan()));

  app.POST("/host/startup/start", "Start the VMs with a boot order now, in order, as one task", {
    audit: "host.start-in-order",
    responses: { 202: "The task's id: {taskId}" },
    answer: "HostStartupTask",
  }, reply(() => startup.runNow("start")));

  app.POST(
    "/host/startup/stop",
    "Shut the running VMs with a boot order down in reverse order, each forced off after its shutdown timeout, as one task",
    {
      audit: "host.stop-in-order",
      responses: { 202: "The task's id: {taskId}" },
      answer: "HostStartupTask",
    },
    reply(() => startup.runNow("stop")),
  );
  return app;
}
