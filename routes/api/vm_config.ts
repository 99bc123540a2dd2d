// /api/vms configuration routes: edit, disks, CDs and NICs, raw XML (export, editor, import),
// clone. OVA export, host devices, shared folders and the firewall are features of their own
// (routes/features.ts).

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import {
  CdromBody,
  CloneBody,
  DiskAttachBody,
  DiskResizeBody,
  NicAttachBody,
  VmEditBody,
  XmlBody,
} from "../../lib/vms/input.ts";
import { DiskMoveBody } from "../../lib/vms/disk_move/input.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";

const TARGET = {
  target: z.string().meta({ description: "The device's target name in the guest (vda, sdb …)" }),
};

export function vmConfigRoutes(
  { vms }: AppContext,
): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.POST("/import", "Define a VM from libvirt domain XML", {
    body: { schema: XmlBody },
    responses: { 201: "The VM" },
    answer: "VmDefined",
  }, reply((_, { xml }) => vms.importVm(xml)));

  // The memory asked for is checked against the host's once the service has read it.
  app.PATCH("/:id", "Change a VM's name, CPUs, memory, description, autostart or boot order", {
    body: { schema: VmEditBody },
    answer: "VmEdited",
  }, reply(({ id }, body) => vms.editVm(id, body)));

  app.GET("/:id/xml", "A VM's libvirt domain XML", {
    query: {
      download: z.string().optional().meta({
        description: "Present: answered as an attachment (<name>.xml)",
      }),
    },
    responses: {
      200: { description: "The domain XML (application/xml)", media: "application/xml" },
    },
  }, async (c) => {
    const xml = await vms.vmXml(c.req.param("id"));
    if (c.req.query("download") !== undefined) {
      const name = c.req.param("id").replace(/[^A-Za-z0-9_.-]/g, "_");
      c.header("content-disposition", `attachment; filename="${name}.xml"`);
    }
    return c.body(xml, 200, { "content-type": "application/xml; charset=utf-8" });
  });

  app.PUT("/:id/xml", "Replace a VM's domain XML", {
    body: { schema: XmlBody },
    answer: "VmXmlReplaced",
  }, reply(({ id }, { xml }) => vms.replaceVmXml(id, xml)));

  app.POST("/:id/clone", "Clone a stopped or paused VM, disks included", {
    body: { schema: CloneBody },
    responses: { 201: "The clone" },
    answer: "VmDefined",
  }, reply(({ id }, { name }) => vms.cloneVm(id, name)));

  app.POST("/:id/disks", "Attach a disk: an existing volume or a new one in a pool", {
    audit: "disk.attach",
    body: { schema: DiskAttachBody },
    responses: { 201: "How the change landed (live, next boot) and the disk's target" },
    answer: "VmDeviceChange",
  }, reply(({ id }, body) => vms.attachDisk(id, body)));

  app.DELETE("/:id/disks/:target", "Detach a disk or CD-ROM (its volume is kept)", {
    audit: "disk.detach",
    params: TARGET,
    answer: "VmDeviceChange",
  }, reply(({ id, target }) => vms.detachDisk(id, target)));

  app.POST("/:id/disks/:target/resize", "Grow a disk", {
    params: TARGET,
    body: { schema: DiskResizeBody },
    answer: "VmDiskResized",
  }, reply(({ id, target }, { sizeGb }) => vms.resizeDisk(id, target, sizeGb)));

  app.POST(
    "/:id/disks/:target/move",
    "Move a disk to another storage pool and format (qcow2, raw): a running VM's live (block copy, then switch-over), a stopped VM's by a copy of its volume; answered once under way, the task then follows it (progress, cancel: the VM keeps its old disk). The old volume is deleted only with deleteSource",
    {
      audit: "disk.move",
      params: TARGET,
      body: { schema: DiskMoveBody },
      responses: {
        202:
          "The move, under way: {taskId, vm, target, live, pool, volume, format, path?, sourcePath, deleteSource}",
      },
      answer: "DiskMoveStarted",
    },
    reply(({ id, target }, body) => vms.diskMoves.start(id, target, body)),
  );

  app.PUT("/:id/cdroms/:target", "Insert or eject a CD-ROM's ISO", {
    audit: "cdrom.change",
    params: TARGET,
    body: { schema: CdromBody },
    answer: "VmDeviceChange",
  }, reply(({ id, target }, { isoPath }) => vms.changeCdrom(id, target, isoPath ?? null)));

  app.POST("/:id/interfaces", "Attach a network interface", {
    audit: "interface.attach",
    body: { schema: NicAttachBody },
    responses: { 201: "How the change landed (live, next boot) and the interface's MAC" },
    answer: "VmDeviceChange",
  }, reply(({ id }, body) => vms.attachNic(id, body)));

  app.DELETE("/:id/interfaces/:mac", "Detach a network interface", {
    audit: "interface.detach",
    params: { mac: z.string().meta({ description: "The interface's MAC address" }) },
    answer: "VmDeviceChange",
  }, reply(({ id, mac }) => vms.detachNic(id, mac)));

  // Before /:id/:action (vms.ts), which would take "apply-pending" for an unknown action.
  app.POST(
    "/:id/apply-pending",
    "Apply a running VM's pending changes: a graceful shutdown (guest agent, else ACPI), then a start once it is off; the task ends when it has started, or fails when the guest did not shut down within 180 s (it is then left running)",
    {
      access: "vm",
      audit: "vm.apply-pending",
      responses: { 202: "The shutdown was asked for: {id, pending, method}" },
      answer: "VmApplyStarted",
    },
    reply(({ id }) => vms.applyPending(id)),
  );

  return app;
}
