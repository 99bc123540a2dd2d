// Guest API of one VM (mounted at /api/vms): what the guest agents report, running an allowed
// command, file upload and download, and filesystem freeze/thaw.

import { z } from "zod";
import type { AppContext } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { DirectoryBody, ExecBody } from "../../lib/guest/input.ts";
import { activityQuery } from "../../lib/guest/activity.ts";
import { SERVICE_ACTIONS } from "../../lib/guest/units.ts";
import { DeclaredApp, reply } from "../declare.ts";
import { VM_ID } from "./vms.ts";
import { t } from "../../shared/i18n/t.ts";
import { joinBytes } from "../../shared/bytes.ts";
import type { AgentHeartbeat } from "../../shared/guest.ts";

/**
 * Largest upload: a file travels base64-encoded in one protocol line (16 MiB), so 12 MiB; the
 * agent's own max_file_bytes (8 MiB by default) may refuse a smaller one.
 */
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

async function limitedBody(req: Request, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body) {
      size += chunk.length;
      if (size > limit) {
        throw new AppError(
          "FILE_TOO_LARGE",
          t("File is larger than {{size}} MiB, the most one upload can carry", {
            size: String(limit / 1024 / 1024),
          }),
        );
      }
      chunks.push(chunk);
    }
  }
  return joinBytes(chunks);
}

/** A download's file name: the path's last part, reduced to safe characters. */
function downloadName(path: string): string {
  return (path.split("/").pop() || "download").replace(/[^A-Za-z0-9._-]/g, "_");
}

/** A VM not pinged yet (it is not running, or its first round has not come). */
function noHeartbeat(vmId: string, intervalMs: number): AgentHeartbeat {
  return {
    vmId,
    agent: null,
    version: null,
    responding: false,
    channelOpen: false,
    lastSeenAt: null,
    notRespondingSince: null,
    checkedAt: null,
    intervalSeconds: Math.round(intervalMs / 1000),
  };
}

/** `?path=` of the file routes. */
const FILE_PATH = {
  path: z.string().optional().meta({ description: "The file's absolute path in the guest" }),
};

export function guestRoutes({ guest, heartbeat, vms }: AppContext): DeclaredApp {
  // What a guest holds is not kept in the app store.
  const app = new DeclaredApp({ access: "admin", writesStore: false, params: VM_ID });

  app.GET("/:id/guest", "What the guest agents report (OS, addresses, filesystems …)", {
    access: "read",
    answer: "GuestInfo",
  }, reply(({ id }) => guest.info(id)));

  app.GET("/:id/guest/heartbeat", "When the VM's guest agent last answered the host's ping", {
    access: "read",
    answer: "GuestAgentHeartbeat",
  }, async (c) => {
    const vm = await vms.getVm(c.req.param("id"));
    return c.json(heartbeat.get(vm.id) ?? noHeartbeat(vm.id, heartbeat.intervalMs));
  });

  app.GET("/:id/guest/activity", "Who is logged in to the guest and its busiest processes", {
    access: "vm",
    query: {
      sort: z.enum(["cpu", "memory"]).optional().meta({ description: "cpu (default) or memory" }),
      limit: z.string().optional().meta({ description: "How many processes, 1–100 (default 15)" }),
    },
    answer: "GuestActivity",
  }, async (c) => {
    const query = activityQuery(c.req.query("sort"), c.req.query("limit"));
    return c.json(await guest.activity(c.req.param("id"), query));
  });

  app.POST(
    "/:id/guest/directories",
    "Make a directory in the guest, where the agent and the VM's policy allow",
    {
      audit: "guest.directory-make",
      body: { schema: DirectoryBody },
      responses: { 201: "The directory made" },
      answer: "GuestDirectoryMade",
    },
    reply(async ({ id }, { path }) => ({ path: await guest.directory(id, "make", path) })),
  );

  app.DELETE(
    "/:id/guest/directories",
    "Remove an empty directory in the guest, where the agent and the VM's policy allow",
    {
      audit: "guest.directory-remove",
      query: FILE_PATH,
      responses: { 204: "The directory was removed" },
    },
    async (c) => {
      await guest.directory(c.req.param("id"), "remove", c.req.query("path"));
      return c.body(null, 204);
    },
  );

  app.GET("/:id/guest/services", "The guest's systemd services and which may be acted on", {
    access: "vm",
    answer: "GuestServices",
  }, reply(({ id }) => guest.services(id)));

  for (const action of SERVICE_ACTIONS) {
    app.POST(
      `/:id/guest/services/:name/${action}`,
      `${action[0].toUpperCase()}${
        action.slice(1)
      } a systemd service the agent and the VM's policy allow`,
      {
        audit: `guest.service-${action}`,
        answer: "GuestServiceActionResult",
        params: {
          name: z.string().max(255).meta({
            description: 'A service name: "nginx" or "nginx.service" ([A-Za-z0-9:_.@\\-])',
          }),
        },
      },
      reply(({ id, name }) => guest.serviceAction(id, name, action)),
    );
  }

  app.POST(
    "/:id/guest/agent/update",
    "Replace the guest's agent with this server's newer bundle, when both policies allow it",
    { audit: "guest.agent-update", answer: "GuestAgentUpdate" },
    reply(({ id }) => guest.updateAgent(id)),
  );

  app.GET("/:id/guest/updates", "Pending package updates in the guest (read-only)", {
    access: "vm",
    answer: "GuestUpdates",
  }, reply(({ id }) => guest.updates(id)));

  app.POST("/:id/guest/exec", "Run an allowed command in the guest", {
    body: { schema: ExecBody },
    answer: "GuestExecOutput",
  }, reply(({ id }, body) => guest.exec(id, body)));

  app.GET("/:id/guest/file", "Download a file from the guest", {
    query: FILE_PATH,
    responses: {
      200: {
        description: "The file's bytes (application/octet-stream, as an attachment)",
        media: "application/octet-stream",
      },
    },
  }, async (c) => {
    const { path, bytes } = await guest.readFile(c.req.param("id"), c.req.query("path"));
    return new Response(bytes, {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${downloadName(path)}"`,
        "content-length": String(bytes.length),
      },
    });
  });

  // The body is the file's raw bytes, not JSON (so it is described in the summary, not `body`).
  app.PUT(
    "/:id/guest/file",
    "Upload a file into the guest (the request body is the file's bytes, up to 12 MiB)",
    { audit: "guest.file-write", query: FILE_PATH, answer: "GuestFileWritten" },
    async (c) => {
      const path = c.req.query("path");
      const bytes = await limitedBody(c.req.raw, MAX_UPLOAD_BYTES);
      return c.json(await guest.writeFile(c.req.param("id"), path, bytes));
    },
  );

  app.GET("/:id/guest/time", "The guest's clock beside the host's (QEMU guest agent)", {
    access: "vm",
    answer: "GuestClock",
  }, reply(({ id }) => guest.clock(id)));

  app.POST("/:id/guest/time", "Set the guest's clock to the host's (QEMU guest agent)", {
    access: "vm",
    audit: "guest.time-set",
    answer: "GuestClock",
  }, reply(({ id }) => guest.setClock(id)));

  app.POST("/:id/guest/fsfreeze", "Freeze the guest's filesystems", {
    answer: "GuestFilesystemCount",
  }, reply(async ({ id }) => ({ filesystems: await guest.fsFreeze(id) })));
  app.POST("/:id/guest/fsthaw", "Thaw the guest's filesystems", {
    answer: "GuestFilesystemCount",
  }, reply(async ({ id }) => ({ filesystems: await guest.fsThaw(id) })));

  return app;
}
