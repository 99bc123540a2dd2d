// Serves the guest agent for installing into VMs: the one-file bundle, its systemd unit and an
// example config (scripts/build.ts puts them in static/build/agent/, so the binary embeds them;
// routes/static.ts refuses that folder: these are admin-only).

import { join } from "node:path";
import { DeclaredApp } from "./declare.ts";

const ROOT = join(import.meta.dirname!, "..", "static", "build", "agent");

const FILES: Record<string, string> = {
  "kvmm-agent.js": "text/javascript; charset=utf-8",
  "kvmm-agent.service": "text/plain; charset=utf-8",
  "config.json": "application/json; charset=utf-8",
};

/** Mount at "/agent". */
export function agentFileRoutes(root = ROOT): DeclaredApp {
  const app = new DeclaredApp();
  app.page({
    method: "get",
    path: "/:file",
    summary: "The guest agent's files to install into a VM: bundle, systemd unit, example config",
    access: "admin",
  }, async (c) => {
    const file = c.req.param("file");
    const type = FILES[file];
    if (!type) return c.notFound();
    try {
      const body = await Deno.readFile(join(root, file));
      return c.body(body, 200, {
        "content-type": type,
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "no-cache",
      });
    } catch {
      return c.json({
        code: "NOT_BUILT",
        message: `${file} is not built: run \`deno task build\``,
      }, 404);
    }
  });
  return app;
}
