// The nft rules of a port forward and the reading of `nft -j` listings, against listings the
// real nft 1.0.6 printed (tests/firewall_traffic_test.ts runs them against the real thing).

import { assertEquals } from "../../tests/support/assert.ts";
import {
  acceptRule,
  applyScript,
  metaMatch,
  nftRules,
  ourId,
  outputRule,
  preroutingRule,
  readAccept,
  readDnat,
  rejects,
} from "./nftables_rules.ts";
import { whyNot } from "./nftables.ts";
import type { ForwardRule, NotApplied } from "./types.ts";

/** The reasons, worded. */
const worded = (why: NotApplied) => [...why].map(([id, reason]) => [id, reason()]);

const WEB: ForwardRule = {
  id: 7,
  protocol: "tcp",
  hostPort: 8080,
  guestIp: "192.168.122.10",
  guestPort: 80,
  bridge: "virbr0",
};

// `nft -j -a list chain ip libvirt_network guest_input` after our accept was inserted.
const LISTING = JSON.stringify({
  nftables: [
    { metainfo: { version: "1.0.6", json_schema_version: 1 } },
    { chain: { family: "ip", table: "libvirt_network", name: "guest_input", handle: 3 } },
    {
      rule: {
        family: "ip",
        table: "libvirt_network",
        chain: "guest_input",
        handle: 15,
        comment: "kvmm:7",
        expr: [
          { match: { op: "==", left: { meta: { key: "oifname" } }, right: "virbr0" } },
          {
            match: {
              op: "==",
              left: { payload: { protocol: "ip", field: "daddr" } },
              right: "192.168.122.10",
            },
          },
          {
            match: { op: "==", left: { payload: { protocol: "tcp", field: "dport" } }, right: 80 },
          },
          { match: { op: "in", left: { ct: { key: "status" } }, right: "dnat" } },
          { counter: { packets: 0, bytes: 0 } },
          { accept: null },
        ],
      },
    },
    {
      rule: {
        family: "ip",
        table: "libvirt_network",
        chain: "guest_input",
        handle: 11,
        expr: [
          { match: { op: "==", left: { meta: { key: "oif" } }, right: "virbr0" } },
          {
            match: {
              op: "==",
              left: { payload: { protocol: "ip", field: "daddr" } },
              right: { prefix: { addr: "192.168.122.0", len: 24 } },
            },
          },
          {
            match: {
              op: "in",
              left: { ct: { key: "state" } },
              right: ["established", "related"],
            },
          },
          { counter: { packets: 0, bytes: 0 } },
          { accept: null },
        ],
      },
    },
    {
      rule: {
        family: "ip",
        table: "libvirt_network",
        chain: "guest_input",
        handle: 12,
        expr: [
          { match: { op: "==", left: { meta: { key: "oif" } }, right: "virbr0" } },
          { counter: { packets: 0, bytes: 0 } },
          { reject: { type: "icmp", expr: "port-unreachable" } },
        ],
      },
    },
  ],
});

Deno.test("nftables rules - a forward's DNAT, its host-side twin and its accept", () => {
  assertEquals(
    preroutingRule(WEB),
    'fib daddr type local tcp dport 8080 counter dnat to 192.168.122.10:80 comment "kvmm:7"',
  );
  assertEquals(
    outputRule(WEB),
    "ip daddr != 127.0.0.0/8 " +
      'fib daddr type local tcp dport 8080 counter dnat to 192.168.122.10:80 comment "kvmm:7"',
  );
  assertEquals(
    acceptRule({ ...WEB, protocol: "udp" }),
    'oifname "virbr0" ip daddr 192.168.122.10 udp dport 80 ct status dnat counter accept ' +
      'comment "kvmm:7"',
  );
});

Deno.test("nftables rules - one transaction: our table replaced, old accepts out, new ones in", () => {
  const script = applyScript([WEB], [WEB], [15, 16]);
  const lines = script.trim().split("\n");
  assertEquals(lines.slice(0, 3), [
    "add table ip kvm_manager",
    "delete table ip kvm_manager",
    "table ip kvm_manager {",
  ]);
  assertEquals(lines.slice(-3), [
    "delete rule ip libvirt_network guest_input handle 15",
    "delete rule ip libvirt_network guest_input handle 16",
    `insert rule ip libvirt_network guest_input ${acceptRule(WEB)}`,
  ]);
  assertEquals(
    applyScript([], [], [15]),
    "add table ip kvm_manager\ndelete table ip kvm_manager\n" +
      "delete rule ip libvirt_network guest_input handle 15\n",
    "nothing wanted: our table goes, and our accept",
  );
  const inactive = applyScript([WEB], [], []);
  assertEquals(inactive.includes("insert rule"), false, "no accept for a bridge libvirt lacks");
});

Deno.test("nftables rules - libvirt's chain read back: its bridges, our accept, its reject", () => {
  const rules = nftRules(LISTING);
  assertEquals(rules.map((r) => r.handle), [15, 11, 12]);
  assertEquals(rules.map(ourId), [7, null, null]);
  assertEquals(rules.map(rejects), [false, false, true]);
  assertEquals(metaMatch(rules[2], "oif"), "virbr0");
  assertEquals(readAccept(rules[0]), {
    id: 7,
    bridge: "virbr0",
    guestIp: "192.168.122.10",
    protocol: "tcp",
    guestPort: 80,
  });
  assertEquals(readAccept(rules[1]), null, "libvirt's own");
  assertEquals(ourId({ ...rules[0], comment: "kvmm:0" }), null);
  assertEquals(ourId({ ...rules[0], comment: "kvmm:7 and more" }), null);
});

Deno.test("nftables rules - our DNAT read back", () => {
  const dnat = {
    family: "ip",
    table: "kvm_manager",
    chain: "prerouting",
    handle: 4,
    comment: "kvmm:7",
    expr: [
      { match: { op: "==", left: { fib: { result: "type", flags: ["daddr"] } }, right: "local" } },
      { match: { op: "==", left: { payload: { protocol: "tcp", field: "dport" } }, right: 8080 } },
      { counter: { packets: 0, bytes: 0 } },
      { dnat: { addr: "192.168.122.10", port: 80 } },
    ],
  };
  assertEquals(readDnat(dnat), {
    id: 7,
    protocol: "tcp",
    hostPort: 8080,
    guestIp: "192.168.122.10",
    guestPort: 80,
  });
  assertEquals(readDnat({ ...dnat, comment: undefined }), null, "not ours");
});

Deno.test("nftables rules - a forward carries traffic only with its accept ahead of the reject", () => {
  const rules = nftRules(LISTING);
  const libvirt = { present: true, bridges: new Set(["virbr0"]), rules };
  assertEquals(worded(whyNot([WEB], libvirt)), []);
  // libvirt restarted the network: its reject is back on top.
  const restarted = { ...libvirt, rules: [rules[1], rules[2], rules[0]] };
  assertEquals(worded(whyNot([WEB], restarted)), [
    [7, "libvirt's nftables rules for bridge virbr0 reject it ahead of ours"],
  ]);
  assertEquals(worded(whyNot([{ ...WEB, bridge: "virbr5" }], libvirt)), [
    [7, "libvirt's nftables table has no rules for bridge virbr5: its network is not running"],
  ]);
  assertEquals(
    whyNot([WEB], { ...libvirt, rules: [rules[1], rules[2]] }).size,
    1,
    "our accept missing",
  );
});
