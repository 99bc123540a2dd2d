// Host-side networks (macvtap, SR-IOV, host bridges) with port groups and VLANs, and VM NICs that
// pick a port group or carry VLAN tags, on libvirt's test driver through the API. The host's
// interfaces are this machine's: "lo" stands for a host interface every machine has.

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { NetworkInfo } from "../../shared/networks.ts";
import type { Vm } from "../../shared/vms.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

const create = async (req: TestApp["req"], body: unknown) =>
  await json<NetworkInfo>(await req("POST", "/api/networks", body), 201);

Deno.test("network VLANs API - a macvtap passthrough network with VLAN port groups", async () => {
  await withTestApp(async ({ req }) => {
    const net = await create(req, {
      name: "trunk",
      mode: "macvtap",
      hostInterface: "lo",
      macvtapMode: "passthrough",
      portgroups: [
        { name: "vlan42", default: true, vlan: { tags: [42] } },
        { name: "uplink", vlan: { tags: [10, 20], nativeTag: 10 } },
        { name: "plain" },
      ],
    });
    assertEquals(
      [net.mode, net.macvtapMode, net.hostInterface, net.carriesVlans, net.openvswitch],
      ["macvtap", "passthrough", "lo", true, false],
    );
    assertEquals(net.portgroups, [
      { name: "vlan42", default: true, vlan: { tags: [42], trunk: false } },
      { name: "uplink", default: false, vlan: { tags: [10, 20], trunk: true, nativeTag: 10 } },
      { name: "plain", default: false, vlan: null },
    ]);
    // What libvirt keeps, read back: the same facts again.
    assertEquals(await json<NetworkInfo>(await req("GET", "/api/networks/trunk"), 200), net);

    // The test driver attaches no devices: a NIC on it is proven on real libvirtd
    // (tests/qemu_ovs_vlan_test.ts); here, its checks passed and libvirt was asked.
    for (const body of [{ portgroup: "uplink" }, { vlan: { tags: [7, 8], trunk: true } }]) {
      const err = await json<ApiError>(
        await req("POST", "/api/vms/db/interfaces", { network: "trunk", ...body }),
        501,
      );
      assertMatch(err.message, /virDomainAttachDeviceFlags/);
    }
  });
});

Deno.test("network VLANs API - refusals name what is wrong", async () => {
  await withTestApp(async ({ req }) => {
    await create(req, { name: "vepa", mode: "macvtap", hostInterface: "lo", macvtapMode: "vepa" });
    const cases: [string, unknown, RegExp][] = [
      ["/api/networks", { name: "x", mode: "macvtap" }, /Invalid host interface/],
      [
        "/api/networks",
        { name: "x", mode: "macvtap", hostInterface: "kvmm-nope0" },
        /does not exist/,
      ],
      [
        "/api/networks",
        { name: "x", mode: "macvtap", hostInterface: ".." },
        /Invalid host interface/,
      ],
      ["/api/networks", { name: "x", mode: "sriov", hostInterface: "lo" }, /makes no SR-IOV/],
      [
        "/api/networks",
        { name: "x", mode: "macvtap", hostInterface: "lo", macvtapMode: "hub" },
        /Invalid macvtap mode/,
      ],
      ["/api/networks", {
        name: "x",
        mode: "isolated",
        subnet: "10.90.0.0/24",
        hostInterface: "lo",
      }, /Only macvtap, sriov networks take hostInterface/],
      [
        "/api/networks",
        { name: "x", mode: "macvtap", hostInterface: "lo", subnet: "10.9.0.0/24" },
        /remove subnet/,
      ],
      [
        "/api/networks",
        {
          name: "x",
          mode: "isolated",
          subnet: "10.90.0.0/24",
          portgroups: [{ name: "a", vlan: { tags: [5] } }],
        },
        /Port group a has VLAN tags, but this network's ports cannot tag frames/,
      ],
      [
        "/api/networks",
        {
          name: "x",
          mode: "macvtap",
          hostInterface: "lo",
          portgroups: [{ name: "a" }, { name: "a" }],
        },
        /portgroups lists at most 256 port groups with different names/,
      ],
      [
        "/api/networks",
        {
          name: "x",
          mode: "macvtap",
          hostInterface: "lo",
          macvtapMode: "passthrough",
          portgroups: [{ name: "a", vlan: { tags: [4095] } }],
        },
        /VLAN tags are whole numbers from 1 to 4094/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [42] } },
        /Network vepa cannot tag frames/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "default", vlan: { tags: [42] } },
        /Network default cannot tag frames/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", portgroup: "nope" },
        /Network vepa has no port group nope/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [] } },
        /vlan\.tags lists 1 to 64 different VLAN tags/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [3, 3] } },
        /vlan\.tags lists 1 to 64 different VLAN tags/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [3], nativeTag: 3 } },
        /vlan\.nativeTag needs a trunk/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [3, 4], nativeTag: 5 } },
        /vlan\.nativeTag must be one of vlan\.tags/,
      ],
      [
        "/api/vms/db/interfaces",
        { network: "vepa", vlan: { tags: [3], color: "red" } },
        /vlan must look like/,
      ],
    ];
    const before = await json<Vm>(await req("GET", "/api/vms/db"), 200);
    for (const [path, body, words] of cases) {
      const err = await json<ApiError>(await req("POST", path, body), 400);
      assertMatch(err.message, words, `${path} ${JSON.stringify(body)}`);
    }
    // Nothing was made by a refused request.
    const nets = await json<NetworkInfo[]>(await req("GET", "/api/networks"), 200);
    assertEquals(nets.map((n) => n.name).sort(), ["default", "vepa"]);
    const after = await json<Vm>(await req("GET", "/api/vms/db"), 200);
    assertEquals(after.networkInterfaces, before.networkInterfaces);
  });
});
