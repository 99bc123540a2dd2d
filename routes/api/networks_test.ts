// /api/networks on libvirt's test driver: create, DHCP ranges and static hosts, port forwards
// (on an in-memory firewall: the demo never touches the host's), and bad input as 400s.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import type { NetworkInfo, PortForward } from "../../shared/networks.ts";
import { type TestApp, withTestApp } from "../../tests/harness/test_app.ts";

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  assertEquals(res.status, status, JSON.stringify(body));
  return body as T;
}

const get = async (req: TestApp["req"], name: string) =>
  await json<NetworkInfo>(await req("GET", `/api/networks/${name}`), 200);

Deno.test("networks API - isolated network with DHCP range and static host", async () => {
  await withTestApp(async ({ req, events }) => {
    const net = await json<NetworkInfo>(
      await req("POST", "/api/networks", {
        name: "lab",
        mode: "isolated",
        subnet: "10.77.0.0/24",
        dhcp: { start: "10.77.0.100", end: "10.77.0.199" },
      }),
      201,
    );
    assertEquals([net.mode, net.active, net.ipv4?.address], ["isolated", true, "10.77.0.1"]);
    assertEquals(net.ipv4?.dhcp, { start: "10.77.0.100", end: "10.77.0.199" });
    assert(events.some((e) => e.type === "network-changed" && e.network === "lab"));

    const moved = await json<NetworkInfo>(
      await req("PUT", "/api/networks/lab/dhcp", { start: "10.77.0.50", end: "10.77.0.60" }),
      200,
    );
    assertEquals(moved.ipv4?.ranges, [{ start: "10.77.0.50", end: "10.77.0.60" }]);
    const two = await json<NetworkInfo>(
      await req("PUT", "/api/networks/lab/dhcp", {
        ranges: [{ start: "10.77.0.50", end: "10.77.0.60" }, {
          start: "10.77.0.70",
          end: "10.77.0.80",
        }],
      }),
      200,
    );
    assertEquals(two.ipv4?.ranges.length, 2);

    const host = { mac: "52:54:00:AA:00:01", ip: "10.77.0.9", name: "db" };
    const withHost = await json<NetworkInfo>(
      await req("POST", "/api/networks/lab/hosts", host),
      201,
    );
    assertEquals(withHost.ipv4?.hosts, [{ mac: "52:54:00:aa:00:01", ip: "10.77.0.9", name: "db" }]);
    const again = await json<ApiError>(await req("POST", "/api/networks/lab/hosts", host), 409);
    assertMatch(again.message, /already uses MAC/);
    const without = await json<NetworkInfo>(
      await req("DELETE", "/api/networks/lab/hosts/52:54:00:aa:00:01"),
      200,
    );
    assertEquals(without.ipv4?.hosts, []);

    assert(!(await json<NetworkInfo>(await req("POST", "/api/networks/lab/stop"), 200)).active);
    assert(
      (await json<NetworkInfo>(await req("PATCH", "/api/networks/lab", { autostart: true }), 200))
        .autostart,
    );
    assertEquals((await req("DELETE", "/api/networks/lab")).status, 204);
    assertEquals((await req("GET", "/api/networks/lab")).status, 404);
  });
});

Deno.test("networks API - bad ranges, subnets and hosts are 400 and change nothing", async () => {
  await withTestApp(async ({ req }) => {
    await json(
      await req("POST", "/api/networks", {
        name: "lab",
        mode: "isolated",
        subnet: "10.77.0.0/24",
        dhcp: { start: "10.77.0.100", end: "10.77.0.199" },
      }),
      201,
    );
    const before = await get(req, "lab");
    const dhcpCases: [unknown, RegExp][] = [
      [{
        ranges: [{ start: "10.77.0.10", end: "10.77.0.50" }, {
          start: "10.77.0.40",
          end: "10.77.0.60",
        }],
      }, /overlap/],
      [{ start: "10.78.0.10", end: "10.78.0.20" }, /outside the network's subnet 10\.77\.0\.0\/24/],
      [{ start: "10.77.0.20", end: "10.77.0.10" }, /start is after end/],
      [{ start: "10.77.0.1", end: "10.77.0.10" }, /includes the host's own address/],
      [{ start: "10.77.0.300", end: "10.77.0.10" }, /must be IPv4 addresses/],
    ];
    for (const [body, message] of dhcpCases) {
      const err = await json<ApiError>(await req("PUT", "/api/networks/lab/dhcp", body), 400);
      assertMatch(err.message, message);
    }
    const hostCases: [unknown, RegExp][] = [
      [{ mac: "nope", ip: "10.77.0.9" }, /Invalid MAC/],
      [{ mac: "52:54:00:00:00:09", ip: "10.99.0.9" }, /inside the network's subnet/],
      [{ mac: "52:54:00:00:00:09", ip: "10.77.0.1" }, /host's own address/],
      [{ mac: "52:54:00:00:00:09", ip: "10.77.0.9", name: "a b" }, /Invalid host name/],
    ];
    for (const [body, message] of hostCases) {
      const err = await json<ApiError>(await req("POST", "/api/networks/lab/hosts", body), 400);
      assertMatch(err.message, message);
    }
    assertEquals(await get(req, "lab"), before);

    const names = async () =>
      (await json<NetworkInfo[]>(await req("GET", "/api/networks"), 200)).map((n) => n.name);
    const netsBefore = await names();
    const createCases: [unknown, RegExp][] = [
      [{ name: "x", mode: "isolated", subnet: "10.77.0.128/25" }, /overlaps network lab/],
      [{ name: "x", mode: "isolated", subnet: "10.80.0.1/24" }, /Invalid subnet/],
      [{
        name: "x",
        mode: "nat",
        subnet: "10.80.0.0/24",
        dhcp: { start: "10.81.0.2", end: "10.81.0.9" },
      }, /outside the network's subnet/],
      [{ name: "x", mode: "bridge", bridge: "kvmm-no-such" }, /does not exist/],
      [{ name: "x", mode: "bridge", bridge: "br0", subnet: "10.80.0.0/24" }, /remove subnet/],
      [{ name: "../x", mode: "isolated", subnet: "10.80.0.0/24" }, /Invalid network name/],
      [{ name: "x", mode: "open", subnet: "10.80.0.0/24" }, /Invalid network mode/],
    ];
    for (const [body, message] of createCases) {
      const err = await json<ApiError>(await req("POST", "/api/networks", body), 400);
      assertMatch(err.message, message);
    }
    assertEquals(await names(), netsBefore);
  });
});

Deno.test("networks API - refusals speak the caller's language, the name rule included", async () => {
  await withTestApp(async ({ app }) => {
    const ask = async (method: string, path: string, body: unknown, lang?: string) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (lang) headers["accept-language"] = lang;
      const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
      return (await json<ApiError>(await app.request(`http://localhost${path}`, init), 400))
        .message;
    };
    const badName = { name: "../x", mode: "isolated", subnet: "10.80.0.0/24" };
    // The rule is built per request: German for one caller, English again for the next.
    assertMatch(
      await ask("POST", "/api/networks", badName, "de-DE,de;q=0.9"),
      /^Ungültiger Netzwerkname: erlaubt sind 1-64 Buchstaben/,
    );
    assertMatch(await ask("POST", "/api/networks", badName), /^Invalid network name: use 1-64/);
    assertEquals(
      await ask("PUT", "/api/networks/default/dhcp", { start: "10.0.0.9", end: "nope" }, "de"),
      "Ungültiger DHCP-Bereich 10.0.0.9 - nope: Anfang und Ende müssen IPv4-Adressen sein",
    );
    assertEquals(
      await ask("POST", "/api/networks/default/forwards", { protocol: "sctp" }, "de"),
      "protocol muss „tcp“ oder „udp“ sein",
    );
  });
});

Deno.test("networks API - port forwards on a NAT network, removed with it", async () => {
  await withTestApp(async ({ req, ctx, client }) => {
    // libvirtd names the bridge of a new network itself; the test driver does not, so name it.
    await client.call(
      "networkDefine",
      `<network><name>natnet</name><forward mode='nat'/><bridge name='virbr79'/>
        <ip address='10.79.0.1' prefix='24'/></network>`,
      { start: true, autostart: false },
    );
    const fwd = await json<PortForward>(
      await req("POST", "/api/networks/natnet/forwards", {
        protocol: "tcp",
        hostPort: 2222,
        guestIp: "10.79.0.10",
        guestPort: 22,
        description: "ssh",
      }),
      201,
    );
    assertEquals([fwd.hostPort, fwd.guestIp, fwd.guestPort, fwd.applied], [
      2222,
      "10.79.0.10",
      22,
      true,
    ]);
    assertEquals((await get(req, "natnet")).portForwardCount, 1);
    const list = await json<PortForward[]>(await req("GET", "/api/networks/natnet/forwards"), 200);
    assertEquals(list.map((f) => f.id), [fwd.id]);
    const taken = await json<ApiError>(
      await req("POST", "/api/networks/natnet/forwards", {
        protocol: "tcp",
        hostPort: 2222,
        guestIp: "10.79.0.11",
        guestPort: 22,
      }),
      409,
    );
    assertMatch(taken.message, /already forwarded/);
    const outside = await json<ApiError>(
      await req("POST", "/api/networks/natnet/forwards", {
        protocol: "udp",
        hostPort: 5353,
        guestIp: "10.80.0.10",
        guestPort: 53,
      }),
      400,
    );
    assertMatch(outside.message, /is outside network natnet \(10\.79\.0\.0\/24\)/);
    await json(
      await req("POST", "/api/networks", { name: "iso", mode: "isolated", subnet: "10.82.0.0/24" }),
      201,
    );
    const notNat = await json<ApiError>(
      await req("POST", "/api/networks/iso/forwards", {
        protocol: "tcp",
        hostPort: 2223,
        guestIp: "10.82.0.10",
        guestPort: 22,
      }),
      400,
    );
    assertMatch(notNat.message, /only on NAT networks/);
    assertEquals((await req("DELETE", "/api/networks/natnet")).status, 204);
    assertEquals(ctx.forwards.count("natnet"), 0);
  });
});
