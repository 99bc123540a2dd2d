// Browser-test plumbing: Debian Chromium via playwright-core, and the server on a private
// test-driver node (libvirt's test:///PATH) with its own data dir.

import { type Browser, chromium, type Page } from "playwright-core";
import { type Server, startServer } from "../main.ts";
import type { Config } from "../lib/config.ts";
import { assertEquals } from "../lib/testing/assert.ts";
import { type TestDomainSpec, writeTestNode } from "../lib/testing/test_node.ts";
import { DEFAULT_DOMAINS } from "../routes/test_app.ts";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(`${CHROMIUM} is missing: run scripts/install-test-deps.sh (apt chromium)`);
  }
  return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * Runs `fn` with a page and a server on a fresh test-driver node holding `domains` (web, db,
 * cache by default; pool "default" with ~100 GB free, network "default"). Fails on any
 * uncaught error in the page.
 */
export async function withDemoServer(
  fn: (page: Page, server: Server) => Promise<void>,
  domains: TestDomainSpec[] = DEFAULT_DOMAINS,
): Promise<void> {
  const node = await writeTestNode(domains);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-browser-" });
  const config: Config = {
    uri: node.uri,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
  };
  const server = await startServer(config, { quiet: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await fn(page, server);
    assertEquals(errors, [], "no uncaught errors in the page");
  } finally {
    await browser.close();
    await server.close();
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** The API's status and message for a request, fetched from the page (same origin). */
export function apiAnswer(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; message: string }> {
  return page.evaluate(async ([method, path, body]) => {
    const res = await fetch(path as string, {
      method: method as string,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, message: (await res.json()).message as string };
  }, [method, path, body]);
}
