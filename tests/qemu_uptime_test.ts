// Real QEMU: a VM's uptime is its QEMU process's age, also for a VM that was running before the
// server started (read from libvirt's pid file and /proc), not the time since we connected.
// Fails (never skips) without libvirtd.

import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { startRealServer } from "./support/real_server.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  run,
  TEST_PREFIX,
  virsh,
} from "./support/guest.ts";
import type { Server } from "../main.ts";
import type { Vm, VmSummary } from "../shared/vms.ts";

async function get<T>(s: Server, path: string): Promise<T> {
  const res = await fetch(s.url + path, { headers: adminHeaders(s) });
  assertEquals(res.status, 200, path);
  return await res.json() as T;
}

/** The QEMU process's age in seconds, as ps tells it. */
async function psAge(name: string): Promise<number> {
  const pid = (await Deno.readTextFile(`/run/libvirt/qemu/${name}.pid`)).trim();
  return Number((await run("ps", ["-o", "etimes=", "-p", pid])).trim());
}

Deno.test("qemu uptime - a VM running before the server started shows its QEMU's age", async () => {
  await assertLibvirtReachable();
  const name = `${TEST_PREFIX}uptime`;
  await cleanupGuestsNamed(name);
  const dataDir = await Deno.makeTempDir({ prefix: TEST_PREFIX });
  let server: Server | undefined;
  try {
    const uuid = await defineDisklessGuest(name);
    await virsh("start", name);
    // Long enough that the connection's own age could not pass for the VM's.
    await new Promise((r) => setTimeout(r, 3500));
    server = await startRealServer(dataDir);
    // The list reads the start in the background: the first list may not have it yet.
    let row: VmSummary | undefined;
    for (let i = 0; i < 100 && row?.uptimeSeconds === undefined; i++) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      row = (await get<VmSummary[]>(server, "/api/vms")).find((vm) => vm.id === uuid);
    }
    const age = await psAge(name);
    assert(row?.uptimeSeconds !== undefined, "the list never gave an uptime");
    assert(row.uptimeSeconds >= 3, `uptime ${row.uptimeSeconds} s: counted from our connection?`);
    assert(Math.abs(row.uptimeSeconds - age) <= 2, `uptime ${row.uptimeSeconds} s, ps ${age} s`);
    const vm = await get<Vm>(server, `/api/vms/${uuid}`);
    assert(Math.abs(vm.uptimeSeconds! - age) <= 2, `VM page ${vm.uptimeSeconds} s, ps ${age} s`);

    await virsh("destroy", name);
    for (let i = 0; i < 100; i++) {
      const again = (await get<VmSummary[]>(server, "/api/vms")).find((v) => v.id === uuid);
      if (again?.state === "stopped") {
        assertEquals("uptimeSeconds" in again, false, "a stopped VM has no uptime");
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the VM never showed as stopped");
  } finally {
    await server?.close();
    await cleanupGuestsNamed(name);
    await Deno.remove(dataDir, { recursive: true });
  }
});
