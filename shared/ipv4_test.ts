import { assert, assertEquals } from "../tests/support/assert.ts";
import {
  formatCidr,
  formatIpv4,
  inSubnet,
  netmaskPrefix,
  parseCidr,
  parseIpv4,
  rangesOverlap,
  subnetsOverlap,
} from "./ipv4.ts";

Deno.test("parseIpv4 reads dotted quads and refuses anything else", () => {
  assertEquals(parseIpv4("192.168.100.1"), 0xc0a86401);
  assertEquals(formatIpv4(0xc0a86401), "192.168.100.1");
  for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", "", 5]) {
    assertEquals(parseIpv4(bad), null, String(bad));
  }
});

Deno.test("parseCidr gives the host range and refuses host bits", () => {
  const s = parseCidr("192.168.100.0/24")!;
  assertEquals(formatIpv4(s.first), "192.168.100.1");
  assertEquals(formatIpv4(s.last), "192.168.100.254");
  assertEquals(formatCidr(s), "192.168.100.0/24");
  assertEquals(parseCidr("192.168.100.1/24"), null);
  assertEquals(parseCidr("192.168.100.0/33"), null);
  assert(inSubnet(parseIpv4("192.168.100.9")!, s));
  assert(!inSubnet(parseIpv4("192.168.101.9")!, s));
  assert(!inSubnet(parseIpv4("192.168.100.255")!, s));
});

Deno.test("overlap checks for subnets and ranges", () => {
  assert(subnetsOverlap(parseCidr("10.0.0.0/8")!, parseCidr("10.1.0.0/16")!));
  assert(!subnetsOverlap(parseCidr("10.0.0.0/24")!, parseCidr("10.0.1.0/24")!));
  assert(rangesOverlap(1, 5, 5, 9));
  assert(!rangesOverlap(1, 4, 5, 9));
});

Deno.test("netmaskPrefix reads contiguous masks only", () => {
  assertEquals(netmaskPrefix("255.255.255.0"), 24);
  assertEquals(netmaskPrefix("255.255.255.255"), 32);
  assertEquals(netmaskPrefix("255.0.255.0"), null);
});
