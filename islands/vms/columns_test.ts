import { assertEquals } from "../../tests/support/assert.ts";
import { sortRows } from "../../components/kit/table/sort.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { vmColumns } from "./columns.tsx";

const vm = (name: string, os?: string): VmSummary => ({
  id: name,
  name,
  state: "stopped",
  cpuCount: 1,
  memoryMb: 512,
  ...(os ? { os } : {}),
});

Deno.test("vm columns - the OS sorts by its shown name, versions as numbers, unknown last", () => {
  const column = vmColumns({ allHosts: false, actions: () => null }).find((c) => c.id === "os")!;
  const rows = [
    vm("none"),
    vm("deb10", "debian10"),
    vm("win", "win2k22"),
    vm("deb9", "debian9"),
    vm("rhel", "rhel9.4"),
    vm("odd", "someos1"),
  ];
  const order = (dir: "asc" | "desc") =>
    sortRows(rows, (r) => column.sortValue!(r), dir).map((r) => r.name);
  // "Windows Server 2022" (Microsoft's name without "Microsoft"), "RHEL 9.4"; an id osinfo's
  // names do not know sorts as itself.
  assertEquals(order("asc"), ["deb9", "deb10", "rhel", "odd", "win", "none"]);
  assertEquals(order("desc"), ["win", "odd", "rhel", "deb10", "deb9", "none"]);
});
