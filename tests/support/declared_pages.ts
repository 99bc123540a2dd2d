// Every page the app declares, as paths on a demo server: the declared routes outside the API
// that answer GET, their parameters filled from the demo host ("web", the pool and the network
// called "default"). The accessibility and language checks and bench:pages walk the same list.

import { createApp } from "../../routes/app.ts";
import type { Server } from "../../main.ts";
import { vmId } from "./browser_helpers.ts";

/** `agentFiles: false` leaves out /agent/, which hands out the guest agent's files, no pages. */
export async function declaredPagePaths(
  server: Server,
  { agentFiles = true }: { agentFiles?: boolean } = {},
): Promise<string[]> {
  const values: Record<string, string> = {
    id: await vmId(server, "web"),
    pool: "default",
    net: "default",
  };
  return [
    ...new Set(
      createApp(server.ctx).declared
        .filter((d) => !d.api && d.method === "get" && !d.path.startsWith("/static"))
        .filter((d) => agentFiles || !d.path.startsWith("/agent/"))
        .map((d) => d.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name) => values[name] ?? name)),
    ),
  ];
}
