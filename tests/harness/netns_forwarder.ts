// The browser namespace's end of its way out (chromium_in_netns.sh): listens on the namespace's
// own loopback at PORT and carries each connection to the SOCKS proxy's unix socket in the
// host's namespace (socks_proxy.ts). Touches READY_FILE once it listens, and ends when the
// Chromium it serves (WATCH_PID) is gone.
//   deno run -A tests/harness/netns_forwarder.ts PORT SOCKET WATCH_PID READY_FILE

import { forwardToUnix } from "./socks_proxy.ts";

if (import.meta.main) {
  const [port, socket, pid, ready] = Deno.args;
  const listener = Deno.listen({ hostname: "127.0.0.1", port: Number(port) });
  await Deno.writeTextFile(ready, "");
  forwardToUnix(listener, socket);
  const alive = () => Deno.stat(`/proc/${pid}`).then(() => true, () => false);
  while (await alive()) await new Promise((r) => setTimeout(r, 1000));
  Deno.exit(0);
}
