import { assertEquals } from "../../tests/support/assert.ts";
import type { MigrationJob } from "../../shared/migration.ts";
import { migrationBody, modesFor, progressText, targetsFrom, vmPageOn } from "./format.ts";

const job = (over: Partial<MigrationJob> = {}): MigrationJob => ({
  id: "j",
  vmId: "6695eb01-f6a4-8304-79aa-97f2502e193f",
  name: "web",
  from: "local",
  to: "rack-2",
  toName: "Rack 2",
  live: true,
  copyStorage: false,
  offline: false,
  state: "running",
  startedAt: "2026-01-01T00:00:00Z",
  progress: { phase: "starting", dataProcessed: 0, dataTotal: 0, dataRemaining: 0, percent: 0 },
  ...over,
});

Deno.test("migration format - modes follow the VM's state and become the request", () => {
  assertEquals(modesFor("running"), ["live", "paused"]);
  assertEquals(modesFor("paused"), ["live", "paused"]);
  assertEquals(modesFor("stopped"), ["offline"]);
  assertEquals(migrationBody("b", "live", true), { to: "b", live: true, copyStorage: true });
  assertEquals(migrationBody("b", "paused", false), { to: "b", live: false, copyStorage: false });
  assertEquals(migrationBody("b", "offline", true), { to: "b", offline: true });
});

Deno.test("migration format - targets leave the VM's host out and say why one is unusable", () => {
  const hosts = [
    { id: "local", name: "Main", uri: "qemu:///system", local: true, connected: true, error: null },
    {
      id: "b",
      name: "B",
      uri: "qemu+ssh://b/system",
      local: false,
      connected: false,
      error: "down",
    },
    { id: "c", name: "C", uri: "qemu+ssh://c/system", local: false, connected: true, error: null },
  ];
  assertEquals(targetsFrom(hosts, "local"), [
    { id: "b", label: "B (not connected: down)", usable: false },
    { id: "c", label: "C", usable: true },
  ]);
});

Deno.test("migration format - progress in bytes and the VM's page on its new host", () => {
  assertEquals(progressText(job()), null);
  const p = {
    phase: "copying-memory" as const,
    dataProcessed: 0,
    dataTotal: 4 << 20,
    dataRemaining: 1 << 20,
    percent: 75,
  };
  assertEquals(progressText(job({ progress: p })), "3 MiB of 4 MiB");
  assertEquals(vmPageOn(job()), "/vms/6695eb01-f6a4-8304-79aa-97f2502e193f?host=rack-2");
  assertEquals(vmPageOn(job({ to: "local" })), "/vms/6695eb01-f6a4-8304-79aa-97f2502e193f");
});
