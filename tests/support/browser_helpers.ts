// Browser-test plumbing: Debian Chromium via playwright-core, the server on a private
// test-driver node (libvirt's test:///PATH) with its own data dir, and signing in through the
// server's own session store (the real checks run; only the password step is skipped).

import type { Download, Page } from "playwright-core";
import { openBrowser } from "../harness/browser.ts";
import { type Server, startServer } from "../../main.ts";
import type { Role } from "../../shared/auth.ts";
import type { Config } from "../../lib/config.ts";
import { assert, assertEquals } from "./assert.ts";
import { type TestDomainSpec, writeTestNode } from "./test_node.ts";
import { SESSION_COOKIE } from "../../routes/middleware/auth.ts";
import { DEFAULT_DOMAINS } from "../harness/test_app.ts";

export { CHROMIUM, CHROMIUM_FLAGS } from "../harness/browser.ts";

/**
 * A browser for one test: a connection to the test process's one Chromium (tests/harness/
 * browser.ts), never a launch of its own. Its pages get fresh profiles, and `close()` ends them
 * and the connection.
 */
export { openBrowser };

/**
 * A download's bytes as text. Saved through the connection: the shared Chromium keeps its files
 * on its side, so `download.path()` is refused there ("not available when connecting remotely").
 */
export async function downloadedText(download: Download): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-download-" });
  try {
    await download.saveAs(`${dir}/file`);
    return await Deno.readTextFile(`${dir}/file`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Who a test signs in as: root, an admin, with every VM, unless it says otherwise. */
export interface SignInAs {
  user?: string;
  role?: Role;
  vms?: "*" | string[];
}

/**
 * Opens a session straight in the server's store and gives the page's browser context its
 * cookie, as the login form would; every request then passes the real session and CSRF checks.
 */
export async function signIn(
  page: Page,
  server: Server,
  { user = "root", role = "admin", vms = "*" }: SignInAs = {},
): Promise<void> {
  const { secret } = server.ctx.auth.sessions.create(user, role, vms, null);
  await page.context().addCookies([{
    name: SESSION_COOKIE,
    value: secret,
    url: server.url,
    httpOnly: true,
    sameSite: "Strict",
    secure: server.url.startsWith("https:"),
  }]);
}

/** The id of the VM named `name` on `server`'s host. */
export async function vmId(server: Server, name: string): Promise<string> {
  const vm = (await server.ctx.vms.listVms()).find((v) => v.name === name);
  assert(vm, `VM ${name} exists`);
  return vm.id;
}

const adminTokens = new WeakMap<Server, string>();

/**
 * Headers for a request from the test itself (not the page): an admin API token, made in the
 * server's store on first use and the same afterwards (a console ticket is bound to the token
 * that asked for it).
 */
export function adminHeaders(server: Server): { authorization: string } {
  let secret = adminTokens.get(server);
  if (!secret) {
    secret = server.ctx.auth.tokens.create({
      name: `test-${crypto.randomUUID()}`,
      owner: "root",
      role: "admin",
    }).secret;
    adminTokens.set(server, secret);
  }
  return { authorization: `Bearer ${secret}` };
}

/**
 * What a page did, kept for a failing test's message: console errors and warnings (a missing
 * island is a warning), requests that failed and
 * requests still unanswered (the last 20 of each), and the page's URL.
 */
export function pageTrail(page: Page): { describe(errors: string[]): string } {
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  const pending = new Map<unknown, string>();
  const keep = (list: string[], line: string) => {
    list.push(line);
    if (list.length > 20) list.shift();
  };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") {
      keep(consoleErrors, `${m.type()}: ${m.text()}`);
    }
  });
  page.on("request", (r) => pending.set(r, `${r.method()} ${r.url()}`));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => {
    pending.delete(r);
    keep(failed, `${r.method()} ${r.url()}: ${r.failure()?.errorText ?? "failed"}`);
  });
  const list = (title: string, lines: string[]) =>
    `${title}: ${lines.length ? lines.map((l) => `\n  ${l}`).join("") : "none"}`;
  return {
    describe: (errors) =>
      [
        `the page at ${page.isClosed() ? "(closed)" : page.url()}`,
        list("uncaught errors", errors),
        list("console errors and warnings", consoleErrors),
        list("failed requests", failed),
        list("requests without an answer", [...pending.values()].slice(-20)),
      ].join("\n"),
  };
}

/**
 * Runs `fn` with a page in a fresh browser context (1280 × 900) on `server`, signed in as `signInAs`
 * (root, an admin, unless it is null), and fails on any uncaught error in the page. What every
 * browser test does around the server it started; the browser is closed before the caller
 * closes its server.
 */
export async function withSignedInPage(
  server: Server,
  fn: (page: Page) => Promise<void>,
  signInAs: SignInAs | null = {},
): Promise<void> {
  const browser = await openBrowser();
  try {
    // A test server on HTTPS has a certificate no browser trusts (self-signed, or a test CA's).
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      ignoreHTTPSErrors: true,
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const trail = pageTrail(page);
    if (signInAs) await signIn(page, server, signInAs);
    try {
      await fn(page);
    } catch (e) {
      // A wait that times out says only what it waited for; what the page did meanwhile (its
      // errors, failed and unanswered requests) is what tells a slow machine from a fault.
      if (e instanceof Error) e.message += `\n${trail.describe(errors)}`;
      throw e;
    }
    assertEquals(errors, [], "no uncaught errors in the page");
  } finally {
    await browser.close();
  }
}

/**
 * Runs `fn` with a page and a server on a fresh test-driver node holding `domains` (web, db,
 * cache by default; pool "default" with ~100 GB free, network "default"). The page is signed in
 * as root (admin) unless `signInAs` is null (then `fn` signs in itself, or not at all). Fails on
 * any uncaught error in the page.
 */
export async function withDemoServer(
  fn: (page: Page, server: Server) => Promise<void>,
  domains: TestDomainSpec[] = DEFAULT_DOMAINS,
  { signInAs = {}, nodeDevices = "" }: {
    signInAs?: SignInAs | null;
    /** `<device>` elements for the node file (host devices). */
    nodeDevices?: string;
  } = {},
): Promise<void> {
  const node = await writeTestNode(domains, nodeDevices);
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-browser-" });
  const config: Config = {
    uri: node.uri,
    uriSource: "flag",
    demo: true,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir,
    // Loopback only: plain HTTP keeps Chromium free of certificate prompts.
    tls: { mode: "off" },
  };
  const server = await startServer(config, { quiet: true });
  try {
    await withSignedInPage(server, (page) => fn(page, server), signInAs);
  } finally {
    await server.close();
    await node.remove();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/**
 * The API's status and message for a request, fetched from the page (same origin, with the
 * session cookie and the page's CSRF token, as the islands send them).
 */
export function apiAnswer(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; message: string }> {
  return page.evaluate(async ([method, path, body]) => {
    const csrf = document.querySelector<HTMLMetaElement>('meta[name="kvmm-csrf"]')?.content ?? "";
    const res = await fetch(path as string, {
      method: method as string,
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, message: (await res.json()).message as string };
  }, [method, path, body]);
}

/**
 * The page at phone, laptop and wide widths in light and dark: no sideways scroll at any of
 * them, and a shot of each into $KVMM_SHOTS as `${name}-${width}-${scheme}.png` when it names a
 * folder (after `beforeShot`, e.g. scrolling what is looked at into view).
 */
export async function atEveryWidth(
  page: Page,
  name: string,
  beforeShot: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const shots = Deno.env.get("KVMM_SHOTS");
  for (const width of [390, 1280, 1920]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      const wide = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      if (wide > 1) throw new Error(`${name} at ${width} px, ${scheme}: ${wide} px sideways`);
      if (shots) {
        await beforeShot();
        await page.screenshot({ path: `${shots}/${name}-${width}-${scheme}.png` });
      }
    }
  }
}
