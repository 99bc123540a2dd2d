// The test Chromium lives in a network namespace of its own (chromium_in_netns.sh). Chromium fails
// requests with net::ERR_NETWORK_CHANGED when an address comes or goes in its namespace while they
// wait for a connection, and the guests' tests do that to the host's namespace all the time. This
// does it on purpose, many times, while a page keeps more requests going to a server on loopback
// than Chromium opens connections to one server (six), so some always wait, and no fetch fails.
// Against a Chromium in the host's namespace, the first change fails some.
// The veth is this test's own (its name is unique to it) and is gone when it ends.

import { assertEquals } from "../support/assert.ts";
import { openBrowser } from "./browser.ts";

const VETH = "kvmmt-netchg0";
const PEER = "kvmmt-netchg1";
/** From a range reserved for documentation (RFC 5737): no real network uses it. */
const ADDRESS = "198.51.100.77/30";
const CHANGES = 15;

async function ip(...args: string[]): Promise<void> {
  const out = await new Deno.Command("ip", { args, stdout: "null", stderr: "piped" }).output();
  if (!out.success) {
    throw new Error(`ip ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("browser netns - addresses made and removed in the host's namespace fail no request", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    // Slow enough that the requests beyond the first six queue for a connection.
    await pause(50);
    return new Response("<title>fetching</title>", { headers: { "content-type": "text/html" } });
  });
  const browser = await openBrowser();
  let made = false;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.addr.port}/`);
    // Fetches, a few at a time, until told to stop; the errors are kept.
    await page.evaluate(() => {
      const state = globalThis as unknown as { stop: boolean; errors: string[]; done: number };
      state.stop = false;
      state.errors = [];
      state.done = 0;
      const worker = async () => {
        while (!state.stop) {
          try {
            await (await fetch(`/?n=${state.done}`, { cache: "no-store" })).text();
            state.done++;
          } catch (err) {
            state.errors.push(String(err));
          }
        }
      };
      for (let i = 0; i < 12; i++) worker();
    });
    for (let i = 0; i < CHANGES; i++) {
      await ip("link", "add", VETH, "type", "veth", "peer", "name", PEER);
      made = true;
      await ip("addr", "add", ADDRESS, "dev", VETH);
      await ip("link", "set", VETH, "up");
      await pause(100);
      await ip("link", "del", VETH);
      made = false;
      await pause(100);
    }
    const result = await page.evaluate(() => {
      const state = globalThis as unknown as { stop: boolean; errors: string[]; done: number };
      state.stop = true;
      return { errors: state.errors, done: state.done };
    });
    assertEquals(result.errors, []);
    if (result.done < CHANGES) {
      throw new Error(`only ${result.done} fetches ran during the changes`);
    }
  } finally {
    if (made) await ip("link", "del", VETH).catch(() => {});
    await browser.close();
    await server.shutdown();
  }
});
