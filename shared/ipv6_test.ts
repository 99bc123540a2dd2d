import { assertEquals } from "../tests/support/assert.ts";
import { ipv6Value, parseIpv6Cidr } from "./ipv6.ts";

Deno.test("ipv6 - addresses as 128-bit numbers, in every written form", () => {
  assertEquals(ipv6Value("::"), 0n);
  assertEquals(ipv6Value("::1"), 1n);
  assertEquals(ipv6Value("2001:db8::1"), (0x20010db8n << 96n) | 1n);
  assertEquals(ipv6Value("2001:DB8:0:0:0:0:0:1"), ipv6Value("2001:db8::1"));
  assertEquals(ipv6Value("::ffff:192.168.1.2"), (0xffffn << 32n) | 0xc0a80102n);
  assertEquals(ipv6Value("fe80::"), 0xfe80n << 112n);
  for (const bad of ["1.2.3.4", "[::1]", "fe80::1%eth0", "gg::1", "1::2::3", "", "::1/64"]) {
    assertEquals(ipv6Value(bad), null, bad);
  }
});

Deno.test("ipv6 - a CIDR is a network: prefix 0 to 128, host bits zero", () => {
  assertEquals(parseIpv6Cidr("2001:db8::/32"), { address: "2001:db8::", prefix: 32 });
  assertEquals(parseIpv6Cidr("::/0"), { address: "::", prefix: 0 });
  assertEquals(parseIpv6Cidr("2001:db8::1/128"), { address: "2001:db8::1", prefix: 128 });
  assertEquals(parseIpv6Cidr("fd00:1:2:3::/64"), { address: "fd00:1:2:3::", prefix: 64 });
  for (const bad of ["2001:db8::1/64", "2001:db8::/129", "2001:db8::", "10.0.0.0/8", "::/"]) {
    assertEquals(parseIpv6Cidr(bad), null, bad);
  }
});
