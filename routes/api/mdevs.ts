// /api/host/…/mdevs: mediated devices (vGPUs) made from a host device's types, and removed; the
// mediated devices feature's routes (routes/features.ts).

import { z } from "zod";
import type { MediatedDevices } from "../../lib/host_devices/mdev.ts";
import { MdevCreateBody } from "../../lib/host_devices/mdev.ts";
import { DeclaredApp, reply } from "../declare.ts";

export function mdevRoutes(mediatedDevices: MediatedDevices): DeclaredApp {
  const app = new DeclaredApp({ access: "read" });
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
      answer: "MdevInstance",
    },
    reply(({ device }, { type }) => mediatedDevices.create(device, type)),
  );
  app.DELETE("/host/mdevs/:name", "Stop and remove a mediated device no VM is given", {
    access: "admin",
    writesStore: false,
    audit: "mdev.remove",
    params: { name: z.string().meta({ description: "The mediated device's node device name" }) },
    responses: { 204: "Removed" },
  }, reply(({ name }) => mediatedDevices.remove(name)));
  return app;
}
