// /api/host and /api/connection.

import type { AppContext } from "../../lib/context.ts";
import { DeclaredApp } from "../declare.ts";

export function hostRoutes({ vms }: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  app.api(
    { method: "get", path: "/host", summary: "The host: CPU, memory, versions", access: "read" },
    async (c) => c.json(await vms.hostInfo()),
  );
  app.api(
    {
      method: "get",
      path: "/connection",
      summary: "Whether libvirt is connected, and why not",
      access: "read",
    },
    (c) => c.json(vms.connection()),
  );
  return app;
}
