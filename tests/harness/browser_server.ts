// The Chromium of one test process (browser.ts starts it): a Playwright browser server, with the
// same Chromium and flags a test's own launch had. Writes its WebSocket address to ENDPOINT_FILE,
// then ends Chromium and itself once the owning test process is gone, so a run leaves no browser.
//   deno run -A tests/harness/browser_server.ts OWNER_PID ENDPOINT_FILE

import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "./browser.ts";

const [owner, file] = Deno.args;
const alive = (pid: string) => Deno.stat(`/proc/${pid}`).then(() => true, () => false);

let server;
try {
  server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
} catch (e) {
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
Deno.exit(0);
