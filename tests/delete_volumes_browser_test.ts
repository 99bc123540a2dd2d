// Browser tier for deleting VMs with their disks listed, on the demo: the VM page's dialog and
// the batch Delete list every disk with its own checkbox — the VM's own ticked; an ISO, a disk
// another VM uses, a base of linked clones unticked and marked with why — and the API deletes
// exactly the ticked ones. The test driver keeps a volume's backing store as given.

import type { Page } from "playwright-core";
import type { Server } from "../main.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders, vmId, withDemoServer } from "./support/browser_helpers.ts";

const POOL = "/var/lib/kvmm-testdriver/vmdisks";
const at = (name: string) => `${POOL}/${name}`;

const volume = (name: string, backing = "") =>
  `<volume><name>${name}</name><capacity unit='GiB'>1</capacity>
    <target><path>${at(name)}</path><format type='${
    name.endsWith(".iso") ? "raw" : "qcow2"
  }'/></target>${
    backing ? `<backingStore><path>${at(backing)}</path><format type='qcow2'/></backingStore>` : ""
  }</volume>`;

function domain(name: string, uuid: string, disks: [string, string, string][]): string {
  const devices = disks.map(([file, dev, device]) =>
    `<disk type='file' device='${device}'><source file='${at(file)}'/>
      <target dev='${dev}' bus='${device === "cdrom" ? "sata" : "virtio"}'/></disk>`
  ).join("");
  return `<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>${name}</name><uuid>${uuid}</uuid><memory unit='MiB'>256</memory><vcpu>1</vcpu>
    <os><type arch='x86_64'>hvm</type></os><devices>${devices}</devices>
    <test:runstate>5</test:runstate></domain>`;
}

// victim: its own disk, one shared with neighbour, the base of neighbour's overlay, an ISO.
// other: its own disk and the same ISO.
const EXTRA = [
  `<pool type='dir'><name>vmdisks</name><uuid>7b000000-0000-4000-8000-000000000001</uuid>
    <capacity unit='GiB'>50</capacity><allocation unit='GiB'>1</allocation>
    <available unit='GiB'>49</available><target><path>${POOL}</path></target>`,
  ...["victim.qcow2", "shared.qcow2", "base.qcow2", "install.iso", "other.qcow2"].map((n) =>
    volume(n)
  ),
  volume("overlay.qcow2", "base.qcow2"),
  "</pool>",
  domain("victim", "7b000000-0000-4000-8000-000000000011", [
    ["victim.qcow2", "vda", "disk"],
    ["shared.qcow2", "vdb", "disk"],
    ["base.qcow2", "vdc", "disk"],
    ["install.iso", "sda", "cdrom"],
  ]),
  domain("neighbour", "7b000000-0000-4000-8000-000000000012", [
    ["shared.qcow2", "vda", "disk"],
    ["overlay.qcow2", "vdb", "disk"],
  ]),
  domain("other", "7b000000-0000-4000-8000-000000000013", [
    ["other.qcow2", "vda", "disk"],
    ["install.iso", "sda", "cdrom"],
  ]),
].join("\n");

/** The names of the pool's volumes still there, sorted. */
async function volumes(server: Server): Promise<string[]> {
  const res = await fetch(`${server.url}/api/pools/vmdisks/volumes`, {
    headers: adminHeaders(server),
  });
  assertEquals(res.status, 200);
  return ((await res.json()) as { name: string }[]).map((v) => v.name).sort();
}

/** Each listed disk as target → [mark, ticked, enabled] in `scope`. */
async function listed(page: Page, scope: string) {
  const rows = page.locator(`${scope} .delete-volumes li`);
  const out: Record<string, [string, boolean, boolean]> = {};
  for (let i = 0; i < await rows.count(); i++) {
    const row = rows.nth(i);
    const box = row.locator("input[type=checkbox]");
    out[(await row.getAttribute("data-target"))!] = [
      (await row.getAttribute("data-keep"))!,
      await box.isChecked(),
      await box.isEnabled(),
    ];
  }
  return out;
}

Deno.test("delete volumes browser - the VM page's dialog lists each disk; exactly the ticked ones go", async () => {
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/vms/${await vmId(server, "victim")}`);
      await page.getByRole("toolbar", { name: "VM actions" })
        .getByRole("button", { name: "Delete", exact: true }).and(page.locator(":enabled")).click();
      const dialog = page.getByRole("dialog", { name: "Delete VM" });
      await dialog.locator(".delete-volumes").waitFor();
      assertEquals(await listed(page, "dialog[open]"), {
        vda: ["own", true, true],
        vdb: ["shared", false, true],
        vdc: ["base", false, false],
        sda: ["iso", false, true],
      });
      const text = await dialog.textContent() ?? "";
      for (const reason of ["also used by neighbour", "the base of linked clones overlay.qcow2"]) {
        assert(text.includes(reason), `the dialog says "${reason}"`);
      }
      // The ISO is chosen as well; the request names exactly the two.
      await dialog.locator("li[data-target=sda] input").check();
      const sent = page.waitForRequest((r) => r.method() === "DELETE");
      await dialog.getByRole("button", { name: "Delete", exact: true }).click();
      assertEquals((await sent).postDataJSON(), {
        volumes: [at("victim.qcow2"), at("install.iso")],
      });
      await page.waitForURL(`${server.url}/vms`);
      assertEquals(
        await volumes(server),
        ["base.qcow2", "other.qcow2", "overlay.qcow2", "shared.qcow2"],
      );
    },
    undefined,
    { nodeDevices: EXTRA },
  );
});

Deno.test("delete volumes browser - the batch Delete says per VM which disks go", async () => {
  await withDemoServer(
    async (page, server) => {
      await page.goto(`${server.url}/vms`);
      await page.locator("input[aria-label='Select victim']:not([disabled])").waitFor();
      await page.getByLabel("Select victim").check();
      await page.getByLabel("Select other").check();
      const bar = page.getByRole("region", { name: "Batch actions" });
      await bar.getByRole("button", { name: "Delete…" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete VMs" });
      await dialog.locator("[data-vm-name=victim] .delete-volumes").waitFor();
      await dialog.locator("[data-vm-name=other] .delete-volumes").waitFor();
      assertEquals(await listed(page, "[data-vm-name=victim]"), {
        vda: ["own", true, true],
        vdb: ["shared", false, true],
        vdc: ["base", false, false],
        sda: ["iso", false, true],
      });
      assertEquals(await listed(page, "[data-vm-name=other]"), {
        vda: ["own", true, true],
        sda: ["iso", false, true],
      });
      const summary = (vm: string) =>
        dialog.locator(`[data-vm-name=${vm}] .batch-delete-summary`).textContent();
      assertEquals(await summary("victim"), "Deletes 1 disk image");
      // Other's own disk is kept: its line says so.
      await dialog.locator("[data-vm-name=other] li[data-target=vda] input").uncheck();
      assertEquals(await summary("other"), "Keeps every disk image");
      await dialog.getByRole("button", { name: "Delete 2 VMs" }).click();
      const results = bar.locator(".batch-results");
      await results.waitFor();
      assertEquals(
        (await results.locator("p").textContent())?.trim(),
        "Delete: 2 succeeded, 0 failed.",
      );
      assertEquals(
        await volumes(server),
        ["base.qcow2", "install.iso", "other.qcow2", "overlay.qcow2", "shared.qcow2"],
      );
    },
    undefined,
    { nodeDevices: EXTRA },
  );
});
