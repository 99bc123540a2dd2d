// Browser tier of the facts the pages got wrong (issue 23): the NIC table's address, the VNC
// console's reason for failing and its Start button, no 404 logged for a VM without a
// migration, plurals, and the contrast of badges and buttons in both colour schemes.

import type { Page } from "playwright-core";
import { assert, assertEquals } from "./support/assert.ts";
import { signIn, vmId, withDemoServer } from "./support/browser_helpers.ts";
import type { TestDomainSpec } from "./support/test_node.ts";

/** Console messages and failed responses the page logs while `fn` runs. */
async function logged(page: Page, fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error" || m.type() === "warning") lines.push(m.text());
  };
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 400) lines.push(`${r.status()} ${r.url()}`);
  };
  page.on("console", onConsole);
  page.on("response", onResponse);
  try {
    await fn();
  } finally {
    page.off("console", onConsole);
    page.off("response", onResponse);
  }
  return lines;
}

Deno.test("facts browser - the NIC table shows the address the Guest card shows", async () => {
  await withDemoServer(async (page, server) => {
    const web = await vmId(server, "web");
    await page.goto(`${server.url}/vms/${web}`);
    const guest = page.locator('[data-island="VmGuest"]');
    await guest.getByText("Addresses from: DHCP lease").waitFor();
    const address = (await guest.locator(".guest-addresses code").first().textContent())!
      .replace(/\/\d+$/, "");
    // The Guest card is on the Summary tab, the NIC table on Hardware.
    await page.goto(`${server.url}/vms/${web}/hardware`);
    const nics = page.locator("section", { has: page.locator("#nics-title") });
    const row = nics.locator("tbody tr").first();
    // The IP address column, found by its header (columns come and go).
    const headers = await nics.locator("thead th").allInnerTexts();
    const ip = headers.findIndex((h) => h.trim() === "IP address");
    assert(ip >= 0, `no IP address column in ${JSON.stringify(headers)}`);
    await row.locator("td").nth(ip).getByText(address, { exact: true }).waitFor();
  });
});

Deno.test("facts browser - a VM page without a migration logs no failed request", async () => {
  await withDemoServer(async (page, server) => {
    const lines = await logged(page, async () => {
      await page.goto(`${server.url}/vms/${await vmId(server, "web")}/advanced`);
      await page.locator('[data-island="VmMigrate"][data-hydrated]').or(
        page.locator("#migration-title"),
      ).first().waitFor();
      await page.waitForLoadState("networkidle");
    });
    assertEquals(lines, []);
  });
});

Deno.test("facts browser - a VNC console that cannot connect shows the server's words", async () => {
  await withDemoServer(async (page, server) => {
    // The test driver gives "web" an automatic VNC port it never assigns.
    await page.goto(`${server.url}/vms/${await vmId(server, "web")}/console`);
    await page.locator(".console-status", { hasText: "VNC has no port yet for this VM" })
      .waitFor();
    await page.getByRole("button", { name: "Reconnect" }).waitFor();
  });
});

const STOPPED_WITH_VNC: TestDomainSpec[] = [
  { name: "idle", runstate: 5, vcpus: 1, memoryMb: 256, vnc: true },
  { name: "web", runstate: 1, vcpus: 1, memoryMb: 256 },
];

Deno.test("facts browser - a stopped VM's console page starts it (operators), viewers see no Start", async () => {
  await withDemoServer(
    async (page, server) => {
      const idle = await vmId(server, "idle");
      await signIn(page, server, { user: "op", role: "operator", vms: [idle] });
      await page.goto(`${server.url}/vms/${idle}/console`);
      await page.getByText("The VM is not running — start it to use the console.").waitFor();
      await page.getByRole("button", { name: "Start idle" }).click();
      // The page reloads with the console in place of the message.
      await page.getByRole("toolbar", { name: "Console controls" }).waitFor();
      assertEquals((await server.ctx.vms.getVm(idle)).state, "running");
    },
    STOPPED_WITH_VNC,
    { signInAs: null },
  );

  await withDemoServer(
    async (page, server) => {
      // A viewer may open no console: the page says so, and offers no Start.
      await page.goto(`${server.url}/vms/${await vmId(server, "idle")}/console`);
      await page.getByText(
        "You may not open this VM's console: an admin can give you the operator role and this VM on the Access page",
      ).waitFor();
      await page.waitForLoadState("networkidle");
      assertEquals(await page.getByRole("button", { name: "Start idle" }).count(), 0);
    },
    STOPPED_WITH_VNC,
    { signInAs: { user: "view", role: "viewer", vms: "*" } },
  );
});

Deno.test("facts browser - counts say 1 VM, 2 VMs; a batch of one is 'a VM'", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.getByText("2 VMs", { exact: true }).waitFor();
    await page.getByLabel("Select single").check();
    const bar = page.getByRole("region", { name: "Batch actions" });
    await bar.getByRole("button", { name: "Force stop…" }).click();
    // The confirmation names the VMs it hits since the batch became visible-only (issue 23).
    const dialog = page.getByRole("dialog", { name: "Force stop a VM" });
    await dialog.getByRole("heading", { name: "Force stop a VM" }).waitFor();
    assertEquals(
      (await dialog.locator(".confirm-targets").textContent())?.replace(/\s+/g, " ").trim(),
      "Cut the power of 1 VM: single? Unsaved data inside it is lost.",
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.locator("input[name=q]").fill("single");
    await page.getByText("1 of 2 VMs", { exact: true }).waitFor();
  }, [
    { name: "single", runstate: 1, vcpus: 1, memoryMb: 256 },
    { name: "other", runstate: 5, vcpus: 1, memoryMb: 256 },
  ]);

  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.getByText("1 VM", { exact: true }).waitFor();
  }, [{ name: "alone", runstate: 1, vcpus: 1, memoryMb: 256 }]);
});

/** WCAG's contrast ratio of two computed `rgb(…)` colours (opaque). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, b] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const STATES = ["running", "paused", "suspended", "stopped", "crashed"];

Deno.test("facts browser - state and info badges, primary, delete and pressed range buttons pass 4.5:1 in light and dark", async () => {
  await withDemoServer(async (page, server) => {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.url}/vms/${await vmId(server, "web")}`);
      await page.locator(".vm-header .badge").first().waitFor();
      // Every state's badge, the info badge (snapshots), both fills and a pressed range button
      // (monitoring.css, which the VM page loads), in the page's own stylesheets (not every
      // state and button is on one page), beside the real ones the page drew.
      await page.evaluate((states) => {
        const box = document.createElement("div");
        box.id = "contrast-probe";
        box.innerHTML = states.map((s) => `<span class="badge badge-${s}">${s}</span>`).join("") +
          `<span class="badge badge-info">current</span>` +
          `<button type="button" class="button button-primary">Save</button>` +
          `<button type="button" class="button button-danger">Delete</button>` +
          `<div class="range-selector"><button type="button" class="button" ` +
          `aria-pressed="true">1h</button></div>`;
        document.querySelector("main")!.append(box);
      }, STATES);
      const colours = await page.locator(
        '.badge, .button-primary, .button-danger, .range-selector .button[aria-pressed="true"]',
      ).evaluateAll(
        (els) =>
          els.filter((el) => (el as HTMLButtonElement).disabled !== true && el.checkVisibility())
            .map((el) => {
              const s = getComputedStyle(el);
              return { what: el.className, fg: s.color, bg: s.backgroundColor };
            }),
      );
      for (const s of STATES) {
        assert(colours.some((c) => c.what === `badge badge-${s}`), `a ${s} badge`);
      }
      assert(colours.some((c) => c.what === "badge badge-info"), "an info badge");
      assert(colours.some((c) => c.what === "button"), "a pressed range button");
      for (const { what, fg, bg } of colours) {
        const ratio = contrast(fg, bg);
        assert(ratio >= 4.5, `${colorScheme}: "${what}" ${fg} on ${bg} is ${ratio.toFixed(2)}:1`);
      }
    }
  });
});
