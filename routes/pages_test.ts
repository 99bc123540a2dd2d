// Page rendering tests against stub services (tests/harness/page_fixtures.ts), no libvirt.

import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import type { AppContext } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import type { ConnectionStatus, HostInfo } from "../shared/host.ts";
import type { NetworkInfo } from "../shared/networks.ts";
import type { PoolInfo, VolumeInfo } from "../shared/storage.ts";
import type { VmTemplate } from "../shared/templates.ts";
import type { CreateOptions, Vm, VmSummary } from "../shared/vms.ts";
import { stubMonitoring } from "../tests/harness/monitoring_stub.ts";
import {
  SAMPLE_HOST,
  samplePool,
  sampleVm,
  stubPageContext,
} from "../tests/harness/page_fixtures.ts";
import { pageRoutes } from "./pages.tsx";

const vm = sampleVm;

const VMS: Vm[] = [
  vm({}),
  vm({ id: "00000000-0000-0000-0000-000000000002", name: "db", state: "stopped" }),
  vm({ id: "00000000-0000-0000-0000-000000000003", name: "headless", graphics: [] }),
];

const HOST: HostInfo = SAMPLE_HOST;

const OPTIONS: CreateOptions = {
  hostCpus: 8,
  hostMemoryMb: 16384,
  maxMemoryMb: 14745,
  pools: [{
    name: "default",
    active: true,
    capacityBytes: 100 * 1024 ** 3,
    allocationBytes: 1024 ** 3,
    availableBytes: 99 * 1024 ** 3,
    path: "/var/lib/libvirt/images",
  }],
  networks: [{ name: "default", active: true }],
  isos: [],
  driverIsos: [],
  osVariants: [{
    id: "debian12",
    osinfoId: "http://debian.org/debian/12",
    name: "Debian 12",
    osType: "linux",
    family: "linux",
    minimumMemoryMb: 1024,
    recommendedMemoryMb: 2048,
    minimumCpus: 1,
    recommendedCpus: 2,
    minimumDiskGb: 10,
    recommendedDiskGb: 20,
    releaseDate: "2023-06-10",
    supported: true,
  }],
  uefiAvailable: false,
  secureBootAvailable: false,
  tpmAvailable: false,
  kvmAvailable: true,
  hypervAvailable: true,
  kvmReason: null,
  cloudInitAvailable: false,
  existingNames: ["web", "db", "headless"],
};

const TEMPLATES: VmTemplate[] = [{
  id: "7e1f0c2a-0000-4000-8000-000000000001",
  name: "small <linux>",
  description: "1 CPU & 1 GB",
  config: {
    cpuCount: 1,
    memoryMb: 1024,
    diskSizeGb: 10,
    osType: "linux",
    osVariant: "debian12",
    network: "default",
    diskFormat: "qcow2",
    bootMenu: false,
  },
  createdAt: 1,
  updatedAt: 1,
}];

const POOLS: PoolInfo[] = [
  samplePool(),
  samplePool({
    name: "nfs <share>",
    uuid: "5f0c6a1e-0000-4000-8000-000000000002",
    type: "netfs",
    active: false,
    autostart: false,
    capacityBytes: 0,
    allocationBytes: 0,
    availableBytes: 0,
    path: "/mnt/vms",
    source: { host: "nas.example", dir: "/export/vms", devices: [], name: null },
    volumeCount: null,
  }),
];

const VOLUMES: VolumeInfo[] = [{
  pool: "default",
  name: "web.qcow2",
  path: "/var/lib/libvirt/images/web.qcow2",
  capacityBytes: 10 * 1024 ** 3,
  allocationBytes: 2 * 1024 ** 3,
  format: "qcow2",
  backingPath: null,
}];

const NETWORKS: NetworkInfo[] = [{
  name: "lab",
  uuid: "9a1b2c3d-0000-4000-8000-000000000001",
  active: true,
  mode: "isolated",
  autostart: false,
  persistent: true,
  bridge: "virbr7",
  openvswitch: false,
  hostInterface: null,
  macvtapMode: null,
  carriesVlans: false,
  portgroups: [],
  ipv4: {
    address: "192.168.213.1",
    prefix: 24,
    subnet: "192.168.213.0/24",
    dhcp: { start: "192.168.213.2", end: "192.168.213.254" },
    ranges: [{ start: "192.168.213.2", end: "192.168.213.254" }],
    hosts: [{ mac: "52:54:00:aa:bb:01", ip: "192.168.213.10", name: "web" }],
  },
  portForwardCount: 0,
}];

function stubCtx(
  { demo = false, connection = {}, libvirtDown = false, activeAlerts = 0 }: {
    demo?: boolean;
    connection?: Partial<ConnectionStatus>;
    libvirtDown?: boolean;
    activeAlerts?: number;
  } = {},
): AppContext {
  const find = (id: string) => {
    const found = VMS.find((v) => v.id === id);
    if (!found) throw new AppError("VM_NOT_FOUND", `VM not found: ${id}`);
    return found;
  };
  const kvm = {
    listVms: () =>
      Promise.resolve(VMS.map(({ id, name, state, cpuCount, memoryMb }): VmSummary => ({
        id,
        name,
        state,
        cpuCount,
        memoryMb,
      }))),
    getVm: (id: string) => Promise.resolve().then(() => find(id)),
    hostInfo: () => Promise.resolve(HOST),
    hostCheck: () => Promise.resolve(HOST_CHECK),
    createOptions: () =>
      libvirtDown
        ? Promise.reject(new AppError("LIBVIRT_UNAVAILABLE", "libvirtd is not running"))
        : Promise.resolve(OPTIONS),
  };
  const templates = { list: () => TEMPLATES };
  const down = () => Promise.reject(new AppError("LIBVIRT_UNAVAILABLE", "libvirtd is not running"));
  const named = <T extends { name: string }>(list: T[], what: string) => (name: string) =>
    libvirtDown ? down() : Promise.resolve().then(() => {
      const found = list.find((x) => x.name === name);
      if (!found) throw new AppError("NOT_FOUND", `${what} not found: ${name}`);
      return found;
    });
  const pools = {
    list: () => libvirtDown ? down() : Promise.resolve(POOLS),
    get: named(POOLS, "Storage pool"),
    detail: (name: string) =>
      named(POOLS, "Storage pool")(name).then((p) => ({ ...p, vanishedVolumes: [] })),
  };
  const volumes = {
    list: (pool: string) => Promise.resolve(VOLUMES.filter((v) => v.pool === pool)),
  };
  const networks = {
    list: () => libvirtDown ? down() : Promise.resolve(NETWORKS),
    get: named(NETWORKS, "Network"),
  };
  return stubPageContext({
    kvm,
    demo,
    connection,
    events: {},
    templates,
    pools,
    volumes,
    networks,
    monitoring: stubMonitoring({ activeAlerts }),
  });
}

async function get(path: string, ctx = stubCtx()) {
  const res = await pageRoutes(ctx).request(`http://localhost${path}`);
  return { status: res.status, type: res.headers.get("content-type"), html: await res.text() };
}

/** A host whose KVM cannot run guests: the dashboard's card says so and what to do. */
const HOST_CHECK = {
  kvmUsable: false,
  kvmReason: "Hardware virtualisation: none",
  local: true,
  items: [{
    id: "cpu-virt",
    status: "fail",
    title: "Hardware virtualisation",
    detail: "none",
    fix: "Turn it on in the firmware.",
  }],
};

Deno.test("pages - dashboard shows host, counts and connection", async () => {
  const { status, type, html } = await get("/");
  assertEquals(status, 200);
  assertMatch(type!, /text\/html/);
  assertMatch(html, /^<!DOCTYPE html>/);
  assertMatch(html, /kvm-host-1/);
  assertMatch(html, /8 cores, 16 threads/);
  assertMatch(html, /href="\/vms\?state=running"[^>]*>.*?Running<\/span><span class="count">2</);
  assertMatch(html, /href="\/vms\?state=stopped"[^>]*>.*?Stopped<\/span><span class="count">1</);
  assertMatch(html, /Connected/);
  assert(!html.includes("Demo mode"), "no demo banner outside demo mode");
  const text = html.replace(/<[^>]+>/g, "");
  assertMatch(text, /New VMs run in software emulation, much slower than KVM: see below\./);
  assertMatch(text, /Fail Hardware virtualisation: noneTurn it on in the firmware\./);
});

Deno.test("pages - demo mode shows the yellow banner", async () => {
  const { html } = await get("/", stubCtx({ demo: true }));
  assertMatch(html, /class="banner banner-demo"/);
  // The URI sits in its own element, which a phone leaves out.
  assertMatch(
    html.replace(/<[^>]+>/g, ""),
    /Demo mode: connected to libvirt's test driver \(test:\/\/\/default\) — no real VMs/,
  );
});

Deno.test("pages - a lost connection shows the red banner with the error", async () => {
  const ctx = stubCtx({ connection: { connected: false, error: "libvirtd is not running" } });
  const { html } = await get("/vms", ctx);
  assertMatch(html, /class="banner banner-error" role="alert"/);
  assertMatch(html, /libvirtd is not running/);
});

Deno.test("pages - VM list renders rows, badges and the island", async () => {
  const { status, html } = await get("/vms");
  assertEquals(status, 200);
  assertMatch(html, /<a href="\/vms\/00000000-0000-0000-0000-000000000001"[^>]*>web<\/a>/);
  assertMatch(html, /<span class="badge badge-stopped">Stopped<\/span>/);
  assertMatch(html, /<span class="badge badge-running">Running<\/span>/);
  assertMatch(html, /1 GiB/);
  assertMatch(html, /data-island="VmList"/);
  assertMatch(html, /<script type="module" src="\/static\/build\/vms.js">/);
});

Deno.test("pages - VM list honours the no-JS filter form", async () => {
  const { html } = await get("/vms?state=stopped");
  assertMatch(html, />db<\/a>/);
  assert(!html.includes(">web</a>"), "running VM filtered out");
  assertMatch(html, /1 of 3 VMs/);
});

Deno.test("pages - VM details show configuration, disks, NICs and graphics", async () => {
  const { status, html } = await get("/vms/00000000-0000-0000-0000-000000000001");
  assertEquals(status, 200);
  assertMatch(html, /<h1>web<\/h1>/);
  assertMatch(html, /badge-running/);
  assertMatch(html, /pc-q35-8.2/);
  // Disks, NICs and graphics are on the Hardware tab.
  const hardware = (await get("/vms/00000000-0000-0000-0000-000000000001/hardware")).html;
  assertMatch(hardware, /\/var\/lib\/libvirt\/images\/web.qcow2/);
  assertMatch(hardware, /10 GiB/);
  assertMatch(hardware, /52:54:00:aa:bb:cc/);
  assertMatch(hardware, /<td>VNC<\/td>/);
  assertMatch(html, /data-island="VmActions"/);
  assertMatch(html, /data-island="VmGraphs"/);
  assertMatch(html, /\/static\/build\/uPlot.min.css/);
  // The graphs re-read live every collector tick; insights load in the browser.
  assertEquals(islandProps(html, "VmGraphs").tickSeconds, 5);
  assertEquals(islandProps(html, "Insights"), {
    vmId: "00000000-0000-0000-0000-000000000001",
    range: "24h",
    report: null,
  });
  assertMatch(html, /Disk images to delete with it:/);
});

/** The JSON props of island `name` as the browser's hydrate() will read them. */
function islandProps(html: string, name: string): Record<string, any> {
  const raw = new RegExp(`data-island="${name}" data-props="([^"]*)"`).exec(html)?.[1];
  assert(raw, `${name} props present`);
  return JSON.parse(
    raw.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">")
      .replaceAll("&#39;", "'").replaceAll("&amp;", "&"),
  );
}

Deno.test("pages - props survive the data-props attribute", async () => {
  const { html } = await get("/vms/00000000-0000-0000-0000-000000000001");
  const props = islandProps(html, "VmActions");
  assertEquals(props, {
    id: "00000000-0000-0000-0000-000000000001",
    name: "web",
    state: "running",
    hasVnc: true,
  });
});

Deno.test("pages - an unknown VM is a 404 page with the API's message", async () => {
  for (const path of ["/vms/nope", "/vms/nope/console"]) {
    const { status, html } = await get(path);
    assertEquals(status, 404);
    assertMatch(html, /VM not found: nope/);
    assertMatch(html, /<h1>Not found<\/h1>/);
  }
});

Deno.test("pages - console of a running VNC VM mounts noVNC", async () => {
  const { status, html } = await get("/vms/00000000-0000-0000-0000-000000000001/console");
  assertEquals(status, 200);
  assertMatch(html, /id="vnc-screen"/);
  assertMatch(html, /Send key/);
  assertMatch(html, /\/static\/build\/vm_console.js/);
});

Deno.test("pages - console of a stopped VM explains instead", async () => {
  const { html } = await get("/vms/00000000-0000-0000-0000-000000000002/console");
  assertMatch(html, /The VM is not running — start it to use the console\./);
  assert(!html.includes("vnc-screen"), "no console for a stopped VM");
});

Deno.test("pages - console of a VM without VNC explains instead", async () => {
  const { html } = await get("/vms/00000000-0000-0000-0000-000000000003/console");
  assertMatch(html, /This VM has no VNC or SPICE display configured\./);
});

Deno.test("pages - the VM list has a New VM button and the nav a Templates link", async () => {
  const { html } = await get("/vms");
  // needs-admin: static/auth.css hides it from operators and viewers.
  assertMatch(html, /<a class="button button-primary needs-admin" href="\/vms\/new">New VM<\/a>/);
  assertMatch(html, /<a class="nav-link" href="\/templates">Templates<\/a>/);
  // Forms and buttons are the kit's (kit.css in base.css, on every page); wizard.css is the
  // wizard's alone.
  assertMatch(html, /href="\/static\/base.css"/);
  assert(!html.includes("/static/wizard.css"), "no wizard.css outside the wizard");
});

Deno.test("pages - /vms/new renders the wizard island with the create options as props", async () => {
  const { status, html } = await get("/vms/new");
  assertEquals(status, 200);
  assertMatch(html, /<h1>New virtual machine<\/h1>/);
  assertMatch(html, /<script type="module" src="\/static\/build\/vm_new.js">/);
  assertMatch(html, /href="\/static\/wizard.css"/);
  // Server-rendered first step: the name field and the template picker.
  assertMatch(html, /<label for="wiz-name">Name<\/label>/);
  assertMatch(html, /Start from template/);
  const props = islandProps(html, "CreateVmWizard");
  assertEquals(props.templateId, "");
  assertEquals(props.options.hostCpus, 8);
  assertEquals(props.options.maxMemoryMb, 14745);
  assertEquals(props.options.existingNames, ["web", "db", "headless"]);
  assertEquals(props.options.cloudInitAvailable, false);
  // The osinfo variants are slimmed to what the picker shows.
  assertEquals(props.options.osVariants, [{
    id: "debian12",
    name: "Debian 12",
    aliases: "",
    osType: "linux",
    supported: true,
    cpus: 2,
    memoryMb: 2048,
    diskGb: 20,
  }]);
  assertEquals(props.templates.map((t: VmTemplate) => t.name), ["small <linux>"]);
  assert(!html.includes("Template not found"), "no notice without ?template=");
});

Deno.test("pages - /vms/new?template=ID preselects the template", async () => {
  const id = TEMPLATES[0].id;
  const { status, html } = await get(`/vms/new?template=${id}`);
  assertEquals(status, 200);
  assertEquals(islandProps(html, "CreateVmWizard").templateId, id);
  assertMatch(html, new RegExp(`<option selected value="${id}">small &lt;linux></option>`));
});

Deno.test("pages - /vms/new with an unknown template says so and opens a blank wizard", async () => {
  const { status, html } = await get("/vms/new?template=nope");
  assertEquals(status, 200);
  assertMatch(html, /role="alert">Template not found: nope<\/p>/);
  assertEquals(islandProps(html, "CreateVmWizard").templateId, "");
});

Deno.test("pages - /vms/new without libvirt is an error page with the API's words", async () => {
  const { status, html } = await get("/vms/new", stubCtx({ libvirtDown: true }));
  assertEquals(status, 503);
  assertMatch(html, /libvirtd is not running/);
  assert(!html.includes("data-island"), "no wizard without its options");
});

Deno.test("pages - /templates lists the templates in the island", async () => {
  const { status, html } = await get("/templates");
  assertEquals(status, 200);
  assertMatch(html, /<h1>Templates<\/h1>/);
  assertMatch(html, /<a class="nav-link" href="\/templates" aria-current="page">Templates<\/a>/);
  assertMatch(html, /<script type="module" src="\/static\/build\/templates.js">/);
  assertMatch(html, /<strong>small &lt;linux><\/strong>/);
  assertMatch(html, /href="\/vms\/new\?template=7e1f0c2a-0000-4000-8000-000000000001"/);
  const props = islandProps(html, "TemplateList");
  assertEquals(props.networks, ["default"]);
  assertEquals(props.templates[0].description, "1 CPU & 1 GB");
});

Deno.test("pages - /templates without libvirt still lists the templates", async () => {
  const { status, html } = await get("/templates", stubCtx({ libvirtDown: true }));
  assertEquals(status, 200);
  assertMatch(html, /libvirtd is not running/);
  assertMatch(html, /<strong>small &lt;linux><\/strong>/);
});

Deno.test("pages - /storage renders the pools table in the island", async () => {
  const { status, html } = await get("/storage");
  assertEquals(status, 200);
  assertMatch(html, /<h1>Storage<\/h1>/);
  assertMatch(html, /<a class="tree-row" href="\/storage" aria-current="page">Storage<\/a>/);
  assertMatch(html, /<a class="tree-row" href="\/networks">Networks<\/a>/);
  assertMatch(html, /<script type="module" src="\/static\/build\/storage.js">/);
  assertMatch(html, /href="\/static\/storage.css"/);
  assert(!html.includes("/static/wizard.css"), "no wizard.css outside the wizard");
  assertMatch(html, /<a class="clip" href="\/storage\/default" title="default">default<\/a>/);
  assertMatch(
    html,
    /<a class="clip" href="\/storage\/nfs%20%3Cshare%3E" title="nfs &lt;share>">nfs &lt;share><\/a>/,
  );
  assertMatch(html, /<span class="badge badge-running">Active<\/span>/);
  assertMatch(html, /<span class="badge badge-stopped">Inactive<\/span>/);
  // Capacity, then Allocation (left to the pool's page at 1280 px and below).
  assertMatch(
    html,
    /<td class="num hide-1024">100 GiB<\/td><td class="num hide-1280">25 GiB<\/td>/,
  );
  assertMatch(html, /aria-label="Usage of default">25%<\/meter>/);
  assertMatch(html, /aria-label="Autostart default"/);
  const props = islandProps(html, "PoolList");
  assertEquals(props.pools.map((p: PoolInfo) => p.name), ["default", "nfs <share>"]);
  assertEquals(props.error, null);
});

Deno.test("pages - /storage without libvirt shows the error; the island will retry", async () => {
  const { status, html } = await get("/storage", stubCtx({ libvirtDown: true }));
  assertEquals(status, 200);
  assertMatch(html, /role="alert">libvirtd is not running<\/p>/);
  assertEquals(islandProps(html, "PoolList"), { pools: null, error: "libvirtd is not running" });
});

Deno.test("pages - /storage/:pool shows facts, volumes and the upload form", async () => {
  const { status, html } = await get("/storage/default");
  assertEquals(status, 200);
  assertMatch(html, /<title>default · Storage · KVM Manager<\/title>/);
  assertMatch(html, /<a href="\/storage">Storage<\/a> \/ default/);
  assertMatch(html, /<h1>default<\/h1>/);
  assertMatch(html, /<tr data-volume="web.qcow2">/);
  assertMatch(
    html,
    /href="\/api\/pools\/default\/volumes\/web.qcow2\/content" download="web.qcow2"/,
  );
  assertMatch(html, /<label for="upload-file">File<\/label>/);
  assertMatch(html, /\/static\/build\/pool.js/);
  const props = islandProps(html, "VolumeList");
  assertEquals(props.name, "default");
  assertEquals(props.pool.uuid, POOLS[0].uuid);
  assertEquals(props.volumes, VOLUMES);
});

Deno.test("pages - an inactive pool's page says to start it; an unknown one is a 404", async () => {
  const { status, html } = await get("/storage/nfs%20%3Cshare%3E");
  assertEquals(status, 200);
  assertMatch(html, /<h1>nfs &lt;share><\/h1>/);
  assertMatch(html, /The pool is inactive: start it to see its volumes\./);
  // Where the pool's storage comes from is on its Details tab.
  assertMatch((await get("/storage/nfs%20%3Cshare%3E/details")).html, /nas.example:\/export\/vms/);
  assertEquals(islandProps(html, "VolumeList").volumes, null);

  const missing = await get("/storage/nope");
  assertEquals(missing.status, 404);
  assertMatch(missing.html, /Storage pool not found: nope/);
});

Deno.test("pages - /networks renders the networks table in the island", async () => {
  const { status, html } = await get("/networks");
  assertEquals(status, 200);
  assertMatch(html, /<h1>Networks<\/h1>/);
  assertMatch(html, /<a class="tree-row" href="\/networks" aria-current="page">Networks<\/a>/);
  assertMatch(html, /<script type="module" src="\/static\/build\/networks.js">/);
  assertMatch(html, /href="\/static\/storage.css"/);
  assertMatch(html, /<tr data-network="lab">/);
  assertMatch(
    html,
    /<td>192.168.213.0\/24<\/td><td class="clip-cell network-dhcp"><span class="clip" title="192.168.213.2 – 192.168.213.254">192.168.213.2 – 192.168.213.254<\/span><\/td>/,
  );
  assertEquals(islandProps(html, "NetworkList").networks[0].name, "lab");
});

Deno.test("pages - /networks/:net shows facts, DHCP and static hosts; unknown is a 404", async () => {
  const { status, html } = await get("/networks/lab");
  assertEquals(status, 200);
  assertMatch(html, /<title>lab · Networks · KVM Manager<\/title>/);
  assertMatch(html, /<a href="\/networks">Networks<\/a> \/ lab/);
  assertMatch(html, /<h1>lab<\/h1>/);
  assertMatch(html, /<dd>192.168.213.1\/24<\/dd>/);
  // The DHCP range and static hosts are on the DHCP & hosts tab.
  const dhcp = (await get("/networks/lab/dhcp")).html;
  assertMatch(dhcp, /id="dhcp-start"[^>]*value="192.168.213.2"/);
  assertMatch(dhcp, /<tr data-mac="52:54:00:aa:bb:01">/);
  // Not NAT: no port forwards section.
  assert(!html.includes("forwards-title"), "no port forwards on an isolated network");
  assertEquals(islandProps(html, "NetworkDetails").network.name, "lab");

  const missing = await get("/networks/nope");
  assertEquals(missing.status, 404);
  assertMatch(missing.html, /Network not found: nope/);
});

Deno.test("pages - the dashboard draws the host's graphs; the nav counts firing alerts", async () => {
  const { html } = await get("/");
  assertEquals(islandProps(html, "HostGraphs"), { tickSeconds: 5 });
  assertMatch(html, /<script type="module" src="\/static\/build\/dashboard.js">/);
  assertMatch(html, /\/static\/build\/uPlot.min.css/);
  assertMatch(html, /<a class="nav-link" href="\/alerts">Alerts<\/a>/);
  const firing = await get("/vms", stubCtx({ activeAlerts: 2 }));
  assertMatch(
    firing.html,
    /<a class="nav-link" href="\/alerts">Alerts <span class="nav-count">\(2\)<\/span><\/a>/,
  );
});

Deno.test("pages - /alerts mounts its island; /settings renders the retention policy", async () => {
  const alerts = await get("/alerts");
  assertEquals(alerts.status, 200);
  assertMatch(alerts.html, /<a class="nav-link" href="\/alerts" aria-current="page">Alerts<\/a>/);
  assertMatch(alerts.html, /data-island="AlertsView"/);
  assertMatch(alerts.html, /<script type="module" src="\/static\/build\/alerts.js">/);

  const { status, html } = await get("/settings");
  assertEquals(status, 200);
  assertMatch(html, /<a class="nav-link" href="\/settings" aria-current="page">Settings<\/a>/);
  assertMatch(html, /id="retention-rawHours"[^>]*value="24"/);
  assertMatch(html, /id="retention-cleanupHour"[^>]*value="3"/);
  assertMatch(html, /<dd>3 MiB<\/dd>/);
  assertMatch(html, /<dd>1,200 raw, 60 one-minute, 1 one-hour<\/dd>/);
  assertMatch(html, /<dd>5 s<\/dd>/);
});

Deno.test("pages - /insights renders the report without JavaScript; a bad range is 24h", async () => {
  const { status, html } = await get("/insights?range=7d");
  assertEquals(status, 200);
  assertMatch(html, /<a class="nav-link" href="\/insights" aria-current="page">Insights<\/a>/);
  assertMatch(html, /<h2 id="insights-host">Host<\/h2>/);
  assertMatch(
    html,
    /<span class="badge badge-warning">Warning<\/span> vCPUs are overcommitted 3:1/,
  );
  assertMatch(html, /<dt>Host threads<\/dt><dd>16<\/dd>/);
  assertMatch(html, /2 VMs with enough history/);
  assertMatch(html, /aria-pressed="true"[^>]*>7d</);
  assertEquals(islandProps(html, "Insights").range, "7d");
  assertEquals(
    islandProps(await get("/insights?range=1y").then((r) => r.html), "Insights").range,
    "24h",
  );
});
