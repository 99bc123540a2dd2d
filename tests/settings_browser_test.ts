// Browser tier for the VM settings on a test-driver node: edit, rename, XML editor, clone, and
// a device attach, which the test driver refuses (501): its message must reach the user as is.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { apiAnswer, withDemoServer } from "./support/browser_helpers.ts";

// tests/support/test_node.ts numbers the default domains web, db, cache from 1.
const WEB = "6b5a6f1e-0000-4000-8000-000000000001";
const DB = "6b5a6f1e-0000-4000-8000-000000000002";

const resources = (page: Page) => page.locator('form[aria-labelledby="resources-title"]');

/** Opens a VM's page and waits for the settings island to hydrate (its buttons enable then). */
async function openVm(page: Page, url: string) {
  await page.goto(url);
  await resources(page).locator('button[type="submit"]:not([disabled])').waitFor();
}

const xmlEditor = (page: Page) => page.locator('section[aria-labelledby="xml-title"]');

/** Opens a VM's Advanced tab and waits for the XML editor to hydrate (Reload enables then). */
async function openXml(page: Page, url: string) {
  await page.goto(url);
  await page.locator("#xml-title").waitFor();
  await xmlEditor(page).locator("button:not([disabled])", { hasText: "Reload" })
    .waitFor({ state: "attached" });
}

Deno.test("settings browser - edit a stopped VM's resources, then see them after a reload", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    const form = resources(page);
    await form.getByLabel("vCPUs").fill("2");
    await form.getByLabel("Memory", { exact: true }).fill("2 GiB");
    await form.getByLabel("Description").fill("edited in the browser");
    await form.getByRole("button", { name: "Save" }).click();
    const note = form.locator(".note-success");
    await note.waitFor();
    const text = await note.textContent() ?? "";
    assertMatch(text, /vCPUs: saved, applies at next start/);
    assertMatch(text, /Memory: saved, applies at next start/);
    assertMatch(text, /Description: saved, applies at next start/);

    await page.reload();
    await resources(page).waitFor();
    assertEquals(await resources(page).getByLabel("vCPUs").inputValue(), "2");
    assertEquals(
      await resources(page).getByLabel("Memory", { exact: true }).inputValue(),
      "2 GiB",
    );
    assertEquals(
      await resources(page).getByLabel("Description").inputValue(),
      "edited in the browser",
    );
    // The configuration card is on the Summary tab (no longer beside the form).
    await page.goto(`${server.url}/vms/${DB}`);
    const overview = page.locator('section[aria-labelledby="config-title"]');
    await overview.getByText("edited in the browser").waitFor();
    assertMatch(await overview.textContent() ?? "", /vCPUs2Memory2 GiB/);
  });
});

Deno.test("settings browser - a running VM's boot change applies at next boot; no rename", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${WEB}/hardware`);
    assert(await resources(page).getByLabel("Name").isDisabled(), "rename needs a stopped VM");
    const boot = page.locator('form[aria-labelledby="boot-title"]');
    await boot.getByLabel("Show the boot menu").check();
    await boot.getByRole("button", { name: "Save boot options" }).click();
    assertEquals(
      await boot.locator(".note-success").textContent(),
      "Boot menu: applies at next boot",
    );
  });
});

Deno.test("settings browser - a running VM's console becomes SPICE with a clipboard from its next boot", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${WEB}/hardware`);
    const form = page.locator('form[aria-labelledby="display-title"]');
    assertEquals(await form.getByLabel("Display").inputValue(), "vnc");
    await form.getByLabel("Display").selectOption("spice");
    await form.getByLabel("Share the clipboard with the guest").check();
    await form.getByRole("button", { name: "Save console settings" }).click();
    assertEquals(
      await form.locator(".note-success").innerText(),
      "Display: applies at next boot\nShared clipboard: applies at next boot",
    );
    await page.reload();
    await form.getByLabel("Display").waitFor();
    assertEquals(await form.getByLabel("Display").inputValue(), "spice");
    assert(await form.getByLabel("Share the clipboard with the guest").isChecked());
    // What QEMU runs now is said beside it.
    assertEquals(
      await form.getByRole("status").textContent(),
      "Running now with VNC and no shared clipboard; the settings above apply at the next boot.",
    );
  });
});

Deno.test("settings browser - rename a stopped VM", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    await resources(page).getByLabel("Name").fill("db-renamed");
    await resources(page).getByRole("button", { name: "Save" }).click();
    // A rename reloads the page: header, breadcrumb and title all carry the name.
    await page.locator("h1", { hasText: "db-renamed" }).waitFor();
    assertMatch(await page.title(), /^db-renamed · KVM Manager$/);
    assertEquals(await resources(page).getByLabel("Name").inputValue(), "db-renamed");

    // The name rule is checked as you type.
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    await resources(page).getByLabel("Name").fill("9lives");
    await resources(page).getByText("Invalid VM name: cannot start with a number").waitFor();
    assert(await resources(page).getByRole("button", { name: "Save" }).isDisabled());
  });
});

Deno.test("settings browser - XML editor loads, shows libvirt's error, saves a valid edit", async () => {
  await withDemoServer(async (page, server) => {
    await openXml(page, `${server.url}/vms/${DB}/advanced`);
    const editor = xmlEditor(page);
    await editor.locator("summary").click();
    const text = editor.getByLabel("Domain XML");
    await page.waitForFunction(
      () => (document.querySelector(".xml-text") as HTMLTextAreaElement).value.includes("<name>db"),
    );
    const xml = await text.inputValue();
    assertMatch(xml, /<description>test domain db<\/description>/);

    const broken = xml.replace(/<memory[^>]*>\d+</, "<memory unit='KiB'>lots<");
    await text.fill(broken);
    await editor.getByRole("button", { name: "Save XML" }).click();
    const error = editor.locator(".note-error");
    await error.waitFor();
    const expected = await apiAnswer(page, "PUT", `/api/vms/${DB}/xml`, { xml: broken });
    assertEquals(expected.status, 400);
    assertEquals(await error.textContent(), expected.message, "libvirt's message, verbatim");

    await text.fill(xml.replace("test domain db", "described in XML"));
    await editor.getByRole("button", { name: "Save XML" }).click();
    assertEquals(await editor.locator(".note-success").textContent(), "XML saved.");
    assertMatch(await text.inputValue(), /<description>described in XML<\/description>/);
    assertEquals(
      await editor.getByRole("link", { name: "Download" }).getAttribute("href"),
      `/api/vms/${DB}/xml?download`,
    );
    // The configuration card (Summary tab) shows the XML's edit.
    await page.goto(`${server.url}/vms/${DB}`);
    await page.locator('section[aria-labelledby="config-title"]').getByText("described in XML")
      .waitFor();
    // A change made in the Hardware tab's form is in the XML the editor loads next.
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    await resources(page).getByLabel("Description").fill("from the form");
    await resources(page).getByRole("button", { name: "Save" }).click();
    await resources(page).locator(".note-success").waitFor();
    await openXml(page, `${server.url}/vms/${DB}/advanced`);
    await editor.locator("summary").click();
    await page.waitForFunction(() =>
      (document.querySelector(".xml-text") as HTMLTextAreaElement).value.includes(
        "<description>from the form</description>",
      )
    );
  });
});

Deno.test("settings browser - clone a stopped VM and find the clone in the list", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    // Records the progress events the dialog's own stream receives: it must be open before the
    // clone starts, or the first steps are lost.
    await page.evaluate(() => {
      const seen: string[] = (globalThis as any).__progress = [];
      const Native = EventSource;
      globalThis.EventSource = class extends Native {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener("vm-create-progress", (m) => seen.push(JSON.parse(m.data).step));
        }
      };
    });
    await page.getByRole("button", { name: "Clone…" }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByLabel("Name of the clone").fill("db-copy");
    await dialog.getByRole("button", { name: "Clone", exact: true }).click();
    const link = dialog.locator(".note-success").getByRole("link", { name: "db-copy" });
    await link.waitFor({ timeout: 15_000 });
    const href = await link.getAttribute("href");
    assertMatch(href ?? "", /^\/vms\/[0-9a-f-]{36}$/);
    // Sent before the answer, but on another connection: they may arrive just after it.
    await page.waitForFunction(() => (globalThis as any).__progress.length >= 2);
    assertEquals(await page.evaluate(() => (globalThis as any).__progress), [
      "Copying disk vda",
      "Defining the clone",
    ]);

    await page.goto(`${server.url}/vms`);
    await page.locator("table").getByRole("link", { name: "db-copy", exact: true }).waitFor();
    await page.goto(`${server.url}${href}`);
    await page.locator("h1", { hasText: "db-copy" }).waitFor();
  });
});

Deno.test("settings browser - an attach the driver refuses shows its message verbatim", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    const disks = page.locator('section[aria-labelledby="disks-title"]');
    await disks.getByText("Add disk").click();
    // The pool list comes from /api/vms/create-options when the form opens.
    await disks.locator("#disk-pool option", { hasText: "default" }).waitFor({ state: "attached" });
    // A size that does not read is the field's error; a bare number is GiB.
    await disks.getByLabel("Size", { exact: true }).fill("2 XB");
    await disks.getByRole("button", { name: "Attach disk" }).click();
    await disks.getByText('Unknown unit "XB": use KiB, MiB, GiB or TiB (a bare number is GiB)')
      .waitFor();
    await disks.getByLabel("Size", { exact: true }).fill("1");
    await disks.getByRole("button", { name: "Attach disk" }).click();
    const error = disks.locator(".note-error");
    await error.waitFor();
    const expected = await apiAnswer(page, "POST", `/api/vms/${DB}/disks`, {
      bus: "virtio",
      newVolume: { pool: "default", name: "db-disk2", sizeGb: 1, format: "qcow2" },
    });
    assertEquals(expected.status, 501, "the test driver cannot attach devices");
    assertEquals(await error.textContent(), expected.message);
    assertMatch(expected.message, /^Failed to attach disk: .*not supported/);
  });
});

Deno.test("settings browser - a new NIC's rate limit and MTU reach the API as typed", async () => {
  await withDemoServer(async (page, server) => {
    await openVm(page, `${server.url}/vms/${DB}/hardware`);
    const nics = page.locator('section[aria-labelledby="nics-title"]');
    await nics.getByText("Add network interface").first().click();
    await nics.locator("#nic-network option", { hasText: "default" }).waitFor({
      state: "attached",
    });
    await nics.getByLabel("Limit in (KiB/s)").fill("1000");
    await nics.getByLabel("MTU").fill("1400");
    const sent = page.waitForRequest((r) =>
      r.method() === "POST" && r.url().endsWith(`/api/vms/${DB}/interfaces`)
    );
    await nics.getByRole("button", { name: "Add network interface" }).click();
    assertEquals((await sent).postDataJSON(), {
      network: "default",
      model: "virtio",
      mtu: 1400,
      bandwidth: { inbound: { averageKBps: 1000 } },
    });
    // The test driver cannot attach devices: its words come back under the form's button, where
    // a refused hot-plug (NO_HOTPLUG_SLOT) says to shut the VM down too.
    const error = nics.locator("form .form-buttons + .note-error");
    await error.waitFor();
    assertMatch(
      await error.textContent() ?? "",
      /^Failed to attach network interface: .*not supported/,
    );
  });
});
