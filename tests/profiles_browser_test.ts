// Browser tier for profiles (issue 10) on a test-driver node holding the VM "test": a profile
// made through the form (a tag and an alert rule), assigned from the VM page, its settings shown
// with their source, local overrides (one replacing the profile's rule, struck under it), the
// tags in the VM list and its filter, an edit reaching the open VM page live, export, import with
// a name collision and a rename, refused files in the API's words, delete converting the VM's
// settings to local ones, a viewer's read-only view, and not one CSP violation.

import { Buffer } from "node:buffer";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { ProfileSummary } from "../shared/profiles.ts";
import { assert, assertEquals } from "./support/assert.ts";
import type { Server } from "../main.ts";
import { signIn, type SignInAs, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the domains from 1.
const VM = "6b5a6f1e-0000-4000-8000-000000000001";
const NAME = "web-tier";
const RENAMED = `${NAME} (imported)`;

/** Adds to `seen` every CSP violation any page of the context reports. */
async function watchViolations(context: BrowserContext, seen: string[]): Promise<void> {
  await context.exposeFunction("__kvmmCspViolation", (text: string) => seen.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (globalThis as unknown as { __kvmmCspViolation(t: string): void }).__kvmmCspViolation(
        `${location.pathname}: ${e.effectiveDirective} refused ${e.blockedURI || "inline"}`,
      );
    });
  });
}

/** A page in a new browser context signed in as `as`, its violations and errors recorded. */
async function newTab(
  page: Page,
  server: Server,
  as: SignInAs,
  seen: string[],
): Promise<{ tab: Page; errors: string[]; close(): Promise<void> }> {
  const context = await page.context().browser()!.newContext();
  await watchViolations(context, seen);
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await signIn(tab, server, as);
  return { tab, errors, close: () => context.close() };
}

/** The profile import's answer to a raw body, as the page would send it. */
function importAnswer(page: Page, text: string): Promise<{ status: number; message: string }> {
  return page.evaluate(async (body) => {
    const csrf = document.querySelector<HTMLMetaElement>('meta[name="kvmm-csrf"]')?.content ?? "";
    const res = await fetch("/api/profiles/import/preview", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body,
    });
    return { status: res.status, message: (await res.json()).message as string };
  }, text);
}

const enabled = (page: Page, l: Locator) => l.and(page.locator(":enabled"));

/** [source, value] of each policy row, by its key ("tag:prod"), in table order. */
async function policyRows(island: Locator): Promise<string[][]> {
  return await island.getByRole("table", { name: "Effective policy" }).locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll("td")].map((td) => td.textContent ?? "");
        const struck = r.querySelector("s") ? " [struck]" : "";
        return [r.getAttribute("data-key") ?? "", cells[2], `${cells[1]}${struck}`];
      })
    );
}

async function openVm(page: Page, url: string): Promise<Locator> {
  await page.goto(`${url}/vms/${VM}/policy`);
  const island = page.locator('[data-island="VmPolicy"]');
  await island.getByRole("table", { name: "Effective policy" }).waitFor();
  return island;
}

Deno.test("profiles browser - create, assign, overrides, list tags, edit live, export, import, delete", async () => {
  const scratch = await Deno.makeTempDir({ prefix: "kvmm-profiles-" });
  try {
    await withDemoServer(async (page, server) => {
      const violations: string[] = [];
      await watchViolations(page.context(), violations);

      // Create: a tag and an alert rule.
      await page.goto(`${server.url}/profiles`);
      const manager = page.locator('[data-island="ProfileManager"]');
      await manager.getByText("No profiles yet.").waitFor();
      await enabled(page, manager.getByRole("button", { name: "New profile" })).click();
      const form = manager.getByRole("form", { name: "New profile" });
      await form.getByLabel("Name", { exact: true }).fill(NAME);
      await form.getByLabel("Description").fill("Front ends");
      await form.getByLabel("Tags").fill("prod");
      await form.getByRole("button", { name: "Add alert rule" }).click();
      const rule = form.getByRole("group", { name: "Alert rule 1" });
      await rule.getByLabel("Rule name").fill("cpu-high");
      await rule.getByLabel("Metric").selectOption("cpu");
      await rule.getByLabel("Threshold").fill("90");
      await rule.getByLabel("Consecutive checks").fill("3");
      await rule.getByLabel("Severity").selectOption("critical");
      await form.getByRole("button", { name: "Create profile" }).click();
      await form.waitFor({ state: "detached" });
      await manager.getByRole("status").getByText(`Created ${NAME}.`).waitFor();
      const row = manager.locator("tr[data-profile-id]", {
        has: page.getByText(NAME, { exact: true }),
      });
      assertEquals((await row.locator("td").allTextContents()).slice(0, 3), [
        `${NAME}Front ends`,
        "2",
        "0",
      ]);

      // Assign from the VM page: the settings show with their source.
      let vm = await openVm(page, server.url);
      await vm.getByText("No profile assigned.").waitFor();
      await vm.getByLabel("Profile", { exact: true }).selectOption({ label: NAME });
      await enabled(page, vm.getByRole("button", { name: "Assign" })).click();
      await vm.getByText(`Profile: ${NAME}`).waitFor();
      await vm.locator('tr[data-key="tag:prod"]').waitFor();
      assertEquals(await policyRows(vm), [
        ["alert:cpu-high", `Profile ${NAME}`, "cpu-high: CPU above 90 % for 3 checks, critical"],
        ["tag:prod", `Profile ${NAME}`, "prod"],
      ]);

      // Local overrides: a tag, and an alert rule replacing the profile's (struck under it).
      const addOverride = async (fill: (f: Locator) => Promise<void>) => {
        await enabled(page, vm.getByRole("button", { name: "Add local override" })).click();
        const f = vm.getByRole("form", { name: "Add local override" });
        await fill(f);
        await f.getByRole("button", { name: "Add override" }).click();
        await f.waitFor({ state: "detached" });
      };
      await addOverride(async (f) => {
        await f.getByLabel("Kind").selectOption("tag");
        await f.getByLabel("Tag", { exact: true }).fill("pinned");
      });
      await vm.locator('tr[data-key="tag:pinned"]').waitFor();
      await addOverride(async (f) => {
        await f.getByLabel("Kind").selectOption("alert");
        await f.getByLabel("Rule name").fill("cpu-high");
        await f.getByLabel("Threshold").fill("50");
      });
      await vm.locator('tr[data-key="alert:cpu-high"][data-source="local"]').waitFor();
      assertEquals(await policyRows(vm), [
        [
          "alert:cpu-high",
          "Local (overrides profile)",
          "cpu-high: CPU above 50 % for 3 checks, warning",
        ],
        [
          "alert:cpu-high",
          `Profile ${NAME} (overridden)`,
          "cpu-high: CPU above 90 % for 3 checks, critical [struck]",
        ],
        ["tag:pinned", "Local", "pinned"],
        ["tag:prod", `Profile ${NAME}`, "prod"],
      ]);
      // The same local tag again: refused in the API's words.
      await enabled(page, vm.getByRole("button", { name: "Add local override" })).click();
      const again = vm.getByRole("form", { name: "Add local override" });
      await again.getByLabel("Tag", { exact: true }).fill("pinned");
      await again.getByRole("button", { name: "Add override" }).click();
      await again.getByRole("alert").getByText(
        "VM test already has a local tag:pinned setting: remove it first",
        { exact: true },
      ).waitFor();
      await again.getByRole("button", { name: "Cancel" }).click();

      // The VM list: the effective tags as badges; the filter matches a tag. Wide enough for
      // the Tags column (left out by default at 1280 px and below).
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(`${server.url}/vms`);
      const list = page.locator('[data-island="VmList"]');
      const vmRow = list.locator(`tr[data-vm-id="${VM}"]`);
      await vmRow.getByRole("list", { name: "Tags" }).waitFor();
      assertEquals(
        (await vmRow.getByRole("list", { name: "Tags" }).locator("li").allTextContents()).sort(),
        ["pinned", "prod"],
      );
      await list.getByLabel("Search").fill("nomatch");
      await list.getByText("No VMs match the filter.").waitFor();
      await list.getByLabel("Search").fill("PINNED");
      await vmRow.waitFor();

      // Edit the profile in a second tab; the open VM page follows live (policy-changed).
      vm = await openVm(page, server.url);
      await vm.locator('tr[data-key="tag:prod"]').waitFor();
      const second = await newTab(page, server, {}, violations);
      const other = second.tab;
      await other.goto(`${server.url}/profiles`);
      const manager2 = other.locator('[data-island="ProfileManager"]');
      const row2 = manager2.locator("tr[data-profile-id]", {
        has: other.getByText(NAME, { exact: true }),
      });
      await enabled(other, row2.getByRole("button", { name: `Edit ${NAME}` })).click();
      const edit = manager2.getByRole("form", { name: "Edit profile" });
      assertEquals(await edit.getByLabel("Tags").inputValue(), "prod");
      await edit.getByLabel("Tags").fill("prod, web");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await manager2.getByRole("status").getByText(`Saved ${NAME}: 1 VM updated.`, { exact: true })
        .waitFor();
      await vm.locator('tr[data-key="tag:web"]').waitFor();
      assertEquals((await policyRows(vm)).find((r) => r[0] === "tag:web"), [
        "tag:web",
        `Profile ${NAME}`,
        "web",
      ]);

      // Details: the profile's VMs, linked to their pages.
      await row2.getByRole("button", { name: `Details of ${NAME}` }).click();
      const assigned = manager2.getByRole("list", { name: "Assigned VMs" });
      await assigned.getByRole("link", { name: "test" }).waitFor();
      assertEquals(
        await assigned.getByRole("link", { name: "test" }).getAttribute("href"),
        `/vms/${VM}`,
      );

      // Export: a kvmm-profile file, version 1.
      const [download] = await Promise.all([
        other.waitForEvent("download"),
        row2.getByRole("link", { name: `Export ${NAME}` }).click(),
      ]);
      assertEquals(download.suggestedFilename(), `${NAME}.kvmm-profile.json`);
      // Kept past the tab (a context's downloads go with it).
      const exported = `${scratch}/${download.suggestedFilename()}`;
      await download.saveAs(exported);
      const file = JSON.parse(await Deno.readTextFile(exported));
      assertEquals([file.format, file.version, file.profile.name], ["kvmm-profile", 1, NAME]);
      assertEquals(file.profile.tags, ["prod", "web"]);

      // Import the same file: the preview shows the collision; renamed, a second profile appears.
      await second.close();
      assertEquals(second.errors, []);
      await page.goto(`${server.url}/profiles`);
      const importButton = enabled(
        page,
        manager.getByRole("button", { name: "Import", exact: true }),
      );
      await importButton.click();
      let imp = manager.getByRole("form", { name: "Import profile" });
      await imp.getByLabel("Profile file").setInputFiles(exported);
      const preview = imp.getByRole("definition");
      await imp.getByLabel("Import preview").waitFor();
      assertEquals(await preview.allTextContents(), [
        NAME,
        "Front ends",
        "1",
        "3 settings: no agent permissions, 1 alert rule, no backup policy, 2 tags",
      ]);
      await imp.getByRole("status").getByText(`A profile named ${NAME} already exists`).waitFor();
      assertEquals(await imp.getByLabel("Rename to").inputValue(), RENAMED);
      await imp.getByRole("button", { name: "Import", exact: true }).click();
      await manager.getByRole("status").getByText(`Imported as ${RENAMED}.`).waitFor();
      await manager.getByText(RENAMED, { exact: true }).waitFor();
      const listed = await page.evaluate(async () =>
        (await fetch("/api/profiles")).json()
      ) as ProfileSummary[];
      assertEquals(listed.map((p) => p.name).sort(), [NAME, RENAMED]);

      // Files the server refuses: their messages word for word.
      for (
        const [name, text] of [
          ["bad.kvmm-profile.json", "this is not json"],
          ["future.kvmm-profile.json", JSON.stringify({ ...file, version: 99 })],
        ]
      ) {
        const answer = await importAnswer(page, text);
        assert(answer.status === 400 || answer.status === 422, `${name}: ${answer.status}`);
        await importButton.click();
        imp = manager.getByRole("form", { name: "Import profile" });
        await imp.getByLabel("Profile file").setInputFiles({
          name,
          mimeType: "application/json",
          buffer: Buffer.from(text),
        });
        await imp.getByRole("alert").getByText(answer.message, { exact: true }).waitFor();
        assertEquals(
          await imp.getByRole("button", { name: "Import", exact: true }).isDisabled(),
          true,
        );
        await imp.getByRole("button", { name: "Cancel" }).click();
      }

      // Delete the first profile: the confirmation promises local overrides; the VM keeps them.
      await enabled(page, row.getByRole("button", { name: `Delete ${NAME}` })).click();
      const dialog = page.getByRole("dialog", { name: "Delete profile" });
      const words = await dialog.textContent();
      assert(words?.includes("keeps its settings as local overrides"), words ?? "");
      await dialog.getByRole("button", { name: "Delete" }).click();
      await manager.getByRole("status").getByText(
        `Deleted ${NAME}: converted 1 VM (its settings are now their local overrides).`,
      ).waitFor();
      await row.waitFor({ state: "detached" });

      vm = await openVm(page, server.url);
      await vm.getByText("No profile assigned.").waitFor();
      await vm.locator('tr[data-key="tag:web"]').waitFor();
      assertEquals(await policyRows(vm), [
        ["alert:cpu-high", "Local", "cpu-high: CPU above 50 % for 3 checks, warning"],
        ["tag:pinned", "Local", "pinned"],
        ["tag:prod", "Local", "prod"],
        ["tag:web", "Local", "web"],
      ]);
      // Remove a local override.
      await enabled(page, vm.getByRole("button", { name: "Remove local tag pinned" })).click();
      await vm.locator('tr[data-key="tag:pinned"]').waitFor({ state: "detached" });

      // A viewer sees the policy and the profiles, and no button that changes them.
      const third = await newTab(page, server, { user: "watcher", role: "viewer" }, violations);
      const viewer = third.tab;
      const seen = await openVm(viewer, server.url);
      await seen.locator('tr[data-key="tag:web"]').waitFor();
      for (const name of ["Assign", "Add local override", "Remove local tag web"]) {
        assertEquals(await seen.getByRole("button", { name, exact: true }).count(), 0, name);
      }
      await viewer.goto(`${server.url}/profiles`);
      const viewerManager = viewer.locator('[data-island="ProfileManager"]');
      await viewerManager.getByText(RENAMED, { exact: true }).waitFor();
      for (const name of ["New profile", "Import", `Edit ${RENAMED}`, `Delete ${RENAMED}`]) {
        // Roles leave out hidden elements: none of these buttons shows.
        assertEquals(
          await viewerManager.getByRole("button", { name, exact: true }).count(),
          0,
          name,
        );
      }
      await third.close();
      assertEquals(third.errors, []);

      assertEquals(violations, [], "no CSP violations");
    }, [{ name: "test", runstate: 1, vcpus: 1, memoryMb: 512 }]);
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});
