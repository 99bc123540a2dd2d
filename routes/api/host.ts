// /api/host and /api/connection: what anyone signed in may read about this host.

import type { AppContext } from "../../lib/context.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { buildInfo } from "../../lib/version.ts";

export function hostRoutes(
  { vms, hostDevices }: AppContext,
): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.GET("/host", "The host: CPU, memory, versions", {
    answer: "HostInfo",
  }, reply(() => vms.hostInfo()));
  app.GET(
    "/host/check",
    "The host check: hardware virtualisation, whether KVM can run a guest (new VMs use software emulation when not, and kvmReason says why), IOMMU, cgroups, UEFI firmware, the default network and pool",
    { answer: "HostCheck" },
    reply(() => vms.hostCheck()),
  );
  app.GET("/version", "KVM Manager's version (deno.json) and the commit it was built from", {
    answer: "BuildInfo",
  }, reply(() => buildInfo()));
  app.GET(
    "/host/devices",
    "The host's PCI and USB devices: names, classes, drivers, IOMMU groups, SR-IOV, mediated types, those the host needs; and whether its IOMMU is on",
    { answer: "HostDeviceInventory" },
    reply(() => hostDevices.inventory()),
  );
  app.GET("/connection", "Whether libvirt is connected, and why not", {
    answer: "ConnectionStatus",
  }, reply(() => vms.connection()));
  return app;
}
