// Browser tier for the strict Content-Security-Policy: every kind of page on a test-driver node,
// served with securityHeaders, must load without a single violation, and its islands must
// hydrate and answer a click.

import { Hono } from "hono";
import type { Locator, Page } from "playwright-core";
import type { Server } from "../main.ts";
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { createApp } from "../routes/app.ts";
import { CONTENT_SECURITY_POLICY, securityHeaders } from "../routes/middleware/security_headers.ts";
import { apiAnswer, withDemoServer } from "./browser_helpers.ts";

// lib/testing/test_node.ts numbers the default domains web (running, VNC), db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";

/**
 * The server's own context and app behind securityHeaders, on a port of its own. Once
 * routes/app.ts mounts the middleware itself this wrapper only sets the same headers twice.
 */
function serveWithHeaders(server: Server): { url: string; close(): Promise<void> } {
  const inner = createApp(server.ctx);
  const outer = new Hono();
  outer.use("*", securityHeaders({ hsts: false })); // HSTS means nothing over plain HTTP
  outer.all("*", (c) => inner.fetch(c.req.raw, c.env));
  const http = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, outer.fetch);
  return {
    url: `http://127.0.0.1:${(http.addr as Deno.NetAddr).port}`,
    close: () => http.shutdown(),
  };
}

/** Every violation the page reports, by event and by console message, as it happens. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__kvmmCspViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (globalThis as unknown as { __kvmmCspViolation(t: string): void })
        .__kvmmCspViolation;
      report(
        `${location.pathname}: ${e.effectiveDirective} refused ${e.blockedURI || "inline"} ` +
          `(${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  return seen;
}

/** Until browser_helpers signs the page in: an admin API token on every request it makes. */
async function signIn(page: Page, server: Server) {
  const { secret } = server.ctx.auth.tokens.create({
    name: `csp-test-${crypto.randomUUID()}`,
    owner: "root",
    role: "admin",
  });
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${secret}` });
}

const enabled = (page: Page, button: Locator) => button.and(page.locator(":enabled"));

async function pickRange(page: Page, range: string) {
  const button = page.getByRole("group", { name: "Range" }).first()
    .getByRole("button", { name: range, exact: true });
  await enabled(page, button).click();
  await button.and(page.locator('[aria-pressed="true"]')).waitFor();
}

async function expand(page: Page, island: Locator, name: string) {
  const button = island.getByRole("button", { name, exact: true });
  await enabled(page, button).click();
  await button.and(page.locator('[aria-expanded="true"]')).waitFor();
}

async function openForm(page: Page, island: Locator, name: string) {
  await enabled(page, island.getByRole("button", { name, exact: true })).click();
  await island.locator("form").first().waitFor();
}

/** Each page, the island that must hydrate on it, and a click it must answer. */
const PAGES: { path: string; island: string; probe(page: Page, island: Locator): Promise<void> }[] =
  [
    { path: "/", island: "HostGraphs", probe: (page) => pickRange(page, "1h") },
    {
      path: "/vms",
      island: "VmList",
      probe: async (page) => {
        await page.locator("input[aria-label='Select all shown VMs']:not([disabled])").check();
        await page.getByRole("region", { name: "Batch actions" }).getByText("3 selected").waitFor();
      },
    },
    {
      path: `/vms/${WEB}`,
      island: "VmSnapshots",
      probe: async (page, island) => {
        // The tree indents the child with a class, not a style attribute.
        await island.locator('tr[data-snapshot="child"] .snapshot-indent').waitFor();
        assertEquals(await island.locator('tr[data-snapshot="base"] .snapshot-indent').count(), 0);
        await enabled(page, island.getByRole("button", { name: "New snapshot" })).click();
        await island.getByRole("form", { name: "New snapshot" }).waitFor();
        await pickRange(page, "1h");
      },
    },
    {
      path: `/vms/${WEB}/console`,
      island: "VncConsole",
      probe: async (page, island) => {
        const scale = island.getByRole("button", { name: "Scale to fit" });
        const before = await scale.getAttribute("aria-pressed");
        await scale.click();
        await scale.and(page.locator(`[aria-pressed="${before === "true" ? "false" : "true"}"]`))
          .waitFor();
      },
    },
    {
      path: "/vms/new",
      island: "CreateVmWizard",
      probe: async (page, island) => {
        await island.getByLabel("Name", { exact: true }).fill("csp-check");
        await enabled(page, island.getByRole("button", { name: "Next" })).click();
        await enabled(page, island.getByRole("button", { name: "Back" })).waitFor();
      },
    },
    {
      path: "/templates",
      island: "TemplateList",
      probe: (page, island) => openForm(page, island, "New template"),
    },
    { path: "/storage", island: "PoolList", probe: (page, i) => expand(page, i, "New pool") },
    {
      path: "/storage/default",
      island: "VolumeList",
      probe: (page, island) => expand(page, island, "New volume"),
    },
    {
      path: "/networks",
      island: "NetworkList",
      probe: (page, island) => expand(page, island, "New network"),
    },
    {
      path: "/networks/default",
      island: "NetworkDetails",
      probe: async (page, island) => {
        const toolbar = island.getByRole("toolbar", { name: "Network actions" });
        await enabled(page, toolbar.getByRole("button", { name: "Delete" })).click();
        const dialog = page.locator("dialog[open]");
        await dialog.waitFor();
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
      },
    },
    { path: "/alerts", island: "AlertsView", probe: (page, i) => openForm(page, i, "New rule") },
    { path: "/insights", island: "Insights", probe: (page) => pickRange(page, "7d") },
    {
      path: "/settings",
      island: "RetentionSettings",
      probe: async (page, island) => {
        await enabled(page, island.getByRole("button", { name: "Save", exact: true })).click();
        await island.locator(".note-success").waitFor();
      },
    },
    { path: "/schedules", island: "Schedules", probe: (page, i) => openForm(page, i, "New job") },
    {
      path: "/backups",
      island: "BackupsView",
      // Appears only once the island has fetched the settings after hydrating.
      probe: async (_page, island) => await island.locator("[data-backup-pool]").waitFor(),
    },
  ];

Deno.test("csp browser - every page loads under the policy without a violation and hydrates", async () => {
  await withDemoServer(async (page, server) => {
    const app = serveWithHeaders(server);
    try {
      console.log("DEBUG start");
      await signIn(page, server);
      const violations = await watchViolations(page);
      page.setDefaultTimeout(10_000);
      console.log("DEBUG signed");

      await page.goto(`${app.url}/vms`);
      for (const name of ["base", "child"]) {
        const made = await apiAnswer(page, "POST", `/api/vms/${WEB}/snapshots`, { name });
        assert(made.status < 300, `snapshot ${name}: ${made.status} ${made.message}`);
      }

      for (const { path, island, probe } of PAGES) {
        console.log("DEBUG", path);
        const res = await page.goto(`${app.url}${path}`);
        assertEquals(res?.status(), 200, path);
        assertEquals(res?.headers()["content-security-policy"], CONTENT_SECURITY_POLICY, path);
        const html = await res!.text();
        assert(!/<[^>]+\sstyle=/i.test(html), `${path}: no style attribute in the server's HTML`);
        await probe(page, page.locator(`[data-island="${island}"]`));
        assert(violations.length === 0, `${path}: CSP violations:\n${violations.join("\n")}`);
      }
    } finally {
      await app.close();
    }
  });
});

Deno.test("csp browser - WebSockets to the same origin pass connect-src 'self'; others are refused", async () => {
  await withDemoServer(async (page, server) => {
    const app = serveWithHeaders(server);
    try {
      await signIn(page, server);
      const violations = await watchViolations(page);
      await page.goto(`${app.url}/vms`);
      const open = (url: string) =>
        page.evaluate((url) =>
          new Promise<void>((resolve) => {
            try {
              const ws = new WebSocket(url.replace("LOCATION_HOST", location.host));
              ws.onerror = ws.onclose = () => resolve();
            } catch {
              resolve(); // older Chromium threw on a refused URL instead of failing the socket
            }
          }), url);

      await open("ws://LOCATION_HOST/api/csp-probe");
      assert(violations.length === 0, `same-origin ws: is allowed: ${violations.join("\n")}`);

      // The control: the listener does see a refusal.
      await open("ws://127.0.0.2:9/");
      // The report comes through the exposed binding, a moment later.
      for (let i = 0; i < 50 && violations.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert(violations.length > 0, "a cross-origin ws: is refused and reported");
      assert(
        violations.every((v) => v.includes("connect-src") || v.startsWith("console:")),
        violations.join("\n"),
      );
    } finally {
      await app.close();
    }
  });
});
