// Test helper: the real server (`startServer`, as `kvm-manager serve` runs it) on qemu:///system,
// listening on a free loopback port over plain HTTP, with its data in `dataDir`.

import type { Config } from "../../lib/config.ts";
import { type Server, startServer } from "../../main.ts";

/** Starts the server quietly; `extra` overrides single settings (e.g. `statsInterval`). */
export function startRealServer(dataDir: string, extra: Partial<Config> = {}): Promise<Server> {
  return startServer({
    uri: "qemu:///system",
    uriSource: "flag",
    demo: false,
    listen: { hostname: "127.0.0.1", port: 0 },
    tls: { mode: "off" },
    dataDir,
    ...extra,
  }, { quiet: true });
}
