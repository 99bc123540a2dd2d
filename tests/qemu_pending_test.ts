// Changes waiting for the next boot on real QEMU: a TCG guest's live XML (aliases, the expanded
// CPU, the tap, ports, seclabels) against its definition shows nothing pending; a vCPU and
// memory change beyond what runs shows old → new, in the VM and on the list; a reset (the same
// QEMU) leaves them waiting, a shutdown and start applies them.
// Fails (never skips) without libvirtd. Only kvmm-test-pending-* guests are touched.

import type { Vm, VmSummary } from "../shared/vms.ts";
import { adminCall, withGuestServer } from "./support/real_server.ts";
import { assertEquals } from "./support/assert.ts";
import { waitForGuestReady, waitForState } from "./support/guest.ts";

const PREFIX = "kvmm-test-pending-";

async function until(fn: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!await fn()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("qemu pending - a running TCG guest's vCPU and memory change waits until a shutdown and start", async () => {
  await withGuestServer(PREFIX, async (s, guest) => {
    const vmNow = () => adminCall<Vm>(s, "GET", `/api/vms/${guest.uuid}`);
    let vm = await vmNow();
    assertEquals([vm.state, vm.pending], ["running", []], "no false change from the live XML");

    await adminCall(s, "PATCH", `/api/vms/${guest.uuid}`, {
      cpuCount: vm.cpuCount + 1,
      memoryMb: vm.memoryMb + 64,
    });
    vm = await vmNow();
    const before = { cpus: vm.cpuCount, memory: vm.memoryMb };
    assertEquals(
      vm.pending?.filter((c) => c.field === "cpuCount" || c.field === "memoryMb"),
      [
        { field: "cpuCount", live: before.cpus, next: before.cpus + 1 },
        { field: "memoryMb", live: before.memory, next: before.memory + 64 },
      ],
    );
    await until(async () =>
      (await adminCall<VmSummary[]>(s, "GET", "/api/vms"))
        .some((v) => v.id === guest.uuid && v.changesPending === true)
    );

    // A reset keeps the QEMU process and what it runs.
    await adminCall(s, "POST", `/api/vms/${guest.uuid}/reset`);
    vm = await vmNow();
    assertEquals([vm.cpuCount, vm.pending!.length > 0], [before.cpus, true]);

    // Off and on again: QEMU starts from the definition (this guest ignores the ACPI button, so
    // it is forced off; Apply asks politely and waits).
    await adminCall(s, "POST", `/api/vms/${guest.uuid}/force-stop`);
    await waitForState(guest.name, "shut off");
    await adminCall(s, "POST", `/api/vms/${guest.uuid}/start`);
    await waitForGuestReady(guest.name);
    vm = await vmNow();
    assertEquals([vm.cpuCount, vm.memoryMb, vm.pending], [before.cpus + 1, before.memory + 64, []]);
    await until(async () =>
      !(await adminCall<VmSummary[]>(s, "GET", "/api/vms"))
        .some((v) => v.id === guest.uuid && v.changesPending)
    );
  }, { boot: true });
});
