// /api/host and /api/connection: what anyone signed in may read about this host.

import type { AppContext } from "../../lib/context.ts";
import { DeclaredApp } from "../declare.ts";

export function hostRoutes({ vms, hostDevices }: AppContext): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.GET("/host", "The host: CPU, memory, versions", async (c) => c.json(await vms.hostInfo()));
  app.GET(
    "/host/devices",
    "The host's PCI and USB devices: names, classes, drivers, IOMMU groups, SR-IOV, mediated types, those the host needs; and whether its IOMMU is on",
    async (c) => c.json(await hostDevices.inventory()),
  );
  app.GET(
    "/connection",
    "Whether libvirt is connected, and why not",
    (c) => c.json(vms.connection()),
  );
  return app;
}
