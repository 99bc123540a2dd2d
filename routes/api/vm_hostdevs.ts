// /api/vms/:id/hostdevs: a VM's host devices, PCI and USB passed through; the passthrough
// feature's routes (routes/features.ts).

import { z } from "zod";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import type { Passthrough } from "../../lib/host_devices/passthrough.ts";
import { HostDeviceAttachBody } from "../../lib/host_devices/passthrough.ts";

export function vmHostDeviceRoutes(passthrough: Passthrough): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/hostdevs", "A VM's host devices (PCI and USB passthrough)", {
    access: "vm",
    answer: "VmHostDevices",
  }, reply(({ id }) => passthrough.list(id)));

  app.POST("/:id/hostdevs", "Pass a host PCI or USB device through to a VM", {
    audit: "hostdev.attach",
    body: { schema: HostDeviceAttachBody },
    responses: {
      201: "How the change landed (live, next boot) and the IOMMU group's other devices",
    },
    answer: "VmHostDeviceAttached",
  }, reply(({ id }, body) => passthrough.attach(id, body)));

  app.DELETE("/:id/hostdevs/:device", "Take a host device back from a VM", {
    audit: "hostdev.detach",
    params: { device: z.string().meta({ description: "The node device's name" }) },
    answer: "VmHostDeviceDetached",
  }, reply(({ id, device }) => passthrough.detach(id, device)));

  return app;
}
