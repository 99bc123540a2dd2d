// /api/vms configuration routes: edit, devices, raw XML (export, editor, import) and clone.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { jsonBody } from "../body.ts";
import { DeclaredApp } from "../declare.ts";
import { VM_ID } from "./vms.ts";

/** Reads `field` of a JSON object body. */
async function bodyField(req: Request, field: string): Promise<unknown> {
  const body = await jsonBody(req);
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[field]
    : undefined;
}

const TARGET = {
  ...VM_ID,
  target: z.string().meta({ description: "The device's target name in the guest (vda, sdb …)" }),
};

export function vmConfigRoutes({ vms }: AppContext): DeclaredApp {
  const app = new DeclaredApp();

  app.api(
    {
      method: "post",
      path: "/import",
      summary: "Define a VM from libvirt domain XML",
      access: "admin",
      writesStore: false,
      body: { description: "{xml}" },
      responses: { 201: "The VM" },
    },
    async (c) => c.json(await vms.importVm(await bodyField(c.req.raw, "xml")), 201),
  );

  app.api(
    {
      method: "patch",
      path: "/:id",
      summary: "Change a VM's name, CPUs, memory, description, autostart or boot order",
      access: "admin",
      writesStore: false,
      params: VM_ID,
      body: {
        description:
          "any of {name, cpuCount, memoryMb, description, autostart, bootOrder, bootMenu}",
      },
    },
    async (c) => c.json(await vms.editVm(c.req.param("id"), await jsonBody(c.req.raw))),
  );

  app.api({
    method: "get",
    path: "/:id/xml",
    summary: "A VM's libvirt domain XML",
    access: "admin",
    params: VM_ID,
    query: {
      download: z.string().optional().meta({
        description: "Present: answered as an attachment (<name>.xml)",
      }),
    },
    responses: { 200: "The domain XML (application/xml)" },
  }, async (c) => {
    const xml = await vms.vmXml(c.req.param("id"));
    if (c.req.query("download") !== undefined) {
      const name = c.req.param("id").replace(/[^A-Za-z0-9_.-]/g, "_");
      c.header("content-disposition", `attachment; filename="${name}.xml"`);
    }
    return c.body(xml, 200, { "content-type": "application/xml; charset=utf-8" });
  });

  app.api(
    {
      method: "put",
      path: "/:id/xml",
      summary: "Replace a VM's domain XML",
      access: "admin",
      writesStore: false,
      params: VM_ID,
      body: { description: "{xml}" },
    },
    async (c) =>
      c.json(await vms.replaceVmXml(c.req.param("id"), await bodyField(c.req.raw, "xml"))),
  );

  app.api(
    {
      method: "post",
      path: "/:id/clone",
      summary: "Clone a stopped or paused VM, disks included",
      access: "admin",
      writesStore: false,
      params: VM_ID,
      body: { description: "{name} (the clone's)" },
      responses: { 201: "The clone" },
    },
    async (c) =>
      c.json(await vms.cloneVm(c.req.param("id"), await bodyField(c.req.raw, "name")), 201),
  );

  app.api(
    {
      method: "post",
      path: "/:id/disks",
      summary: "Attach a disk: an existing volume or a new one in a pool",
      access: "admin",
      audit: "disk.attach",
      writesStore: false,
      params: VM_ID,
      body: {
        description: "{bus, volumePath?, format?, newVolume?: {pool, name, sizeGb, format}}",
      },
      responses: { 201: "How the change landed (live, next boot) and the disk's target" },
    },
    async (c) => c.json(await vms.attachDisk(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );

  app.api(
    {
      method: "delete",
      path: "/:id/disks/:target",
      summary: "Detach a disk or CD-ROM (its volume is kept)",
      access: "admin",
      audit: "disk.detach",
      writesStore: false,
      params: TARGET,
    },
    async (c) => c.json(await vms.detachDisk(c.req.param("id"), c.req.param("target"))),
  );

  app.api({
    method: "post",
    path: "/:id/disks/:target/resize",
    summary: "Grow a disk",
    access: "admin",
    writesStore: false,
    params: TARGET,
    body: { description: "{sizeGb}" },
  }, async (c) =>
    c.json(
      await vms.resizeDisk(
        c.req.param("id"),
        c.req.param("target"),
        await bodyField(c.req.raw, "sizeGb"),
      ),
    ));

  app.api({
    method: "put",
    path: "/:id/cdroms/:target",
    summary: "Insert or eject a CD-ROM's ISO",
    access: "admin",
    audit: "cdrom.change",
    writesStore: false,
    params: TARGET,
    body: { description: "{isoPath} (null or absent: eject)" },
  }, async (c) =>
    c.json(
      await vms.changeCdrom(
        c.req.param("id"),
        c.req.param("target"),
        await bodyField(c.req.raw, "isoPath") ?? null,
      ),
    ));

  app.api(
    {
      method: "post",
      path: "/:id/interfaces",
      summary: "Attach a network interface",
      access: "admin",
      audit: "interface.attach",
      writesStore: false,
      params: VM_ID,
      body: { description: "{network, model?: virtio|e1000e|e1000|rtl8139}" },
      responses: { 201: "How the change landed (live, next boot) and the interface's MAC" },
    },
    async (c) => c.json(await vms.attachNic(c.req.param("id"), await jsonBody(c.req.raw)), 201),
  );

  app.api(
    {
      method: "delete",
      path: "/:id/interfaces/:mac",
      summary: "Detach a network interface",
      access: "admin",
      audit: "interface.detach",
      writesStore: false,
      params: {
        ...VM_ID,
        mac: z.string().meta({ description: "The interface's MAC address" }),
      },
    },
    async (c) => c.json(await vms.detachNic(c.req.param("id"), c.req.param("mac"))),
  );

  return app;
}
