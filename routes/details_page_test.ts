// A VM's Hardware and Advanced tabs (the settings panels) as the server renders them (stub kvm,
// no libvirt).

import { NO_CLUSTER, stubFeatures } from "../tests/harness/page_fixtures.ts";
import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import type { ConnectionStatus } from "../shared/host.ts";
import type { Vm } from "../shared/vms.ts";
import { stubMonitoring } from "../tests/harness/monitoring_stub.ts";
import { sampleVm } from "../tests/harness/page_fixtures.ts";
import { pageRoutes } from "./pages.tsx";

const vm = (over: Partial<Vm>): Vm =>
  sampleVm({
    autostart: false,
    description: `say "hi" & <bye>`,
    networkInterfaces: [{
      mac: "52:54:00:aa:bb:cc",
      network: "default",
      type: "network",
      model: null,
    }],
    disks: [
      sampleVm({}).disks[0],
      {
        target: "sda",
        device: "cdrom",
        bus: "sata",
        path: null,
        format: null,
        sizeBytes: null,
        allocationBytes: null,
      },
    ],
    graphics: [],
    bootOrder: ["cdrom", "hd"],
    bootMenu: true,
    firmware: "uefi",
    secureBoot: true,
    ...over,
  });

const RUNNING = vm({});
const STOPPED = vm({ id: "00000000-0000-0000-0000-000000000002", name: "db", state: "stopped" });

function stubCtx(): AppContext {
  const kvm = {
    getVm: (id: string) =>
      Promise.resolve().then(() => {
        const found = [RUNNING, STOPPED].find((v) => v.id === id);
        if (!found) throw new AppError("VM_NOT_FOUND", `VM not found: ${id}`);
        return found;
      }),
    connection: (): ConnectionStatus => ({
      connected: true,
      uri: "qemu:///system",
      error: null,
      demo: false,
    }),
  };
  const config = { uri: "qemu:///system", demo: false, listen: { hostname: "127.0.0.1", port: 0 } };
  const hosts = { list: () => [], find: () => undefined };
  return {
    config,
    vms: kvm,
    events: {},
    monitoring: stubMonitoring(),
    hostId: "local",
    hosts,
    features: stubFeatures({ cluster: NO_CLUSTER }),
  } as unknown as AppContext;
}

async function page(id: string, tab = "/hardware"): Promise<string> {
  const res = await pageRoutes(stubCtx()).request(`http://localhost/vms/${id}${tab}`);
  assertEquals(res.status, 200);
  return await res.text();
}

/** The JSON props of island `name` as the browser's hydrate() will read them. */
function islandProps(html: string, name: string): Record<string, unknown> {
  const raw = new RegExp(`data-island="${name}" data-props="([^"]*)"`).exec(html)?.[1];
  assert(raw, `${name} props present`);
  return JSON.parse(
    raw.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">")
      .replaceAll("&#39;", "'").replaceAll("&amp;", "&"),
  );
}

/** The opening tag of the element with this id. */
function tag(html: string, id: string): string {
  const found = new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0];
  assert(found, `element #${id} rendered`);
  return found;
}

Deno.test("details page - hardware, XML and overview islands get the whole VM as props", async () => {
  const html = await page(RUNNING.id);
  assertEquals(islandProps(html, "VmHardware"), { vm: RUNNING });
  assertEquals(islandProps(await page(RUNNING.id, "/advanced"), "VmXml"), { vm: RUNNING });
  const summary = await page(RUNNING.id, "");
  assertEquals(islandProps(summary, "VmOverview"), { vm: RUNNING });
  assertMatch(html, /<script type="module" src="\/static\/build\/vm_hardware.js">/);
  assertMatch(html, /<h2 id="settings-title">Settings<\/h2>/);
  assertMatch(summary, /UEFI, Secure Boot/);
});

Deno.test("details page - a running VM cannot be renamed or cloned", async () => {
  const html = await page(RUNNING.id);
  assertMatch(tag(html, "vm-name"), / disabled/);
  assertMatch(html, /Shut down the VM to rename it\./);
  assertMatch(html, /title="Shut down or pause the VM to clone it"/);
  // The form starts from the VM's values.
  assertMatch(tag(html, "vm-cpus"), /value="2"/);
  assertMatch(tag(html, "vm-memory"), /value="1 GiB"/);
  assertMatch(
    html,
    /<textarea [^>]*id="vm-description"[^>]*>say &quot;hi&quot; &amp; &lt;bye><\/textarea>/,
  );
});

Deno.test("details page - a stopped VM can be renamed and cloned", async () => {
  const html = await page(STOPPED.id);
  assert(!/ disabled/.test(tag(html, "vm-name")), "name field enabled");
  assertMatch(tag(html, "vm-name"), /value="db"/);
  assert(!html.includes("Shut down the VM to rename it."));
  assert(!html.includes("to clone it"), "no clone refusal");
  assertMatch(html, /Clone db/);
});

Deno.test("details page - disks, CD-ROMs, NICs and XML have their actions", async () => {
  const html = await page(RUNNING.id);
  assertMatch(html, /aria-label="Detach vda"/);
  assertMatch(html, /aria-label="Detach sda"/);
  assertMatch(html, />Resize<\/button>/);
  assertMatch(html, />Insert ISO<\/button>/, "the empty CD-ROM offers an ISO");
  assertMatch(html, /\(empty\)/);
  assertMatch(html, /aria-label="Remove 52:54:00:aa:bb:cc"/);
  assertMatch(html, /<summary>Add disk<\/summary>/);
  assertMatch(html, /<summary>Add network interface<\/summary>/);
  assertMatch(
    await page(RUNNING.id, "/advanced"),
    /href="\/api\/vms\/00000000-0000-0000-0000-000000000001\/xml\?download" download="web.xml"/,
  );
  // Boot order: the VM's devices first, ticked, in its order; then the rest unticked.
  const boot = /<ol class="boot-list"[\s\S]*?<\/ol>/.exec(html)?.[0] ?? "";
  const labels = [...boot.matchAll(/aria-label="Move ([^"]+) up"/g)].map((m) => m[1]);
  assertEquals(labels, ["CD-ROM", "Hard disk", "Network (PXE)"]);
  assertEquals([...boot.matchAll(/type="checkbox" checked/g)].length, 2);
});
