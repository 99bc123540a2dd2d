// Real-libvirtd tests of virtual networks through the HTTP API: after each step `virsh` (live
// and config XML) and the host's bridge must agree with what the API said. Isolated networks
// only, on a subnet no route or network of this host uses; no traffic is sent.
// Fails (never skips) without libvirtd on qemu:///system.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import {
  netmaskPrefix,
  parseCidr,
  parseIpv4,
  type Subnet,
  subnetOf,
  subnetsOverlap,
} from "../shared/ipv4.ts";
import {
  infoFields,
  type RealApp,
  removeNetwork,
  run,
  T4_PREFIX,
  virsh,
  virshOrNull,
  withRealApp,
} from "./support/real_app.ts";

/** The subnets the host routes and every libvirt network (active or not) claims. */
async function takenSubnets(): Promise<Subnet[]> {
  const taken: Subnet[] = [];
  for (const line of (await run("ip", "-4", "route", "show", "table", "all")).split("\n")) {
    const dest = line.trim().split(/\s+/)[0];
    if (!dest || dest === "default") continue;
    const [addr, prefix] = dest.includes("/") ? dest.split("/") : [dest, "32"];
    const value = parseIpv4(addr);
    if (value !== null) taken.push(subnetOf(value, Number(prefix)));
  }
  for (const name of (await virsh("net-list", "--all", "--name")).split("\n")) {
    if (!name.trim()) continue;
    const xml = await virsh("net-dumpxml", "--inactive", name.trim());
    for (const m of xml.matchAll(/<ip ([^>]*)>/g)) {
      const address = parseIpv4(/address='([^']+)'/.exec(m[1])?.[1]);
      const prefix = /prefix='(\d+)'/.exec(m[1])?.[1] ??
        netmaskPrefix(/netmask='([^']+)'/.exec(m[1])?.[1] ?? "255.255.255.0");
      if (address !== null) taken.push(subnetOf(address, Number(prefix)));
    }
  }
  return taken;
}

/** `count` free 10.213.N.0/24 subnets (N from 47 up), each as "10.213.N". */
async function freeSubnets(count: number): Promise<string[]> {
  const taken = await takenSubnets();
  const free: string[] = [];
  for (let n = 47; n < 255 && free.length < count; n++) {
    const subnet = parseCidr(`10.213.${n}.0/24`)!;
    if (!taken.some((t) => subnetsOverlap(t, subnet))) free.push(`10.213.${n}`);
  }
  if (free.length < count) throw new Error("not enough free 10.213.N.0/24 subnets on this host");
  return free;
}

/** Removes every kvmm-t4- network a crashed earlier run left behind. */
async function cleanupT4Networks(): Promise<void> {
  for (const name of (await virsh("net-list", "--all", "--name")).split("\n")) {
    if (name.trim().startsWith(T4_PREFIX)) await removeNetwork(name.trim());
  }
}

/** A fresh app; the named networks are removed afterwards, whatever happened. */
async function withNetworks(names: string[], fn: (t: RealApp) => Promise<void>): Promise<void> {
  await withRealApp({}, async (t) => {
    await cleanupT4Networks();
    try {
      await fn(t);
    } finally {
      for (const name of names) await removeNetwork(name);
    }
  });
}

async function netInfo(name: string): Promise<Record<string, string>> {
  return infoFields(await virsh("net-info", name));
}

async function allNetworks(): Promise<string[]> {
  return (await virsh("net-list", "--all", "--name")).split("\n").map((s) => s.trim())
    .filter(Boolean);
}

/** This file's networks (T4_PREFIX*): others on the host come and go without us. */
async function ourNetworks(): Promise<string[]> {
  return (await allNetworks()).filter((n) => n.startsWith(T4_PREFIX));
}

/** The live and the config (--inactive) XML; config alone when the network is stopped. */
async function bothXml(name: string): Promise<{ live: string; config: string }> {
  return {
    live: await virsh("net-dumpxml", name),
    config: await virsh("net-dumpxml", "--inactive", name),
  };
}

const rangesIn = (xml: string) =>
  [...xml.matchAll(/<range start='([^']+)' end='([^']+)'/g)].map((m) => `${m[1]}-${m[2]}`);
const hostsIn = (xml: string) => [...xml.matchAll(/<host [^>]*\/>/g)].map((m) => m[0]);

Deno.test("qemu network - an isolated network's lifecycle, DHCP and hosts, as virsh sees it", async () => {
  const name = `${T4_PREFIX}net`;
  await withNetworks([name], async (t) => {
    const [net] = await freeSubnets(1);
    const N = `/api/networks/${name}`;

    // Create: isolated, started, with a DHCP range.
    let res = await t.call("POST", "/api/networks", {
      name,
      mode: "isolated",
      subnet: `${net}.0/24`,
      dhcp: { start: `${net}.100`, end: `${net}.150` },
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertEquals(
      [res.body.name, res.body.mode, res.body.active, res.body.autostart, res.body.persistent],
      [name, "isolated", true, false, true],
    );
    assertEquals(res.body.ipv4, {
      address: `${net}.1`,
      prefix: 24,
      subnet: `${net}.0/24`,
      dhcp: { start: `${net}.100`, end: `${net}.150` },
      ranges: [{ start: `${net}.100`, end: `${net}.150` }],
      hosts: [],
    });
    const bridge: string = res.body.bridge;
    assertMatch(bridge ?? "", /^virbr\d+$/);
    assert(
      t.events.some((e) => e.type === "network-changed" && e.network === name),
      "create announced network-changed",
    );
    let info = await netInfo(name);
    assertEquals([info.Active, info.Persistent, info.Autostart, info.Bridge], [
      "yes",
      "yes",
      "no",
      bridge,
    ]);
    let xml = await bothXml(name);
    for (const x of [xml.live, xml.config]) {
      assert(!x.includes("<forward"), `isolated: no <forward> in ${x}`);
      assertMatch(
        x,
        new RegExp(
          `<ip address='${
            net.replaceAll(".", "\\.")
          }\\.1' (prefix='24'|netmask='255\\.255\\.255\\.0')`,
        ),
      );
      assertEquals(rangesIn(x), [`${net}.100-${net}.150`]);
    }
    assert(xml.live.includes(`<bridge name='${bridge}'`), xml.live);
    assertMatch(
      await run("ip", "-4", "addr", "show", "dev", bridge),
      new RegExp(`inet ${net}\\.1/24`),
    );
    assertEquals((await t.call("GET", N)).body.ipv4.subnet, `${net}.0/24`);
    assert((await t.call("GET", "/api/networks")).body.some((n: any) => n.name === name));

    // The DHCP range, changed live and in the definition.
    res = await t.call("PUT", `${N}/dhcp`, { start: `${net}.50`, end: `${net}.99` });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals(res.body.ipv4.ranges, [{ start: `${net}.50`, end: `${net}.99` }]);
    xml = await bothXml(name);
    assertEquals(rangesIn(xml.live), [`${net}.50-${net}.99`], "live");
    assertEquals(rangesIn(xml.config), [`${net}.50-${net}.99`], "config");

    // Two ranges, then back to one.
    res = await t.call("PUT", `${N}/dhcp`, {
      ranges: [{ start: `${net}.50`, end: `${net}.99` }, {
        start: `${net}.200`,
        end: `${net}.210`,
      }],
    });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    xml = await bothXml(name);
    assertEquals(rangesIn(xml.live), [`${net}.50-${net}.99`, `${net}.200-${net}.210`], "live");
    assertEquals(rangesIn(xml.config), [`${net}.50-${net}.99`, `${net}.200-${net}.210`], "config");
    res = await t.call("PUT", `${N}/dhcp`, { start: `${net}.200`, end: `${net}.210` });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    xml = await bothXml(name);
    assertEquals(rangesIn(xml.live), [`${net}.200-${net}.210`], "live");
    assertEquals(rangesIn(xml.config), [`${net}.200-${net}.210`], "config");

    // A static host, added and removed live and in the definition.
    const mac = "52:54:00:d4:00:01";
    res = await t.call("POST", `${N}/hosts`, {
      mac: mac.toUpperCase(),
      ip: `${net}.20`,
      name: "t4-host",
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertEquals(res.body.ipv4.hosts, [{ mac, ip: `${net}.20`, name: "t4-host" }]);
    xml = await bothXml(name);
    for (const [where, x] of [["live", xml.live], ["config", xml.config]]) {
      assertEquals(hostsIn(x), [`<host mac='${mac}' name='t4-host' ip='${net}.20'/>`], where);
    }
    res = await t.call("POST", `${N}/hosts`, { mac, ip: `${net}.21` });
    assertEquals(res.status, 409, `the same MAC twice: ${JSON.stringify(res.body)}`);
    res = await t.call("DELETE", `${N}/hosts/${mac}`);
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals(res.body.ipv4.hosts, []);
    xml = await bothXml(name);
    assertEquals(hostsIn(xml.live), [], "live");
    assertEquals(hostsIn(xml.config), [], "config");
    assertEquals((await t.call("DELETE", `${N}/hosts/${mac}`)).status, 404);

    // Autostart on and off.
    res = await t.call("PATCH", N, { autostart: true });
    assertEquals([res.status, res.body.autostart], [200, true], JSON.stringify(res.body));
    assertEquals((await netInfo(name)).Autostart, "yes");
    res = await t.call("PATCH", N, { autostart: false });
    assertEquals([res.status, res.body.autostart], [200, false], JSON.stringify(res.body));
    assertEquals((await netInfo(name)).Autostart, "no");

    // DHCP off, live and in the definition.
    res = await t.call("PUT", `${N}/dhcp`, { dhcp: null });
    assertEquals([res.status, res.body.ipv4?.ranges], [200, []], JSON.stringify(res.body));
    xml = await bothXml(name);
    assertEquals([rangesIn(xml.live), rangesIn(xml.config)], [[], []]);

    // Stop: the bridge goes; a DHCP change then goes to the definition only.
    res = await t.call("POST", `${N}/stop`);
    assertEquals([res.status, res.body.active], [200, false], JSON.stringify(res.body));
    info = await netInfo(name);
    assertEquals([info.Active, info.Persistent], ["no", "yes"]);
    assert(
      !(await run("ip", "-o", "link", "show").then((o) => o.includes(` ${bridge}:`))),
      `bridge ${bridge} is gone`,
    );
    res = await t.call("PUT", `${N}/dhcp`, { start: `${net}.100`, end: `${net}.150` });
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assertEquals(rangesIn(await virsh("net-dumpxml", "--inactive", name)), [
      `${net}.100-${net}.150`,
    ]);

    // Start again: the definition's range is what runs.
    res = await t.call("POST", `${N}/start`);
    assertEquals([res.status, res.body.active], [200, true], JSON.stringify(res.body));
    assertEquals((await netInfo(name)).Active, "yes");
    assertEquals(rangesIn(await virsh("net-dumpxml", name)), [`${net}.100-${net}.150`]);
    assertMatch(
      await run("ip", "-4", "addr", "show", "dev", bridge),
      new RegExp(`inet ${net}\\.1/24`),
    );

    // Leases: nobody asked, so an empty list (but a list).
    res = await t.call("GET", `${N}/leases`);
    assertEquals(res.status, 200, JSON.stringify(res.body));
    assert(Array.isArray(res.body), `leases: ${JSON.stringify(res.body)}`);

    // Delete: stopped and undefined.
    res = await t.call("DELETE", N);
    assertEquals(res.status, 204, JSON.stringify(res.body));
    assert(!(await allNetworks()).includes(name), "virsh net-list --all no longer shows it");
    assertEquals(await virshOrNull("net-info", name), null);
    assertEquals((await t.call("GET", N)).status, 404);
  });
});

Deno.test("qemu network - overlapping ranges and subnets are refused with 400 and change nothing", async () => {
  const name = `${T4_PREFIX}net2`;
  const other = `${T4_PREFIX}net3`;
  await withNetworks([name, other], async (t) => {
    const [net, elsewhere] = await freeSubnets(2);
    const N = `/api/networks/${name}`;
    let res = await t.call("POST", "/api/networks", {
      name,
      mode: "isolated",
      subnet: `${net}.0/24`,
      dhcp: { start: `${net}.100`, end: `${net}.150` },
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    const before = await bothXml(name);
    const networks = await ourNetworks();

    const refused: [string, string, unknown, RegExp][] = [
      ["PUT", `${N}/dhcp`, {
        ranges: [{ start: `${net}.50`, end: `${net}.80` }, {
          start: `${net}.70`,
          end: `${net}.90`,
        }],
      }, /DHCP ranges .* overlap/],
      [
        "PUT",
        `${N}/dhcp`,
        { start: `${elsewhere}.10`, end: `${elsewhere}.20` },
        /outside the network's subnet/,
      ],
      [
        "PUT",
        `${N}/dhcp`,
        { start: `${net}.90`, end: `${elsewhere}.20` },
        /outside the network's subnet/,
      ],
      ["PUT", `${N}/dhcp`, { start: `${net}.90`, end: `${net}.80` }, /start is after end/],
      [
        "PUT",
        `${N}/dhcp`,
        { start: `${net}.1`, end: `${net}.80` },
        /includes the host's own address/,
      ],
      [
        "POST",
        `${N}/hosts`,
        { mac: "52:54:00:d4:00:02", ip: `${elsewhere}.5` },
        /inside the network's subnet/,
      ],
      ["POST", `${N}/hosts`, { mac: "52:54:00:d4:0", ip: `${net}.5` }, /Invalid MAC address/],
      ["POST", "/api/networks", {
        name: other,
        mode: "isolated",
        subnet: `${net}.128/25`,
      }, new RegExp(`overlaps network ${name} \\(${net.replaceAll(".", "\\.")}\\.0/24\\)`)],
      ["POST", "/api/networks", {
        name: other,
        mode: "isolated",
        subnet: `${elsewhere}.0/24`,
        dhcp: { start: `${net}.10`, end: `${net}.20` },
      }, /outside the network's subnet/],
      ["POST", "/api/networks", {
        name: other,
        mode: "isolated",
        subnet: `${elsewhere}.0/24`,
        ranges: [{ start: `${elsewhere}.10`, end: `${elsewhere}.30` }, {
          start: `${elsewhere}.30`,
          end: `${elsewhere}.40`,
        }],
      }, /overlap/],
    ];
    // Every other network with an IPv4 subnet of its own (e.g. libvirt's "default") is taken too.
    for (const n of (await t.call("GET", "/api/networks")).body as any[]) {
      if (n.name === name || !n.ipv4) continue;
      refused.push(["POST", "/api/networks", {
        name: other,
        mode: "isolated",
        subnet: n.ipv4.subnet,
      }, new RegExp(`overlaps network ${n.name} `)]);
    }
    for (const [method, path, body, words] of refused) {
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      res = await t.call(method, path, body);
      assertEquals(res.status, 400, `${what}: ${JSON.stringify(res.body)}`);
      assertMatch(res.body.message, words, `${what}: ${res.body.message}`);
      assertEquals(await bothXml(name), before, `${what} changed nothing`);
      assertEquals(await ourNetworks(), networks, `${what} defined no network`);
    }

    // A network that clashes with no other is still fine afterwards.
    res = await t.call("POST", "/api/networks", {
      name: other,
      mode: "isolated",
      subnet: `${elsewhere}.0/24`,
      start: false,
    });
    assertEquals(res.status, 201, JSON.stringify(res.body));
    assertEquals(res.body.active, false);
    assertEquals((await netInfo(other)).Active, "no");
  });
});
