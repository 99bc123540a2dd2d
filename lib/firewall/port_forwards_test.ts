// Tests for port forward rules, storage and rollback, with a recording fake firewall.

import { AppError } from "../errors.ts";
import type { Firewall, ForwardRule, NotApplied } from "./types.ts";
import { type NetworkFacts, PortForwardService } from "./port_forwards.ts";
import { openStore, type Store } from "../store.ts";
import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";

/** Records every apply; `failures` are thrown by the next applies, one each. */
class FakeFirewall implements Firewall {
  applies: ForwardRule[][] = [];
  current: ForwardRule[] = [];
  failures: Error[] = [];
  lists = 0;
  /** What the next applies answer: rules in place that cannot carry traffic. */
  notApplied: NotApplied = new Map();

  apply(rules: ForwardRule[]): Promise<NotApplied> {
    this.applies.push(rules);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.current = rules;
    return Promise.resolve(new Map(this.notApplied));
  }

  list(): Promise<ForwardRule[]> {
    this.lists++;
    return Promise.resolve(this.current);
  }
}

const DEFAULT: NetworkFacts = {
  name: "default",
  mode: "nat",
  bridge: "virbr0",
  subnet: "192.168.122.0/24",
  active: true,
};
const LAB: NetworkFacts = {
  name: "lab",
  mode: "nat",
  bridge: "virbr5",
  subnet: "10.10.0.0/16",
  active: false,
  gateway: "10.10.255.254",
};
const ROUTED: NetworkFacts = {
  name: "routed",
  mode: "route",
  bridge: "virbr6",
  subnet: "10.20.0.0/24",
  active: true,
};

const WEB = { protocol: "tcp", hostPort: 8080, guestIp: "192.168.122.10", guestPort: 80 };

const rule = (id: number, over: Partial<ForwardRule> = {}): ForwardRule => ({
  id,
  protocol: "tcp",
  hostPort: 8080,
  guestIp: "192.168.122.10",
  guestPort: 80,
  bridge: "virbr0",
  ...over,
});

const unavailable = (reason: string) =>
  new AppError("FIREWALL_UNAVAILABLE", "Port forwarding needs ...", { reason });

async function withService(
  fn: (svc: PortForwardService, fw: FakeFirewall, store: Store) => Promise<void>,
) {
  using store = openStore(null);
  const fw = new FakeFirewall();
  await fn(new PortForwardService(store, fw), fw, store);
}

async function rejects(p: Promise<unknown>, status: number, code: string, message: string) {
  const err = await assertRejects(() => p, AppError);
  assertEquals({ status: err.status, code: err.code, message: err.message }, {
    status,
    code,
    message,
  });
  return err;
}

const rowCount = (store: Store) =>
  Number(store.db.prepare("SELECT count(*) AS n FROM port_forwards").get()?.n);

Deno.test("port forwards - add stores the forward and puts it in the firewall", async () => {
  await withService(async (svc, fw) => {
    const added = await svc.add(DEFAULT, { ...WEB, description: "web server" });
    assertEquals(added, {
      id: 1,
      network: "default",
      protocol: "tcp",
      hostPort: 8080,
      guestIp: "192.168.122.10",
      guestPort: 80,
      description: "web server",
      applied: true,
      reason: null,
    });
    assertEquals(fw.applies, [[rule(1)]]);
    const dns = await svc.add(DEFAULT, {
      protocol: "udp",
      hostPort: 8080,
      guestIp: "192.168.122.11",
      guestPort: 53,
    });
    assertEquals(dns.description, "");
    assertEquals(fw.current, [
      rule(1),
      rule(2, { protocol: "udp", guestIp: "192.168.122.11", guestPort: 53 }),
    ]);
    assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, true], [2, true]]);
    assertEquals(svc.count("default"), 2);
    assertEquals(svc.list("lab"), []);
    assertEquals(svc.count("lab"), 0);
  });
});

Deno.test("port forwards - add refuses bad input with clear words and stores nothing", async () => {
  await withService(async (svc, fw, store) => {
    const field = (input: unknown, name: string, message: string, net = DEFAULT) =>
      rejects(svc.add(net, input), 400, "VALIDATION_FAILED", message).then((err) =>
        assertEquals(err.details, { field: name })
      );
    const bad = (input: unknown, message: string, net = DEFAULT) =>
      rejects(svc.add(net, input), 400, "BAD_REQUEST", message);

    await bad(WEB, "Port forwarding works only on NAT networks; routed is route", ROUTED);
    await bad(
      WEB,
      "Port forwarding works only on NAT networks; br is bridge",
      { ...ROUTED, name: "br", mode: "bridge", subnet: null },
    );
    await bad(WEB, "Network default has no bridge to forward to", { ...DEFAULT, bridge: null });
    await bad(WEB, "Network default has no IPv4 subnet to forward to", {
      ...DEFAULT,
      subnet: null,
    });
    for (const body of [null, [WEB], "tcp 8080", 8080]) {
      await bad(body, "A port forward must be a JSON object");
    }
    await bad(
      { ...WEB, network: "default", enabled: true },
      "Unknown fields: network, enabled " +
        "(a port forward has protocol, hostPort, guestIp, guestPort, description)",
    );

    for (const protocol of ["icmp", "TCP", "", undefined, 6]) {
      await field({ ...WEB, protocol }, "protocol", 'protocol must be "tcp" or "udp"');
    }
    for (const port of [0, 65536, -1, 80.5, "80", null, undefined, NaN]) {
      await field(
        { ...WEB, hostPort: port },
        "hostPort",
        "hostPort must be a whole number from 1 to 65535",
      );
      await field(
        { ...WEB, guestPort: port },
        "guestPort",
        "guestPort must be a whole number from 1 to 65535",
      );
    }

    for (const guestIp of ["192.168.122", "192.168.122.010", "::1", "guest.lan", "", 3232266762]) {
      await field(
        { ...WEB, guestIp },
        "guestIp",
        "guestIp must be an IPv4 address such as 192.168.122.10",
      );
    }
    const where = "network default (192.168.122.0/24)";
    await field(
      { ...WEB, guestIp: "192.168.123.10" },
      "guestIp",
      `guestIp 192.168.123.10 is outside ${where}`,
    );
    await field(
      { ...WEB, guestIp: "192.168.122.0" },
      "guestIp",
      `guestIp 192.168.122.0 is the subnet address of ${where}, not a guest`,
    );
    await field(
      { ...WEB, guestIp: "192.168.122.255" },
      "guestIp",
      `guestIp 192.168.122.255 is the broadcast address of ${where}`,
    );
    await field(
      { ...WEB, guestIp: "192.168.122.1" },
      "guestIp",
      `guestIp 192.168.122.1 is the host's own address on ${where}`,
    );
    // A network whose host address is not the first one.
    await field(
      { ...WEB, guestIp: "10.10.255.254" },
      "guestIp",
      "guestIp 10.10.255.254 is the host's own address on network lab (10.10.0.0/16)",
      LAB,
    );

    await field(
      { ...WEB, description: "x".repeat(201) },
      "description",
      "description must be at most 200 characters",
    );
    for (const description of ["line\nbreak", "tab\there", "nul\0", "del\x7f", "c1\x85"]) {
      await field(
        { ...WEB, description },
        "description",
        "description must not contain control characters",
      );
    }
    await field({ ...WEB, description: 42 }, "description", "description must be text");

    assertEquals(rowCount(store), 0);
    assertEquals(fw.applies, []);

    // The edges that are fine.
    await svc.add(DEFAULT, { ...WEB, description: "ü".repeat(200) });
    await svc.add(LAB, { ...WEB, hostPort: 65535, guestPort: 1, guestIp: "10.10.0.1" });
    await svc.add(DEFAULT, { ...WEB, hostPort: 1, guestIp: "192.168.122.254", description: null });
    assertEquals(rowCount(store), 3);
  });
});

Deno.test("port forwards - a host port is forwarded once per protocol host-wide", async () => {
  await withService(async (svc, fw, store) => {
    await svc.add(DEFAULT, WEB);
    await rejects(
      svc.add(LAB, { ...WEB, guestIp: "10.10.0.5" }),
      409,
      "ALREADY_EXISTS",
      "Host port TCP 8080 is already forwarded (network default)",
    );
    await rejects(
      svc.add(DEFAULT, { ...WEB, guestIp: "192.168.122.20" }),
      409,
      "ALREADY_EXISTS",
      "Host port TCP 8080 is already forwarded (network default)",
    );
    assertEquals(rowCount(store), 1);
    assertEquals(fw.applies.length, 1);
    // The same port over UDP is another forward.
    await svc.add(LAB, { ...WEB, protocol: "udp", guestIp: "10.10.0.5" });
  });
});

Deno.test("port forwards - two adds of one port at once: one wins, one gets 409", async () => {
  await withService(async (svc, _fw, store) => {
    const results = await Promise.allSettled([
      svc.add(DEFAULT, WEB),
      svc.add(LAB, { ...WEB, guestIp: "10.10.0.5" }),
    ]);
    assertEquals(results.map((r) => r.status), ["fulfilled", "rejected"]);
    const reason = (results[1] as PromiseRejectedResult).reason;
    assert(reason instanceof AppError && reason.code === "ALREADY_EXISTS", String(reason));
    assertEquals(rowCount(store), 1);
  });
});

Deno.test("port forwards - a firewall failure on add rolls the row back", async () => {
  await withService(async (svc, fw, store) => {
    await svc.add(DEFAULT, WEB);
    const failure = new AppError("FIREWALL_ERROR", "iptables -t nat -A ... failed: boom");
    fw.failures.push(failure);
    const err = await assertRejects(
      () => svc.add(DEFAULT, { ...WEB, hostPort: 2222, guestPort: 22 }),
      AppError,
    );
    assert(err === failure, "the firewall's own error is thrown");
    assertEquals(rowCount(store), 1);
    // The failed apply wanted both; the one after the rollback puts back the first alone.
    assertEquals(fw.applies, [[rule(1)], [rule(1), rule(2, { hostPort: 2222, guestPort: 22 })], [
      rule(1),
    ]]);
    assertEquals(fw.current, [rule(1)]);
    assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, true]]);
    // The port is free again, and the failed id is not reused.
    const again = await svc.add(DEFAULT, { ...WEB, hostPort: 2222, guestPort: 22 });
    assertEquals(again.id, 3);
  });
});

Deno.test("port forwards - without the right, add fails with 503 and nothing is stored", async () => {
  await withService(async (svc, fw, store) => {
    fw.failures.push(unavailable("permission"), unavailable("permission"));
    const err = await assertRejects(() => svc.add(DEFAULT, WEB), AppError);
    assertEquals([err.status, err.code], [503, "FIREWALL_UNAVAILABLE"]);
    assertEquals(rowCount(store), 0);
    assertEquals(svc.list("default"), []);
  });
});

Deno.test("port forwards - remove takes one forward out; 404 when missing", async () => {
  await withService(async (svc, fw) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(DEFAULT, { ...WEB, hostPort: 2222, guestPort: 22 });
    await rejects(
      svc.remove("default", 9),
      404,
      "NOT_FOUND",
      "Port forward 9 not found on network default",
    );
    await rejects(
      svc.remove("lab", 1),
      404,
      "NOT_FOUND",
      "Port forward 1 not found on network lab",
    );
    await svc.remove("default", 1);
    assertEquals(svc.list("default").map((f) => f.id), [2]);
    assertEquals(fw.current, [rule(2, { hostPort: 2222, guestPort: 22 })]);
    await rejects(
      svc.remove("default", 1),
      404,
      "NOT_FOUND",
      "Port forward 1 not found on network default",
    );
  });
});

Deno.test("port forwards - a remove the firewall refuses keeps the forward", async () => {
  await withService(async (svc, fw, store) => {
    const web = await svc.add(DEFAULT, { ...WEB, description: "keep me" });
    const failure = new AppError("FIREWALL_ERROR", "iptables -t nat -D ... failed");
    fw.failures.push(failure);
    const err = await assertRejects(() => svc.remove("default", web.id), AppError);
    assert(err === failure);
    assertEquals(svc.list("default"), [web], "the same row, id and all, is back and applied");
    assertEquals(rowCount(store), 1);
  });
});

Deno.test("port forwards - without iptables a forward can still be removed", async () => {
  await withService(async (svc, fw) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
    // iptables was uninstalled since: no rule can be in place, so there is nothing to undo.
    fw.failures.push(unavailable("not-installed"), unavailable("not-installed"));
    await svc.remove("default", 1);
    assertEquals(await svc.removeAll("lab"), 1);
    assertEquals(svc.count("default") + svc.count("lab"), 0);
    // Without the right, though, the rules may still be there: the forward stays.
    await svc.add(DEFAULT, WEB);
    fw.failures.push(unavailable("permission"), unavailable("permission"));
    await assertRejects(() => svc.remove("default", 3), AppError);
    assertEquals(svc.count("default"), 1);
  });
});

Deno.test("port forwards - removeAll deletes one network's forwards", async () => {
  await withService(async (svc, fw) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
    await svc.add(LAB, { ...WEB, hostPort: 82, guestIp: "10.10.0.6" });
    assertEquals(await svc.removeAll("lab"), 2);
    assertEquals(svc.count("lab"), 0);
    assertEquals(svc.count("default"), 1);
    assertEquals(fw.current, [rule(1)]);
    const applies = fw.applies.length;
    assertEquals(await svc.removeAll("lab"), 0);
    assertEquals(fw.applies.length, applies, "nothing to remove, nothing to apply");

    fw.failures.push(new AppError("FIREWALL_ERROR", "boom"));
    await assertRejects(() => svc.removeAll("default"), AppError);
    assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, true]]);
  });
});

Deno.test("port forwards - reconcile drops forwards of vanished networks", async () => {
  await withService(async (svc, fw) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
    await svc.reconcile(() => [DEFAULT]);
    assertEquals(svc.count("lab"), 0);
    assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, true]]);
    assertEquals(fw.current, [rule(1)]);
  });
});

Deno.test("port forwards - reconcile applies NAT networks' rules, active or not", async () => {
  await withService(async (svc, fw, store) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
    // lab is stopped and its bridge renamed; default became a routed network.
    await svc.reconcile(() => [{ ...DEFAULT, mode: "route" }, { ...LAB, bridge: "virbr9" }]);
    assertEquals(fw.current, [rule(2, { hostPort: 81, guestIp: "10.10.0.5", bridge: "virbr9" })]);
    assertEquals(svc.list("default").map((f) => [f.applied, f.reason]), [
      [false, "Network default is no longer a NAT network with a bridge"],
    ], "kept but not applied");
    // In the firewall, to work the moment lab starts; until then it carries nothing.
    assertEquals(svc.list("lab").map((f) => [f.applied, f.reason]), [
      [false, "Network lab is not running"],
    ]);
    await svc.reconcile(() => [{ ...DEFAULT, mode: "route" }, { ...LAB, active: true }]);
    assertEquals(svc.list("lab").map((f) => [f.applied, f.reason]), [[true, null]]);
    assertEquals(rowCount(store), 2);
  });
});

Deno.test("port forwards - a rule the firewall put in place but cannot carry traffic is not applied, with the firewall's reason", async () => {
  await withService(async (svc, fw) => {
    fw.notApplied = new Map([[1, () => "libvirt's nftables rules for bridge virbr0 reject it"]]);
    const added = await svc.add(DEFAULT, WEB);
    assertEquals([added.applied, added.reason], [
      false,
      "libvirt's nftables rules for bridge virbr0 reject it",
    ]);
    fw.notApplied = new Map();
    await svc.reconcile(() => [DEFAULT]);
    assertEquals(svc.list("default").map((f) => [f.applied, f.reason]), [[true, null]]);
  });
});

Deno.test("port forwards - forwards are kept across restarts and applied by reconcile", async () => {
  using store = openStore(null);
  const before = new FakeFirewall();
  const first = new PortForwardService(store, before);
  await first.add(DEFAULT, WEB);
  await first.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });

  // A new process: the firewall was flushed by a reboot.
  const fw = new FakeFirewall();
  const svc = new PortForwardService(store, fw);
  assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, false]]);
  await svc.reconcile(() => [DEFAULT, LAB]);
  assertEquals(fw.current, before.current);
  assertEquals(svc.list("default").map((f) => [f.id, f.applied]), [[1, true]]);
});

Deno.test("port forwards - before the first reconcile, other networks' rules stay", async () => {
  using store = openStore(null);
  const fw = new FakeFirewall();
  const first = new PortForwardService(store, fw);
  await first.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
  await first.add(LAB, { ...WEB, hostPort: 82, guestIp: "10.10.0.6" });
  // Restart; the firewall still holds rule 1 only (rule 2 was lost somehow).
  fw.current = fw.current.slice(0, 1);
  const svc = new PortForwardService(store, fw);
  await svc.add(DEFAULT, WEB);
  // lab's facts are unknown: its rule in place is kept, nothing is made up for the other.
  assertEquals(fw.current, [
    rule(1, { hostPort: 81, guestIp: "10.10.0.5", bridge: "virbr5" }),
    rule(3),
  ]);
  assert(fw.lists > 0);
  assertEquals(svc.list("lab").map((f) => [f.id, f.applied]), [[1, true], [2, false]]);
});

Deno.test("port forwards - reconcile with nothing to forward leaves the firewall alone", async () => {
  await withService(async (svc, fw) => {
    let reads = 0;
    await svc.reconcile(() => (reads++, [DEFAULT]));
    assertEquals(reads, 0, "no forward stored: libvirt's networks are not read");
    assertEquals(fw.applies, [], "no rules of ours anywhere: nothing is written");
    assertEquals(fw.lists, 1);
    await svc.add(DEFAULT, WEB);
    fw.failures.push(unavailable("permission"));
    await assertRejects(() => svc.reconcile(() => (reads++, [DEFAULT])), AppError);
    assertEquals(reads, 1, "a forward stored: the networks are read");
    assertEquals(svc.list("default").map((f) => f.applied), [false]);
    assertEquals(svc.count("default"), 1, "a failed apply loses nothing");
  });
});

Deno.test("port forwards - reconcile clears rules of ours that have no stored forward", async () => {
  await withService(async (svc, fw) => {
    fw.current = [{
      id: 9,
      protocol: "tcp",
      hostPort: 18099,
      guestIp: "192.168.122.5",
      guestPort: 22,
      bridge: "virbr0",
    }];
    await svc.reconcile(() => [DEFAULT]);
    assertEquals(fw.applies, [[]]);
    assertEquals(fw.current, []);
  });
});

Deno.test("port forwards - a network whose bridge no rule can name keeps only its own forwards out", async () => {
  await withService(async (svc, fw) => {
    await svc.add(DEFAULT, WEB);
    await svc.add(LAB, { ...WEB, hostPort: 81, guestIp: "10.10.0.5" });
    // lab was redefined elsewhere on a bridge whose name iptables would read as a wildcard.
    await svc.reconcile(() => [DEFAULT, { ...LAB, active: true, bridge: "br+x" }]);
    assertEquals(fw.current, [rule(1)], "the other network's forward is applied");
    assertEquals(svc.list("default").map((f) => f.applied), [true]);
    assertEquals(svc.list("lab").map((f) => [f.applied, f.reason]), [
      [false, 'Invalid port forward rule: bad bridge name "br+x"'],
    ]);
  });
});
