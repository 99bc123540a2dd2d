// /api/vms/:id/firewall on libvirt's test driver: every refusal of a bad body through the API,
// in words that name the rule, and nothing changed by one. The test driver has no network
// filters: a good body reaches libvirt and comes back 501 in its words (the real filter is
// proven on libvirtd, tests/qemu_firewall_test.ts).

import { assertEquals, assertMatch } from "../../tests/support/assert.ts";
import type { ApiError } from "../../shared/errors.ts";
import { withTestApp } from "../../tests/harness/test_app.ts";

const GOOD = {
  enabled: true,
  antiSpoofing: true,
  inboundPolicy: "drop",
  outboundPolicy: "accept",
  rules: [{ action: "accept", direction: "in", protocol: "tcp", port: "22" }],
};
const rule = (r: Record<string, unknown>) => ({
  ...GOOD,
  rules: [GOOD.rules[0], { action: "accept", direction: "in", protocol: "tcp", ...r }],
});

Deno.test("vm firewall API - bad bodies are 400 naming the rule and field", async () => {
  await withTestApp(async ({ req }) => {
    const cases: [unknown, RegExp, string?][] = [
      [{ ...GOOD, enabled: "yes" }, /^enabled must be true or false$/, "enabled"],
      [
        { ...GOOD, inboundPolicy: "maybe" },
        /^Invalid inboundPolicy "maybe": must be one of accept, drop$/,
      ],
      [{ ...GOOD, extra: 1 }, /^Unknown field: extra$/],
      [["rules"], /^Body must be a JSON object like/],
      [{ ...GOOD, rules: Array(201).fill(GOOD.rules[0]) }, /^rules lists at most 200 rules$/],
      [rule({ port: "0" }), /^Rule 2: Invalid port "0": a port from 1 to 65535/, "rules[1].port"],
      [rule({ port: "90-80" }), /^Rule 2: Invalid port "90-80"/],
      [rule({ port: "http" }), /^Rule 2: Invalid port "http"/],
      [rule({ protocol: "icmp", port: "22" }), /^Rule 2: Only TCP and UDP rules take a port$/],
      [
        rule({ protocol: "sctp" }),
        /^Rule 2: Invalid protocol "sctp": must be one of tcp, udp, icmp, all$/,
      ],
      [rule({ action: "allow" }), /^Rule 2: Invalid action "allow"/],
      [rule({ direction: "both" }), /^Rule 2: Invalid direction "both"/],
      [
        rule({ remote: "10.0.0.1/8" }),
        /^Rule 2: Invalid address "10.0.0.1\/8": an IPv4 or IPv6 address, or a CIDR/,
      ],
      [rule({ remote: "2001:db8::1/32" }), /^Rule 2: Invalid address "2001:db8::1\/32"/],
      [rule({ remote: "fe80::1%eth0" }), /^Rule 2: Invalid address "fe80::1%eth0"/],
      [rule({ remote: "2001:db8::/129" }), /^Rule 2: Invalid address/],
      [rule({ remote: "1".repeat(44) }), /^Rule 2: Invalid address/],
      [rule({ family: "ipv5" }), /^Rule 2: Invalid family "ipv5": must be one of ipv4, ipv6$/],
      [
        rule({ remote: "10.0.0.0/8", family: "ipv6" }),
        /^Rule 2: The address 10.0.0.0\/8 is IPv4; the rule cannot be IPv6 only$/,
        "rules[1].family",
      ],
      [rule({ comment: "a\nb" }), /^Rule 2: A rule's comment is at most 256 characters/],
      [rule({ comment: "x".repeat(257) }), /^Rule 2: A rule's comment is at most 256 characters/],
      [rule({ colour: "red" }), /^Rule 2: /],
    ];
    for (const [body, words, field] of cases) {
      const res = await req("PUT", "/api/vms/web/firewall", body);
      const err = await res.json() as ApiError & { field?: string };
      assertEquals(res.status, 400, JSON.stringify(body).slice(0, 200));
      assertMatch(err.message, words);
      if (field) assertEquals(err.field, field);
    }
  });
});

Deno.test("vm firewall API - the test driver has no network filters: 501 in libvirt's words", async () => {
  await withTestApp(async ({ req }) => {
    // IPv6 rules pass the checks: libvirt is asked, and refuses for want of filters.
    const ipv6 = {
      ...GOOD,
      rules: [
        { action: "accept", direction: "in", protocol: "tcp", port: "22", remote: "fd00::/8" },
        { action: "drop", direction: "in", protocol: "icmp", family: "ipv6" },
        { action: "accept", direction: "out", protocol: "all", remote: "::", family: "ipv6" },
      ],
    };
    for (const [method, body] of [["GET", undefined], ["PUT", GOOD], ["PUT", ipv6]] as const) {
      const res = await req(method, "/api/vms/web/firewall", body);
      const err = await res.json() as ApiError;
      assertEquals([res.status, err.code], [501, "NOT_SUPPORTED"], method);
      assertMatch(err.message, /not supported by the connection driver: virNWFilter/);
    }
    const missing = await req("GET", "/api/vms/nope/firewall");
    assertEquals(missing.status, 404);
  });
});
