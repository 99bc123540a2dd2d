import { assertEquals } from "../../tests/support/assert.ts";
import { sortRows } from "../../components/kit/table/sort.ts";
import { ipSortKey } from "./ip_sort.ts";

Deno.test("ip sort - IPv4 by number, IPv6 after, no address last", () => {
  const addresses = [
    "fe80::1",
    "10.0.0.10",
    undefined,
    "10.0.0.9",
    "192.168.1.2",
    "2001:db8::5",
    "9.255.0.1",
  ];
  assertEquals(sortRows(addresses, ipSortKey, "asc"), [
    "9.255.0.1",
    "10.0.0.9",
    "10.0.0.10",
    "192.168.1.2",
    "2001:db8::5",
    "fe80::1",
    undefined,
  ]);
  assertEquals(sortRows(addresses, ipSortKey, "desc").slice(0, 3), [
    "fe80::1",
    "2001:db8::5",
    "192.168.1.2",
  ]);
});
