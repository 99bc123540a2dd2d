// The VM list's filter: a name or a tag, any case, with the state filter.

import type { VmSummary } from "../../shared/vms.ts";
import { assertEquals } from "../../tests/support/assert.ts";
import { filterVms } from "./rows.ts";

const vm = (name: string, state: VmSummary["state"], tags?: string[]): VmSummary => ({
  id: name,
  name,
  state,
  cpuCount: 1,
  memoryMb: 512,
  ...(tags ? { tags } : {}),
});

Deno.test("VM rows - the filter matches names and tags, any case, within the state", () => {
  const vms = [
    vm("web", "running", ["Prod", "frontend"]),
    vm("db", "stopped", ["prod"]),
    vm("x", "running"),
  ];
  const names = (q: string, s: VmSummary["state"] | "" = "") =>
    filterVms(vms, q, s).map((v) => v.name);
  assertEquals(names("prod"), ["web", "db"]);
  assertEquals(names("FRONT"), ["web"]);
  assertEquals(names("prod", "running"), ["web"]);
  assertEquals(names(" x "), ["x"]);
  assertEquals(names(""), ["web", "db", "x"]);
});
