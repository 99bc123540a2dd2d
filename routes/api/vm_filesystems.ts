// /api/vms/:id/filesystems: a VM's shared folders (virtiofs); the shared folders feature's
// routes (routes/features.ts).

import { z } from "zod";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import type { SharedFolders } from "../../lib/filesystems/service.ts";
import { FILESYSTEM_CODES, FilesystemAddBody } from "../../lib/filesystems/input.ts";

export function vmFilesystemRoutes(sharedFolders: SharedFolders): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/filesystems", "A VM's shared folders (virtiofs) in its definition", {
    access: "vm",
    answer: "VmFilesystems",
  }, reply(({ id }) => sharedFolders.list(id)));

  app.POST(
    "/:id/filesystems",
    "Share a host folder inside the allowed storage roots with a VM (virtiofs); adds shared memory to the definition when it lacks it (a running VM takes it at its next boot). 422 VIRTIOFSD_MISSING where the host has no virtiofsd",
    {
      audit: "filesystem.add",
      body: { schema: FilesystemAddBody, ...FILESYSTEM_CODES },
      responses: { 201: "How the change landed: {live, nextBoot, sharedMemoryAdded}" },
      answer: "VmFilesystemAdded",
    },
    reply(({ id }, body) => sharedFolders.add(id, body)),
  );

  app.DELETE("/:id/filesystems/:tag", "Stop sharing a folder with a VM", {
    audit: "filesystem.remove",
    params: { tag: z.string().meta({ description: "The shared folder's mount tag" }) },
    answer: "VmFilesystemRemoved",
  }, reply(({ id, tag }) => sharedFolders.remove(id, tag)));

  return app;
}
