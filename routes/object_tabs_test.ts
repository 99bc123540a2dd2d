// The tab pages of a VM, a pool and a network through the whole app (test driver): each tab its
// own URL, marked current, with its own bundle; an unknown tab or object is a 404 HTML page.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { withTestApp } from "../tests/harness/test_app.ts";

const html = { accept: "text/html" };

async function page(
  app: { request: (u: string, i?: RequestInit) => Response | Promise<Response> },
  path: string,
) {
  const res = await app.request(`http://localhost${path}`, { headers: html });
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: await res.text(),
  };
}

/** The labels of the current links (aria-current="page") of the tab bar named `label`. */
function currentTabs(body: string, label: string): string[] {
  const nav = new RegExp(`<nav class="tabs[^"]*" aria-label="${label}">([\\s\\S]*?)</nav>`)
    .exec(body)?.[1];
  assert(nav, `tab bar ${label} rendered`);
  return [...nav.matchAll(/aria-current="page">([^<]+)</g)].map((m) => m[1]);
}

const VM_TABS: [path: string, label: string, entry: string, marker: RegExp][] = [
  ["", "Summary", "vm", /data-island="VmOverview"/],
  ["/console", "Console", "vm_console", /id="vnc-screen"/],
  ["/serial", "Console", "vm_serial", /data-island="SerialConsole"/],
  ["/hardware", "Hardware", "vm_hardware", /data-island="VmHardware"/],
  ["/snapshots", "Snapshots", "vm_snapshots", /data-island="VmSnapshots"/],
  ["/backups", "Backups", "vm_backups", /data-island="VmBackups"/],
  ["/firewall", "Firewall", "vm_firewall", /data-island="VmFirewall"/],
  ["/policy", "Policy", "vm_policy", /data-island="VmPolicy"/],
  ["/advanced", "Advanced", "vm_advanced", /data-island="VmXml"/],
];

Deno.test("object tabs - every VM tab is a page of its own with the header, bar and bundle", async () => {
  await withTestApp(async ({ app, ctx }) => {
    const web = (await ctx.vms.listVms()).find((v) => v.name === "web")!.id;
    for (const [path, label, entry, marker] of VM_TABS) {
      const { status, body } = await page(app, `/vms/${web}${path}`);
      assertEquals(status, 200, `/vms/:id${path}`);
      assertEquals(currentTabs(body, "web sections"), [label], `${path} is ${label}`);
      assertMatch(body, new RegExp(`<script type="module" src="/static/build/${entry}.js">`));
      assertMatch(body, marker);
      assertMatch(body, /data-island="VmActions"/);
      // Only its own islands: the Summary's graphs are on no other tab.
      assertEquals(body.includes('data-island="VmGraphs"'), path === "", `graphs on ${path}`);
    }
  });
});

Deno.test("object tabs - an unknown tab or VM is a 404 page", async () => {
  await withTestApp(async ({ app, ctx }) => {
    const web = (await ctx.vms.listVms()).find((v) => v.name === "web")!.id;
    const unknownTab = await page(app, `/vms/${web}/nope`);
    assertEquals(unknownTab.status, 404);
    assertMatch(unknownTab.type, /text\/html/);
    assertMatch(unknownTab.body, /There is no page at/);

    const unknownVm = await page(app, "/vms/nope/hardware");
    assertEquals(unknownVm.status, 404);
    assertMatch(unknownVm.type, /text\/html/);
    assertMatch(unknownVm.body, /VM not found: nope/);

    for (const path of ["/storage/default/nope", "/networks/default/nope"]) {
      const { status, type } = await page(app, path);
      assertEquals(status, 404, path);
      assertMatch(type, /text\/html/);
    }
    const unknownPool = await page(app, "/storage/nope/details");
    assertEquals(unknownPool.status, 404);
    assertMatch(unknownPool.body, /Storage pool not found:.*nope/);
    const unknownNet = await page(app, "/networks/nope/leases");
    assertEquals(unknownNet.status, 404);
    assertMatch(unknownNet.body, /Network not found:.*nope/);
  });
});

Deno.test("object tabs - pool and network tabs have URLs of their own", async () => {
  await withTestApp(async ({ app }) => {
    const volumes = await page(app, "/storage/default");
    assertEquals(currentTabs(volumes.body, "default sections"), ["Volumes"]);
    assertMatch(volumes.body, /<tr data-volume="web.qcow2">/);
    assertMatch(volumes.body, /&quot;tab&quot;:&quot;volumes&quot;/);

    const details = await page(app, "/storage/default/details");
    assertEquals(details.status, 200);
    assertEquals(currentTabs(details.body, "default sections"), ["Details"]);
    assertMatch(details.body, /id="pool-facts-title"/);
    assert(!details.body.includes("<tr data-volume="), "no volumes on Details");

    const tabs: [string, string, RegExp][] = [
      ["", "Overview", /id="network-facts-title"/],
      ["/dhcp", "DHCP &amp; hosts", /id="dhcp-title"/],
      ["/forwards", "Port forwards", /Port forwards are for NAT networks/],
      ["/leases", "Leases", /id="leases-title"/],
    ];
    for (const [path, label, marker] of tabs) {
      const { status, body } = await page(app, `/networks/default${path}`);
      assertEquals(status, 200, path);
      assertEquals(currentTabs(body, "default sections"), [label]);
      assertMatch(body, marker);
    }
  });
});
