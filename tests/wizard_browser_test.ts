// Browser tier for the create wizard and the templates page, on libvirt's test driver.

import type { Page } from "playwright-core";
import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { adminHeaders, withDemoServer } from "./support/browser_helpers.ts";
import { osName } from "../shared/os_names.ts";

const UUID_PAGE = /\/vms\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Waits for the error text under a field (the alert the validator's words go into). */
async function seeError(page: Page, text: string) {
  await page.getByRole("alert").filter({ hasText: text }).first().waitFor({ timeout: 5000 });
}

const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true });

async function waitHydrated(page: Page) {
  await page.locator("#wiz-name:enabled").waitFor();
}

Deno.test("wizard browser - validate as you type, walk every step, create, save a template", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms`);
    await page.getByRole("link", { name: "New VM" }).click();
    await page.waitForURL(`${server.url}/vms/new`);
    await waitHydrated(page);
    assert(await next(page).isDisabled(), "Next is disabled without a name");

    // Step 1: the name rule in the validator's words.
    await page.fill("#wiz-name", "1bad");
    await seeError(page, "Invalid VM name: cannot start with a number");
    assert(await next(page).isDisabled(), "Next is disabled while the name is wrong");
    await page.fill("#wiz-name", "bad<name");
    await seeError(
      page,
      "Invalid VM name: must be 1-64 characters, alphanumeric with dash/underscore only",
    );
    await page.fill("#wiz-name", "web");
    await seeError(page, "VM name already exists: web");
    await page.fill("#wiz-name", "wiz-vm");
    await page.fill("#wiz-description", "made by the wizard test");
    assertEquals(await page.locator(".field-error").count(), 0);
    await next(page).click();

    // Step 2: an osinfo variant shows its recommendation and fills the resources.
    await page.fill("#wiz-variant-search", "debian");
    const first = page.locator("#wiz-variant option").first();
    const variantName = (await first.textContent())!.trim();
    await page.selectOption("#wiz-variant", (await first.getAttribute("value"))!);
    const recommended = await page.locator(".variant-chosen .recommended").textContent() ?? "";
    assertMatch(recommended, /^Recommended: .*\d+ [MG]iB memory/);
    const recommendedMemory = /([\d.]+ [MG]iB) memory/.exec(recommended)![1];
    // The chosen variant by its catalogue name, its osinfo id beside it.
    const variantId = (await first.getAttribute("value"))!;
    assertEquals(await page.textContent(".variant-chosen .variant-id"), variantId);
    assertMatch(await page.textContent(".wizard-step") ?? "", /UEFI firmware is not installed/);
    await next(page).click();

    // Step 3: resources, with the host's limits.
    assertEquals(await page.inputValue("#wiz-memory"), recommendedMemory);
    assertEquals(await page.textContent("label[for=wiz-memory]"), "Memory");
    // Sizes take units; one that does not read is the field's error, in a reader's words, on
    // the field (aria-invalid, described by the error), and goes when the field changes.
    await page.fill("#wiz-memory", "2 XB");
    await seeError(page, 'Unknown unit "XB": use KiB, MiB, GiB or TiB (a bare number is MiB)');
    assertEquals(await page.getAttribute("#wiz-memory", "aria-invalid"), "true");
    assertMatch(
      await page.getAttribute("#wiz-memory", "aria-describedby") ?? "",
      /wiz-memory-error/,
    );
    assert(await next(page).isDisabled(), "Next is disabled while memory does not read");
    await page.fill("#wiz-memory", "1.5 GiB");
    await page.locator("#wiz-memory-error").waitFor({ state: "detached" });
    assertEquals(await page.getAttribute("#wiz-memory", "aria-invalid"), "false");
    await page.fill("#wiz-disk-size", "1.5");
    await seeError(page, "Disk size must be a whole number of GiB: 1.5 is 1.5 GiB");
    await page.fill("#wiz-memory", "999999");
    await seeError(page, "Memory exceeds available host memory (requested: 976.6 GiB");
    assert(await next(page).isDisabled(), "Next is disabled while memory is too big");
    await page.fill("#wiz-cpus", "16");
    await page.getByText("CPU count exceeds host capacity (requested: 16, available: 8)")
      .waitFor();
    await page.fill("#wiz-cpus", "2");
    await page.fill("#wiz-memory", "1024");
    // More than the pool's free space: refused, with the way out; allowed, a warning says the
    // risk and Next goes on; the box goes when the size fits again and was not ticked.
    const overcommit = page.getByLabel(
      "Allow over-commit (a thin disk larger than the pool's free space)",
    );
    await page.fill("#wiz-disk-size", "500 GiB");
    await seeError(page, "allow over-commit to make a thin disk larger than the free space");
    assert(await next(page).isDisabled(), "Next is disabled while the disk does not fit");
    await overcommit.check();
    await page.locator("#wiz-disk-size-error").waitFor({ state: "detached" });
    await page.getByText(
      /^Over-committed: the disk may grow to 500 GiB, the pool has [\d.]+ GiB free\./,
    )
      .waitFor();
    await page.locator(`button:text-is("Next"):enabled`).waitFor();
    await overcommit.uncheck();
    await page.fill("#wiz-disk-size", "5 GiB");
    await overcommit.waitFor({ state: "detached" });
    await page.locator("#wiz-disk-size-error").waitFor({ state: "detached" });
    assertMatch(await page.textContent("#wiz-pool-hint") ?? "", /free of 100 GiB/);
    await next(page).click();

    // Step 4: network; cloud-init is off on the demo driver, and says why.
    assertEquals(await page.inputValue("#wiz-network"), "default");
    await page.getByText(
      "Cloud-init needs a real libvirt host; the demo driver cannot write the seed.",
    ).waitFor();
    assert(await page.locator("#wiz-user").isDisabled(), "cloud-init fields are disabled");
    await next(page).click();

    // Step 5: review, the host's verdict, then create with a template saved on the way.
    await page.getByText("The host accepts this configuration.").waitFor();
    assertEquals(await page.textContent('[data-summary="name"]'), "wiz-vm");
    assertEquals(await page.textContent('[data-summary="memory"]'), "1 GiB");
    assertMatch(await page.textContent(".summary") ?? "", /5 GiB qcow2 on default/);
    assertMatch(await page.textContent(".summary") ?? "", new RegExp(`\\(${variantId}\\)`));
    await page.getByLabel("Save as template…").check();
    await page.fill("#wiz-template-name", "wiz-template");
    await page.getByLabel("Autostart (start with the host)").check();
    // The progress list is gone after navigation: note every step it shows, in this tab.
    await page.evaluate(() => {
      new MutationObserver(() => {
        const steps = [...document.querySelectorAll(".create-progress li")].map((li) =>
          li.textContent
        );
        sessionStorage.setItem("steps", JSON.stringify(steps));
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.waitForURL(UUID_PAGE, { timeout: 15_000 });
    await page.locator("h1", { hasText: "wiz-vm" }).waitFor();
    const steps = JSON.parse(await page.evaluate(() => sessionStorage.getItem("steps")) ?? "[]");
    assertMatch(steps.join("|"), /Checking the configuration/);
    assertMatch(await page.textContent("body") ?? "", /made by the wizard test/);

    // The new VM is in the list, and its link opens it.
    await page.goto(`${server.url}/vms`);
    const link = page.getByRole("link", { name: "wiz-vm", exact: true });
    await link.click();
    await page.waitForURL(UUID_PAGE);
    await page.locator("h1", { hasText: "wiz-vm" }).waitFor();

    // The saved template starts a prefilled wizard; its OS is named, its id under the name.
    await page.goto(`${server.url}/templates`);
    const row = page.locator("tr", { hasText: "wiz-template" });
    const osCell = await row.locator("td").nth(1).innerText();
    assertEquals(osCell.split("\n").map((l) => l.trim()).filter(Boolean), [
      osName(variantId) ?? variantId,
      ...(osName(variantId) ? [variantId] : []),
    ]);
    assertMatch(await row.textContent() ?? "", /5 GiB/);
    await row.getByRole("link", { name: "Create VM from wiz-template" }).click();
    await page.waitForURL(/\/vms\/new\?template=/);
    await waitHydrated(page);
    assertEquals(
      await page.locator("#wiz-template option:checked").textContent(),
      "wiz-template",
    );
    assertEquals(await page.inputValue("#wiz-description"), "made by the wizard test");
    await page.fill("#wiz-name", "wiz-vm");
    await seeError(page, "VM name already exists: wiz-vm");
    await page.fill("#wiz-name", "wiz-vm2");
    await next(page).click();
    assertEquals(await page.textContent(".variant-chosen strong"), variantName);
    await next(page).click();
    assertEquals(await page.inputValue("#wiz-cpus"), "2");
    assertEquals(await page.inputValue("#wiz-memory"), "1 GiB");
    assertEquals(await page.inputValue("#wiz-disk-size"), "5 GiB");
  });
});

Deno.test("wizard browser - templates page: create, refuse a duplicate, from a VM, edit, delete", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/templates`);
    await page.getByRole("link", { name: "Templates" }).first().waitFor();
    await page.getByText("No templates yet.").waitFor();

    const newTemplate = async (name: string) => {
      await page.getByRole("button", { name: "New template" }).click();
      const form = page.getByRole("form", { name: "New template" });
      await form.getByLabel("Template name").fill(name);
      await form.getByLabel("Description").fill("small and quiet");
      await form.getByLabel("vCPUs").fill("1");
      await form.getByLabel("Memory", { exact: true }).fill("512");
      await form.getByLabel("Disk size", { exact: true }).fill("2 GiB");
      await form.getByLabel("OS type").selectOption("other");
      await form.getByRole("button", { name: "Create template" }).click();
      return form;
    };
    await newTemplate("tiny");
    const tiny = page.locator("tr", { hasText: "tiny" });
    await tiny.waitFor();
    assertMatch(await tiny.textContent() ?? "", /512 MiB/);

    // The API's refusal, word for word, on the field it is about until that field changes.
    const again = await newTemplate("tiny");
    await again.getByRole("alert").filter({ hasText: "Template name already exists: tiny" })
      .waitFor();
    const name = again.getByLabel("Template name");
    assertEquals(await name.getAttribute("aria-invalid"), "true");
    assertEquals(
      await again.locator(`#${await name.getAttribute("aria-describedby")}`).textContent(),
      "Template name already exists: tiny",
    );
    await name.fill("tiny-2");
    await again.getByRole("alert").waitFor({ state: "detached" });
    assertEquals(await name.getAttribute("aria-invalid"), "false");
    // A name the rule refuses is said on the field before any request.
    await name.fill(".hidden");
    await again.getByRole("alert").filter({ hasText: "Invalid template name: use 1-64" }).waitFor();
    assert(
      await again.getByRole("button", { name: "Create template" }).isDisabled(),
      "no save with a bad name",
    );
    await again.getByRole("button", { name: "Cancel" }).click();

    // From the "db" VM of the test node (4 vCPUs, 4 GiB).
    await page.getByRole("button", { name: "Template from a VM" }).click();
    const fromVm = page.getByRole("form", { name: "Template from a VM" });
    await fromVm.locator("#tpl-vm option", { hasText: "db" }).waitFor({ state: "attached" });
    await fromVm.getByLabel("VM").selectOption({ label: "db" });
    await fromVm.getByLabel("Template name").fill("from-db");
    await fromVm.getByRole("button", { name: "Create template" }).click();
    const fromDb = page.locator("tr", { hasText: "from-db" });
    await fromDb.waitFor();
    assertMatch(await fromDb.textContent() ?? "", /4 GiB/);

    // Edit: name, description and resources.
    await tiny.getByRole("button", { name: "Edit tiny" }).click();
    const edit = page.getByRole("form", { name: "Edit template" });
    assertEquals(await edit.getByLabel("Memory", { exact: true }).inputValue(), "512 MiB");
    await edit.getByLabel("Memory", { exact: true }).fill("64");
    await edit.getByRole("alert").filter({
      hasText: "Invalid memory size: 64 MiB (minimum 128 MiB)",
    })
      .waitFor();
    await edit.getByLabel("Memory", { exact: true }).fill("0.75 G");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await page.locator("tr", { hasText: "tiny" }).filter({ hasText: "768 MiB" }).waitFor();
    // The form's own OS type, named as a person says it.
    assertMatch(await tiny.locator("td").nth(1).innerText(), /^Other OS$/);

    // Delete, after confirming.
    await tiny.getByRole("button", { name: "Delete tiny" }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Delete" }).click();
    await tiny.waitFor({ state: "detached" });
    assertEquals(await page.locator("tr", { hasText: "from-db" }).count(), 1);

    // A wizard started from the VM's template has its resources.
    await fromDb.getByRole("link", { name: "Create VM from from-db" }).click();
    await waitHydrated(page);
    await page.fill("#wiz-name", "db-copy");
    await page.getByRole("button", { name: "Resources" }).click();
    assertEquals(await page.inputValue("#wiz-cpus"), "4");
    assertEquals(await page.inputValue("#wiz-memory"), "4 GiB");
  });
});

Deno.test("wizard browser - a name taken meanwhile is refused with the API's words", async () => {
  await withDemoServer(async (page, server) => {
    await page.goto(`${server.url}/vms/new`);
    await waitHydrated(page);
    await page.fill("#wiz-name", "race");
    // Every other step is valid by default, so the review step can be opened at once.
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByText("The host accepts this configuration.").waitFor();

    // Someone else takes the name after the wizard's last check.
    const res = await fetch(`${server.url}/api/vms`, {
      method: "POST",
      headers: { "content-type": "application/json", ...adminHeaders(server) },
      body: JSON.stringify({
        name: "race",
        cpuCount: 1,
        memoryMb: 512,
        diskSizeGb: 1,
        osType: "linux",
        network: "",
        diskFormat: "qcow2",
        bootMenu: false,
      }),
    });
    assertEquals(res.status, 201, await res.text());

    await page.getByRole("button", { name: "Create VM" }).click();
    const failure = page.locator(".create-progress .notice-error");
    await failure.waitFor();
    assertEquals(await failure.textContent(), "VM name already exists: race");
    assert(await page.getByRole("button", { name: "Create VM" }).isDisabled(), "no retry as is");
    // The refusal points back at the field, which shows it too.
    await page.getByRole("button", { name: "Change in Basics" }).click();
    await seeError(page, "VM name already exists: race");
    await page.fill("#wiz-name", "race2");
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByRole("button", { name: "Create VM" }).click();
    await page.waitForURL(UUID_PAGE, { timeout: 15_000 });
    await page.locator("h1", { hasText: "race2" }).waitFor();
  });
});
