import { assertEquals } from "../../tests/support/assert.ts";
import { allowedBy, blockedReason, parseAllowed } from "./address_rules.ts";

Deno.test("address rules - loopback, private, link-local, CGNAT, multicast and reserved are blocked; public is not", () => {
  const cases: [string, string | null][] = [
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", null],
    ["192.168.122.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "private (unique local)"],
    ["ff02::1", "multicast"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::a00:1", "private"],
    ["::10.0.0.1", "reserved"],
    ["8.8.8.8", null],
    ["151.101.2.132", null],
    ["2a04:4e42::644", null],
    ["::ffff:8.8.8.8", null],
    ["debian.org", "not an address"],
  ];
  for (const [address, reason] of cases) assertEquals(blockedReason(address), reason, address);
});

Deno.test("address rules - allowed addresses and networks; a host with a prefix or junk is no entry", () => {
  const allowed = ["127.0.0.1", "10.0.0.0/8", "fd00::/8"].map((s) => parseAllowed(s)!);
  assertEquals(allowedBy("127.0.0.1", allowed)?.text, "127.0.0.1");
  assertEquals(allowedBy("127.0.0.2", allowed), null);
  assertEquals(allowedBy("10.200.3.4", allowed)?.text, "10.0.0.0/8");
  assertEquals(allowedBy("::ffff:10.0.0.1", allowed)?.text, "10.0.0.0/8");
  assertEquals(allowedBy("fd12::1", allowed)?.text, "fd00::/8");
  assertEquals(allowedBy("fe80::1", allowed), null);
  for (const bad of ["10.0.0.5/8", "10.0.0.0/33", "fd00::/129", "host.example", "1.2.3.4/x", ""]) {
    assertEquals(parseAllowed(bad), null, bad);
  }
});

Deno.test("address rules - IPv4 translated and 6to4 are judged by their IPv4; Teredo and local-use NAT64 are blocked", () => {
  const cases: [string, string | null][] = [
    // IPv4-translated (::ffff:0:0:0/96, RFC 2765): the IPv4 address it carries.
    ["::ffff:0:7f00:1", "loopback"],
    ["::ffff:0:127.0.0.1", "loopback"],
    ["::ffff:0:a00:1", "private"],
    ["::ffff:0:808:808", null],
    // 6to4 (2002::/16): reached through the IPv4 address in bits 16 to 48.
    ["2002:7f00:1::1", "loopback (6to4)"],
    ["2002:c0a8:101::1", "private (6to4)"],
    ["2002:a9fe:a9fe::", "link-local (6to4)"],
    ["2002:808:808::1", null],
    // Teredo (2001::/32) and local-use NAT64 (64:ff9b:1::/48, RFC 8215): refused whole.
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo tunnel"],
    ["2001::1", "Teredo tunnel"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["64:ff9b:1:ffff::808:808", "local-use NAT64"],
    // Their neighbours stay public.
    ["2001:4860:4860::8888", null],
    ["2003::1", null],
  ];
  for (const [address, reason] of cases) assertEquals(blockedReason(address), reason, address);
  // An allowed IPv4 address covers its translated form, not a 6to4 network named after it.
  const allowed = [parseAllowed("127.0.0.1")!];
  assertEquals(allowedBy("::ffff:0:7f00:1", allowed)?.text, "127.0.0.1");
  assertEquals(allowedBy("2002:7f00:1::1", allowed), null);
  assertEquals(allowedBy("2002:7f00:1::1", [parseAllowed("2002::/16")!])?.text, "2002::/16");
});
