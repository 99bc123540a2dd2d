// The connection supervisor against a real libvirtd: when the daemon drops us (as on a
// restart), the close callback fires, the client reconnects, re-registers domain events and
// serves calls again.

import { type ConnectionState, LibvirtClient, type LifecycleEvent } from "../ffi/client.ts";
import { assert, assertEquals } from "../lib/testing/assert.ts";
import {
  assertLibvirtReachable,
  cleanupTestGuests,
  defineTestGuest,
  TEST_PREFIX,
  virsh,
} from "./guest.ts";

async function virtAdmin(...args: string[]): Promise<string> {
  const out = await new Deno.Command("virt-admin", { args: ["-c", "libvirtd:///system", ...args] })
    .output();
  if (!out.success) {
    throw new Error(`virt-admin ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/** Disconnects every client of libvirtd: in the test run, that is only us. */
async function dropAllClients() {
  const ids = [...(await virtAdmin("srv-clients-list", "libvirtd")).matchAll(/^\s*(\d+)\s+unix/gm)]
    .map((m) => m[1]);
  assert(ids.length > 0, "libvirtd lists our connections");
  for (const id of ids) await virtAdmin("client-disconnect", "libvirtd", id).catch(() => {});
}

function waitFor<T>(target: EventTarget, type: string, pred: (d: T) => boolean, ms = 15_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${type} event in ${ms} ms`)), ms);
    const on = (e: Event) => {
      const d = (e as CustomEvent<T>).detail;
      if (!pred(d)) return;
      clearTimeout(timer);
      target.removeEventListener(type, on);
      resolve(d);
    };
    target.addEventListener(type, on);
  });
}

Deno.test("reconnect - a dropped connection is noticed, re-opened, and events flow again", async () => {
  await assertLibvirtReachable();
  await cleanupTestGuests();
  const guest = await defineTestGuest(`${TEST_PREFIX}reconnect`);
  const client = new LibvirtClient({ uri: "qemu:///system", reconnectMs: 200 });
  try {
    assert(await client.connect(), "connected");
    const lost = waitFor<ConnectionState>(client, "connection", (s) => !s.connected);
    const back = lost.then(() =>
      waitFor<ConnectionState>(client, "connection", (s) => s.connected)
    );
    await dropAllClients();
    const down = await lost;
    assert(down.error, "the lost state carries an error");
    await back;
    assertEquals(client.state.connected, true);

    const names = (await client.call("domainList")).map((r) => r.name);
    assert(names.includes(guest.name), "calls work after the reconnect");

    // QEMU also reports RESUMED while booting; STARTED (2) is the one to wait for.
    const started = waitFor<LifecycleEvent>(
      client,
      "lifecycle",
      (e) => e.uuid === guest.uuid && e.event === 2,
    );
    await virsh("start", guest.name);
    assertEquals((await started).name, guest.name);
  } finally {
    await client.close();
    await virsh("destroy", guest.name).catch(() => {});
    await cleanupTestGuests();
  }
});
