// The Chromium of one test process (browser.ts starts it): a Playwright browser server, with the
// same Chromium and flags a test's own launch had, in a network namespace of its own
// (chromium_in_netns.sh says why) and with a SOCKS proxy on a unix socket as its way to the
// host's loopback. Writes its WebSocket address to ENDPOINT_FILE, then ends Chromium, the proxy
// and itself once the owning test process is gone, so a run leaves no browser.
//   deno run -A tests/harness/browser_server.ts OWNER_PID ENDPOINT_FILE

import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./browser.ts";
import { serveSocks } from "./socks_proxy.ts";

const IN_NETNS = new URL("./chromium_in_netns.sh", import.meta.url).pathname;

const [owner, file] = Deno.args;
const alive = (pid: string) => Deno.stat(`/proc/${pid}`).then(() => true, () => false);

const dir = await Deno.makeTempDir({ prefix: "kvmm-test-socks-" });
const socket = `${dir}/socks`;
const proxy = serveSocks(socket);
let server;
try {
  server = await chromium.launchServer({
    executablePath: IN_NETNS,
    args: CHROMIUM_FLAGS,
    env: {
      ...Deno.env.toObject(),
      KVMM_BROWSER_SOCKET: socket,
      KVMM_DENO: Deno.execPath(),
      KVMM_CHROMIUM: CHROMIUM,
    },
  });
} catch (e) {
  proxy.close();
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.writeTextFile(`${file}.error`, String(e));
  Deno.exit(1);
}
// Written whole, then renamed: the reader never sees half an address.
await Deno.writeTextFile(`${file}.new`, server.wsEndpoint());
await Deno.rename(`${file}.new`, file);

let closed = false;
server.process().once("exit", () => closed = true);
while (!closed && await alive(owner)) await new Promise((r) => setTimeout(r, 1000));
await server.close().catch(() => {});
proxy.close();
await Deno.remove(dir, { recursive: true }).catch(() => {});
Deno.exit(0);
