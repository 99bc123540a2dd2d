// One Chromium per test process. Launching Chromium costs about half a second and closing it
// another fifth (bench/test_costs.ts), and a run used to do that some 150 times; a connection to
// a running one costs a few tens of milliseconds. The first test that asks starts a Playwright
// browser server (browser_server.ts, a process of its own that lives as long as this test
// process); every test then connects to it, and gets a new context (a fresh profile: no cookies,
// no storage) for its pages. Closing the connection closes every context the test made, so tests
// see each other no more than before.
//
// The server's address is kept in this process's environment, which all test modules of one
// `deno test` run share (each module has its own isolate, but one process).

import { type Browser, chromium } from "playwright-core";
import { startDetached } from "./detached.ts";

// Chromium's headless shell (Debian's chromium-headless-shell, built from the same sources as
// chromium: the same Blink, V8 and network stack; Playwright's own default for headless runs).
// The full browser in --headless mode carries the desktop browser's machinery behind its pages:
// three browser test files used 47.9 s of Chromium CPU with it and 18.3 s with the shell, in
// 50 s and 30 s (process accounting on CI's 2-core machine; Chromium was a quarter of a run's CPU).
export const CHROMIUM = "/usr/bin/chromium-headless-shell";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ENDPOINT_VAR = "KVMM_TEST_BROWSER";
const SERVER = new URL("./browser_server.ts", import.meta.url).pathname;
/** How long a browser server may take to start on a loaded 2-core machine. */
const START_MS = 60_000;

async function assertChromium(): Promise<void> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `${CHROMIUM} is missing: run scripts/install-test-deps.sh (apt chromium-headless-shell)`,
    );
  }
}

/** Starts this process's browser server; resolves with its WebSocket address. */
async function startServer(): Promise<string> {
  await assertChromium();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-browser-" });
  const file = `${dir}/endpoint`;
  await startDetached(SERVER, [file]);
  const end = Date.now() + START_MS;
  while (Date.now() < end) {
    const endpoint = await Deno.readTextFile(file).catch(() => "");
    if (endpoint.startsWith("ws://")) {
      await Deno.remove(dir, { recursive: true });
      return endpoint.trim();
    }
    const failed = await Deno.readTextFile(`${file}.error`).catch(() => "");
    if (failed) throw new Error(`the test browser server did not start: ${failed}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the test browser server gave no address within ${START_MS / 1000} s`);
}

/**
 * A connection to this process's Chromium, started on first use (or again, if it is gone).
 * `browser.newPage()` and `browser.newContext()` give fresh profiles; `browser.close()` closes
 * them and the connection, never the shared Chromium.
 */
export async function openBrowser(): Promise<Browser> {
  const known = Deno.env.get(ENDPOINT_VAR);
  if (known) {
    try {
      return await chromium.connect(known, { timeout: 10_000 });
    } catch {
      // Gone (it crashed, or a test ended it): start another below.
    }
  }
  const endpoint = await startServer();
  Deno.env.set(ENDPOINT_VAR, endpoint);
  return await chromium.connect(endpoint, { timeout: 10_000 });
}
