// Which backend each forward goes to (tests/firewall_traffic_test.ts carries traffic through
// both): a bridge in libvirt's nftables table goes there, others to iptables; a host without
// iptables sends everything to nftables, a host without nft everything to iptables.

import { AppError } from "../errors.ts";
import { assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { HostFirewall } from "./host_firewall.ts";
import type { LibvirtNftables } from "./nftables.ts";
import type { ForwardRule, NotApplied } from "./types.ts";

const rule = (id: number, bridge: string): ForwardRule => ({
  id,
  protocol: "tcp",
  hostPort: 8000 + id,
  guestIp: `192.168.122.${10 + id}`,
  guestPort: 80,
  bridge,
});
const missing = (what: string) =>
  new AppError("FIREWALL_UNAVAILABLE", `${what} is not installed`, { reason: "not-installed" });

/** One backend: records what it was given; `absent` makes it throw as a missing binary does. */
class Side {
  applied: ForwardRule[][] = [];
  absent = false;
  bridges: string[] = [];
  notApplied: NotApplied = new Map();

  apply(rules: ForwardRule[]): Promise<NotApplied> {
    if (this.absent) return Promise.reject(missing("it"));
    this.applied.push(rules);
    return Promise.resolve(this.notApplied);
  }

  list(): Promise<ForwardRule[]> {
    if (this.absent) return Promise.reject(missing("it"));
    return Promise.resolve(this.applied.at(-1) ?? []);
  }

  holdsRules(): Promise<boolean> {
    if (this.absent) return Promise.reject(missing("it"));
    return Promise.resolve((this.applied.at(-1) ?? []).length > 0);
  }

  libvirtRules(): Promise<LibvirtNftables> {
    if (this.absent) return Promise.reject(missing("nft"));
    return Promise.resolve({
      present: this.bridges.length > 0,
      bridges: new Set(this.bridges),
      rules: [],
    });
  }
}

function bed() {
  const iptables = new Side();
  const nftables = new Side();
  return { iptables, nftables, firewall: new HostFirewall({ iptables, nftables }) };
}

Deno.test("host firewall - each forward goes to the backend libvirt uses for its bridge", async () => {
  const { iptables, nftables, firewall } = bed();
  nftables.bridges = ["virbr1"];
  nftables.notApplied = new Map([[2, () => "why not"]]);
  const answer = await firewall.apply([rule(1, "virbr0"), rule(2, "virbr1")]);
  assertEquals(iptables.applied, [[rule(1, "virbr0")]]);
  assertEquals(nftables.applied, [[rule(2, "virbr1")]]);
  assertEquals(
    [...answer].map(([id, why]) => [id, why()]),
    [[2, "why not"]],
    "the nftables side's reasons",
  );
  assertEquals(await firewall.list(), [rule(1, "virbr0"), rule(2, "virbr1")]);

  // The network restarted under iptables: its forward moves, and leaves nftables.
  nftables.bridges = [];
  await firewall.apply([rule(1, "virbr0"), rule(2, "virbr1")]);
  assertEquals(iptables.applied.at(-1), [rule(1, "virbr0"), rule(2, "virbr1")]);
  assertEquals(nftables.applied.at(-1), []);

  // Now nftables holds nothing of ours: it is left alone, and so is iptables once emptied.
  const applies = nftables.applied.length;
  await firewall.apply([rule(1, "virbr0")]);
  assertEquals(nftables.applied.length, applies, "an idle side is not touched");
  await firewall.apply([]);
  assertEquals(iptables.applied.at(-1), [], "the last rule goes");
  const emptied = iptables.applied.length;
  await firewall.apply([]);
  assertEquals(iptables.applied.length, emptied, "nothing wanted, nothing held: nothing run");
});

Deno.test("host firewall - a side that fails but holds nothing fails nothing", async () => {
  const { iptables, nftables, firewall } = bed();
  nftables.bridges = ["virbr1"];
  iptables.holdsRules = () =>
    Promise.reject(new AppError("FIREWALL_ERROR", "iptables: table incompatible"));
  iptables.apply = () =>
    Promise.reject(new AppError("FIREWALL_ERROR", "iptables: table incompatible"));
  assertEquals(await firewall.apply([rule(2, "virbr1")]), new Map());
  assertEquals(nftables.applied, [[rule(2, "virbr1")]]);
});

Deno.test("host firewall - a host with only one of iptables and nft", async () => {
  const noIptables = bed();
  noIptables.iptables.absent = true;
  await noIptables.firewall.apply([rule(1, "virbr0")]);
  assertEquals(noIptables.nftables.applied, [[rule(1, "virbr0")]], "nftables takes it all");
  assertEquals(await noIptables.firewall.list(), [rule(1, "virbr0")]);

  const noNft = bed();
  noNft.nftables.absent = true;
  assertEquals(await noNft.firewall.apply([rule(1, "virbr0")]), new Map());
  assertEquals(noNft.iptables.applied, [[rule(1, "virbr0")]]);
  assertEquals(await noNft.firewall.list(), [rule(1, "virbr0")]);

  const neither = bed();
  neither.iptables.absent = true;
  neither.nftables.absent = true;
  assertEquals(await neither.firewall.apply([]), new Map(), "nothing wanted, nothing to say");
  await assertRejects(() => neither.firewall.apply([rule(1, "virbr0")]), AppError);
});

Deno.test("host firewall - an invalid rule reaches neither backend", async () => {
  const { iptables, nftables, firewall } = bed();
  const err = await assertRejects(
    () => firewall.apply([{ ...rule(1, "virbr0"), bridge: "bad name" }]),
    AppError,
  );
  assertEquals(err.message, 'Invalid port forward rule: bad bridge name "bad name"');
  assertEquals([iptables.applied, nftables.applied], [[], []]);
});
