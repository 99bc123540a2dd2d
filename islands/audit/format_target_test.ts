import { assertEquals } from "../../tests/support/assert.ts";
import { shortTarget } from "./AuditTable.tsx";

Deno.test("audit - a target UUID no VM here has reads as its first eight characters", () => {
  assertEquals(shortTarget("6b5a6f1e-0000-4000-8000-000000000001"), "6b5a6f1e…");
  assertEquals(shortTarget("default"), "default");
  assertEquals(shortTarget("/var/lib/libvirt/images/a.qcow2"), "/var/lib/libvirt/images/a.qcow2");
});
