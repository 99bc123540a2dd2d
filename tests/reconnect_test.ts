// The connection supervisor against a real libvirtd: when the daemon drops us (as on a
// restart), the close callback fires, the client reconnects, re-registers domain events and
// serves calls again; agent workers reconnect too. Only this process's connections are
// dropped: another client of the shared daemon (a virsh shell) stays connected.

import { type ConnectionState, LibvirtClient, type LifecycleEvent } from "../ffi/libvirt/client.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  defineTestGuest,
  TEST_POOL,
  TEST_PREFIX,
  virsh,
} from "./support/guest.ts";

const GUEST = `${TEST_PREFIX}reconnect`;

/** Removes this file's guest and its disk only: other test files' guests are not ours. */
async function removeGuest() {
  await virsh("destroy", GUEST).catch(() => {});
  await virsh("undefine", GUEST).catch(() => {});
  await virsh("vol-delete", "--pool", TEST_POOL, `${GUEST}.qcow2`).catch(() => {});
}

async function virtAdmin(...args: string[]): Promise<string> {
  const out = await new Deno.Command("virt-admin", { args: ["-c", "libvirtd:///system", ...args] })
    .output();
  if (!out.success) {
    throw new Error(`virt-admin ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/**
 * Disconnects this process's clients of libvirtd (the client's and its workers' connections),
 * never anyone else's: the daemon is shared with other tests, people and their tools.
 */
async function dropOwnClients() {
  const ours = await clientsOf(Deno.pid);
  assert(ours.length > 0, `libvirtd lists our connections (pid ${Deno.pid})`);
  for (const id of ours) await virtAdmin("client-disconnect", "libvirtd", id).catch(() => {});
}

/** The libvirtd client ids of process `pid`. */
async function clientsOf(pid: number): Promise<string[]> {
  const ids = [...(await virtAdmin("srv-clients-list", "libvirtd")).matchAll(/^\s*(\d+)\s+unix/gm)]
    .map((m) => m[1]);
  const found: string[] = [];
  for (const id of ids) {
    const info = await virtAdmin("client-info", "libvirtd", id).catch(() => "");
    if (/^unix_process_id\s*:\s*(\d+)\s*$/m.exec(info)?.[1] === String(pid)) found.push(id);
  }
  return found;
}

/**
 * Someone else's connection to libvirtd, as a person's virsh shell beside the tests: an
 * interactive virsh kept open until `close`.
 */
async function otherClient(): Promise<{ ids: string[]; close(): Promise<void> }> {
  const child = new Deno.Command("virsh", {
    args: ["-c", "qemu:///system"],
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
  let ids: string[] = [];
  for (let i = 0; i < 50 && ids.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    ids = await clientsOf(child.pid);
  }
  return {
    ids,
    async close() {
      await child.stdin.close();
      await child.status;
    },
  };
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
  await removeGuest();
  const guest = await defineTestGuest(GUEST);
  const client = new LibvirtClient({ uri: "qemu:///system", reconnectMs: 200 });
  const other = await otherClient();
  try {
    assert(other.ids.length === 1, `the other virsh is a client of libvirtd: ${other.ids}`);
    assert(await client.connect(), "connected");
    const lost = waitFor<ConnectionState>(client, "connection", (s) => !s.connected);
    const back = lost.then(() =>
      waitFor<ConnectionState>(client, "connection", (s) => s.connected)
    );
    await dropOwnClients();
    const down = await lost;
    assert(down.error, "the lost state carries an error");
    await back;
    assertEquals(client.state.connected, true);
    const listed = await virtAdmin("srv-clients-list", "libvirtd");
    assert(
      new RegExp(`^\\s*${other.ids[0]}\\s+unix`, "m").test(listed),
      `the other client (not ours) is still connected:\n${listed}`,
    );

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
    await other.close();
    await removeGuest();
  }
});

Deno.test("reconnect - agent workers come back too, and network events flow after the drop", async () => {
  await assertLibvirtReachable();
  const network = `${TEST_PREFIX}reconnect-net`;
  await virsh("net-undefine", network).catch(() => {});
  const client = new LibvirtClient({ uri: "qemu:///system" });
  const file = await Deno.makeTempFile({ prefix: TEST_PREFIX, suffix: ".xml" });
  try {
    assert(await client.connect(), "connected");
    // Agent workers start on first use; this one exists before the drop.
    await client.callAgent("domainList");
    const back = waitFor<ConnectionState>(client, "connection", (s) => !s.connected)
      .then(() => waitFor<ConnectionState>(client, "connection", (s) => s.connected));
    await dropOwnClients();
    await back;

    await client.callAgent("domainList");
    await client.call("domainList");
    const defined = waitFor<string>(client, "network", (name) => name === network);
    await Deno.writeTextFile(file, `<network><name>${network}</name></network>`);
    await virsh("net-define", file);
    await defined;
  } finally {
    await client.close();
    await Deno.remove(file).catch(() => {});
    await virsh("net-undefine", network).catch(() => {});
  }
});
