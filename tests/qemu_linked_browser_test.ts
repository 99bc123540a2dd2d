// Browser tier for linked clones on real libvirtd: the wizard makes a VM as a linked clone of a
// base image (the choice under Install media, the review's words, the request's baseImagePath,
// the overlay libvirt made), the templates table names a linked template's VMs, and the pool's
// volumes table makes the clone independent.

import type { Page } from "playwright-core";
import { assertEquals, assertMatch } from "./support/assert.ts";
import { openBrowser, pageTrail, signIn } from "./support/browser_helpers.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  ensurePool,
  TEST_POOL,
  virsh,
} from "./support/guest.ts";
import { imageInfo } from "./support/real_app.ts";
import type { Server } from "../main.ts";

const PREFIX = "kvmm-test-lcui-";
const BASE = `${PREFIX}base.qcow2`;
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

async function removeVolume(name: string) {
  await virsh("vol-delete", "--pool", TEST_POOL, name).catch(() => {});
}

Deno.test("qemu linked browser - the wizard makes a linked clone, the template lists it, the pool makes it independent", async () => {
  await assertLibvirtReachable();
  await cleanupGuestsNamed(PREFIX);
  await ensurePool();
  await removeVolume(BASE);
  const name = `${PREFIX}vm`;
  const dataDir = await Deno.makeTempDir({ prefix: "kvmm-test-lcui-" });
  let server: Server | undefined;
  let template = "";
  const browser = await openBrowser();
  let trail: ReturnType<typeof pageTrail> | undefined;
  try {
    await virsh("vol-create-as", TEST_POOL, BASE, "64M", "--format", "qcow2");
    const base = (await virsh("vol-path", "--pool", TEST_POOL, BASE)).trim();
    server = await startRealServer(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    trail = pageTrail(page);
    await signIn(page, server);

    await page.goto(`${server.url}/vms/new`);
    await page.locator("#wiz-name:enabled").waitFor();
    await page.fill("#wiz-name", name);
    await next(page).click();
    await page.getByLabel("Linked clone of a base image").check();
    await page.fill("#wiz-base", base);
    await next(page).click();
    await page.selectOption("#wiz-pool", TEST_POOL);
    await page.fill("#wiz-disk-size", "1 GiB");
    await next(page).click();
    await page.selectOption("#wiz-network", "");
    await next(page).click();
    await page.getByText("The host accepts this configuration.").waitFor();
    assertMatch(await page.textContent(".summary") ?? "", new RegExp(`Linked clone of ${base}`));
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/vms"));
    await page.getByRole("button", { name: "Create VM" }).click();
    const body = (await sent).postDataJSON();
    assertEquals([body.baseImagePath, body.diskFormat], [base, "qcow2"]);
    await page.waitForURL(/\/vms\/[0-9a-f-]{36}/, { timeout: 30_000 });
    const overlay = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
    assertEquals((await imageInfo(overlay) as Record<string, unknown>)["backing-filename"], base);

    // A template on the same base names the VMs made from it.
    const made = await adminCall<{ id: string }>(server, "POST", "/api/templates", {
      name: `${PREFIX}tpl`,
      config: {
        cpuCount: 1,
        memoryMb: 256,
        diskSizeGb: 1,
        osType: "linux",
        network: "",
        diskFormat: "qcow2",
        bootMenu: false,
        storagePool: TEST_POOL,
        baseImagePath: base,
      },
    });
    template = made.id;
    await page.goto(`${server.url}/templates`);
    const row = page.locator(`tr[data-template-id="${template}"]`);
    await row.getByText(`Linked VMs: ${name}`).waitFor();
    assertMatch(await row.textContent() ?? "", new RegExp(`linked clone of ${BASE}`));

    // The pool page makes the clone independent: no backing file any more.
    await page.goto(`${server.url}/storage/${TEST_POOL}`);
    const vol = page.locator(`tr[data-volume="${name}.qcow2"]`);
    await vol.getByRole("button", { name: `Make independent ${name}.qcow2` }).click();
    await page.getByText(`${name}.qcow2 is independent of its base image now.`).waitFor();
    await vol.getByRole("button", { name: /^Make independent/ }).waitFor({ state: "detached" });
    assertEquals(
      (await imageInfo(overlay) as Record<string, unknown>)["backing-filename"],
      undefined,
    );
  } catch (e) {
    // What the page did meanwhile (a wizard step that did not come once timed out in lanes).
    if (e instanceof Error && trail) e.message += `\n${trail.describe([])}`;
    throw e;
  } finally {
    await browser.close();
    if (server && template) {
      await adminCall(server, "DELETE", `/api/templates/${template}`).catch(() => {});
    }
    await server?.close();
    await cleanupGuestsNamed(PREFIX);
    await removeVolume(`${name}.qcow2`);
    await removeVolume(BASE);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
