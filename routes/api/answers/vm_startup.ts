// What the start-at-boot routes answer (routes/api/vm_startup.ts): a VM's boot order, the host's
// sequence, and the task that runs it now.

import { z } from "zod";
import type { Planned } from "../../../lib/startup/sequence.ts";
import type { StartupOrder as Order, VmStartup as Startup } from "../../../shared/startup.ts";
import { describes } from "./describes.ts";

const StartupOrder = describes<Order>()(z.object({
  order: z.number().int().meta({ description: "0 to 9999; lower starts first (ties by name)" }),
  upDelay: z.number().int().meta({
    description: "Seconds to wait after starting it before the next VM starts",
  }),
  waitForAgent: z.boolean().meta({
    description: "End the wait early once its QEMU guest agent answers",
  }),
  downTimeout: z.number().int().meta({
    description: "Seconds a stop in order waits for its shutdown before forcing it off",
  }),
}));

/** GET, PUT and DELETE /api/vms/{id}/startup. */
export const VmStartup = describes<Startup>()(
  z.object({
    id: z.string().meta({ description: "UUID" }),
    name: z.string(),
    startup: StartupOrder.nullable().meta({
      description: "null: no boot order; libvirt's autostart (if on) starts it",
    }),
    libvirtAutostart: z.boolean().meta({
      description: "libvirt's autostart flag: always off while the VM has a boot order",
    }),
  }).meta({ id: "VmStartup" }),
);

/** GET /api/host/startup: the VMs with a boot order, in start order. */
export const HostStartupPlan = z.array(
  describes<Planned>()(z.object({
    uuid: z.string(),
    name: z.string(),
    running: z.boolean(),
    startup: StartupOrder,
  })),
).meta({ id: "HostStartupPlan" });

/** POST /api/host/startup/start and /stop. */
export const HostStartupTask = z.object({
  taskId: z.number().int().nullable().meta({
    description: "The task that runs the sequence (GET /api/tasks/{id})",
  }),
}).meta({ id: "HostStartupTask" });
