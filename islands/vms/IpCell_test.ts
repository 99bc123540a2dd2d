import { assertEquals } from "../../tests/support/assert.ts";
import { ipSummary } from "./IpCell.tsx";

Deno.test("vm list - the IP cell shows the first address and counts the rest", () => {
  assertEquals(ipSummary(undefined), null);
  assertEquals(ipSummary([]), null);
  assertEquals(ipSummary(["192.168.122.2"]), {
    first: "192.168.122.2",
    more: 0,
    title: "192.168.122.2",
  });
  assertEquals(ipSummary(["10.0.0.5", "10.1.0.5", "fd00::5"]), {
    first: "10.0.0.5",
    more: 2,
    title: "10.0.0.5, 10.1.0.5, fd00::5",
  });
});
