// Proves the real-QEMU test bed works end to end: a TCG guest boots, pauses, resumes and
// obeys an ACPI shutdown. Fails (never skips) when libvirtd is missing.
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineTestGuest,
  domstate,
  TEST_PREFIX,
  virsh,
  waitForGuestReady,
  waitForState,
} from "./support/guest.ts";

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

Deno.test("guest - boots, pauses, ACPI-shuts down", async () => {
  await assertLibvirtReachable();
  const name = `${TEST_PREFIX}smoke`;
  await cleanupGuestsNamed(name);
  try {
    const guest = await defineTestGuest(name);
    assert(/^[0-9a-f-]{36}$/.test(guest.uuid), `bad uuid ${guest.uuid}`);
    assert((await domstate(name)) === "shut off", "a freshly defined guest should be shut off");

    const t0 = performance.now();
    await virsh("start", name);
    await waitForState(name, "running", 10_000);
    await waitForGuestReady(name, 60_000);
    console.log(`guest ready after ${Math.round(performance.now() - t0)} ms`);

    const display = (await virsh("domdisplay", "--type", "vnc", name)).trim();
    assert(/^vnc:\/\/127\.0\.0\.1:\d+$/.test(display), `VNC not on loopback: ${display}`);
    const xml = await virsh("dumpxml", name);
    assert(/<graphics type='vnc' port='59\d\d'/.test(xml), "no VNC port assigned in live XML");

    await virsh("suspend", name);
    await waitForState(name, "paused", 10_000);
    await virsh("resume", name);
    await waitForState(name, "running", 10_000);

    // ACPI power button, not destroy: this is what the guest's init must honour.
    const t1 = performance.now();
    await virsh("shutdown", "--mode", "acpi", name);
    await waitForState(name, "shut off", 60_000);
    console.log(`ACPI shutdown took ${Math.round(performance.now() - t1)} ms`);
  } finally {
    await cleanupGuestsNamed(name);
  }
  const left = (await virsh("list", "--all", "--name")).split("\n").filter((n) => n === name);
  assert(left.length === 0, "cleanup left the test domain behind");
});
