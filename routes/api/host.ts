// /api/host and /api/connection: what anyone signed in may read about this host.

import type { AppContext } from "../../lib/context.ts";
import { z } from "zod";
import { DeclaredApp } from "../declare.ts";
import { MdevCreateBody } from "../../lib/host_devices/mdev.ts";
import { buildInfo } from "../../lib/version.ts";
import {
  BuildInfo,
  ConnectionStatus,
  HostCheck,
  HostDeviceInventory,
  HostInfo,
  HostTopology,
  MdevInstance,
} from "./answers/host.ts";

export function hostRoutes(
  { vms, hostDevices, topology, mediatedDevices }: AppContext,
): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
  app.GET(
    "/host",
    "The host: CPU, memory, versions",
    { answer: HostInfo },
    async (c) => c.json(await vms.hostInfo()),
  );
  app.GET(
    "/host/check",
    "The host check: hardware virtualisation, whether KVM can run a guest (new VMs use software emulation when not, and kvmReason says why), IOMMU, cgroups, UEFI firmware, the default network and pool",
    { answer: HostCheck },
    async (c) => c.json(await vms.hostCheck()),
  );
  app.GET(
    "/version",
    "KVM Manager's version (deno.json) and the commit it was built from",
    { answer: BuildInfo },
    (c) => c.json(buildInfo()),
  );
  app.GET(
    "/host/devices",
    "The host's PCI and USB devices: names, classes, drivers, IOMMU groups, SR-IOV, mediated types, those the host needs; and whether its IOMMU is on",
    { answer: HostDeviceInventory },
    async (c) => c.json(await hostDevices.inventory()),
  );
  app.POST(
    "/host/devices/:device/mdevs",
    "Make a mediated device (a vGPU) of a type the device offers, and start it",
    {
      access: "admin",
      writesStore: false,
      audit: "mdev.create",
      body: { schema: MdevCreateBody },
      params: { device: z.string().meta({ description: "The parent's node device name" }) },
      responses: { 201: "The new mediated device: its name, UUID, type and parent" },
      answer: MdevInstance,
    },
    async (c) =>
      c.json(await mediatedDevices.create(c.req.param("device"), c.get("body").type), 201),
  );
  app.DELETE("/host/mdevs/:name", "Stop and remove a mediated device no VM is given", {
    access: "admin",
    writesStore: false,
    audit: "mdev.remove",
    params: { name: z.string().meta({ description: "The mediated device's node device name" }) },
    responses: { 204: "Removed" },
  }, async (c) => {
    await mediatedDevices.remove(c.req.param("name"));
    return c.body(null, 204);
  });
  app.GET(
    "/host/topology",
    "The host's network topology: its interfaces and bridges, its networks and its VMs as nodes, their uplinks, bridge members and VM NICs (with VLANs and port groups) as links",
    { answer: HostTopology },
    async (c) => c.json(await topology.topology()),
  );
  app.GET(
    "/connection",
    "Whether libvirt is connected, and why not",
    { answer: ConnectionStatus },
    (c) => c.json(vms.connection()),
  );
  return app;
}
