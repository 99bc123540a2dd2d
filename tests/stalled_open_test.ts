// A host whose first open never answers (a remote shell waiting on a lock, a libvirtd that hung:
// docs/guide/hosts.md): the client gives that open up at its deadline and connects on the next,
// and no call of the open holds the JavaScript thread (which runs this socket's forwarding). The host is the local libvirtd behind a
// socket made by the test, which holds its first connection silent and passes every later one
// on to libvirtd's own socket. Needs a running libvirtd (scripts/install-test-deps.sh).

import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  defineDisklessGuest,
  TEST_PREFIX,
  virsh,
} from "./support/guest.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** qemu:///system's socket: the modular daemon's (Debian 13) or the monolithic one's. */
function libvirtSocket(): string {
  for (const path of ["/run/libvirt/virtqemud-sock", "/run/libvirt/libvirt-sock"]) {
    try {
      if (Deno.statSync(path).isSocket) return path;
    } catch { /* not this one */ }
  }
  throw new Error("no libvirt socket in /run/libvirt (is libvirtd running?)");
}

/** A socket whose first connection gets no answer and whose later ones reach `target`. */
function stallingFirst(target: string) {
  const path = Deno.makeTempFileSync({ prefix: TEST_PREFIX, suffix: ".sock" });
  Deno.removeSync(path);
  const listener = Deno.listen({ transport: "unix", path });
  const conns: Deno.Conn[] = [];
  const pipes: Promise<unknown>[] = [];
  let accepted = 0;
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      if (++accepted === 1) continue;
      const daemon = await Deno.connect({ transport: "unix", path: target });
      conns.push(daemon);
      pipes.push(conn.readable.pipeTo(daemon.writable).catch(() => {}));
      pipes.push(daemon.readable.pipeTo(conn.writable).catch(() => {}));
    }
  })().catch(() => {});
  return {
    uri: `qemu+unix:///system?socket=${path}`,
    /** Connections made to the socket (the silent first one included). */
    get accepted() {
      return accepted;
    },
    async release() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed by its pipe */ }
      }
      await accepting;
      await Promise.all(pipes);
      await Deno.remove(path).catch(() => {});
    },
  };
}

Deno.test("stalled open - a host whose first open never answers connects on the next", async () => {
  await assertLibvirtReachable();
  // A defined (never started) domain of our own, to find in the list read through the socket.
  const name = `${TEST_PREFIX}stalled-${crypto.randomUUID().slice(0, 8)}`;
  const daemon = stallingFirst(libvirtSocket());
  const client = new LibvirtClient({ uri: daemon.uri, connectTimeoutMs: 1000 });
  try {
    const uuid = await defineDisklessGuest(name);

    assertEquals(await client.connect(), false, "the first open is not answered");
    assert(/did not answer within 1 s/.test(client.state.error ?? ""), client.state.error ?? "");
    // The next open follows after the reconnect delay (0.5 s) and is answered.
    const until = Date.now() + 20_000;
    while (!client.state.connected && Date.now() < until) await sleep(100);
    assert(client.state.connected, `connected on a later open: ${client.state.error}`);
    const listed = (await client.call("domainList")).map((d) => d.uuid);
    assert(listed.includes(uuid), "our domain is listed through the socket");
    // The silent connection is still held: the client did not wait for it.
    assert(daemon.accepted >= 2, `opens made: ${daemon.accepted}`);
  } finally {
    await client.close();
    await daemon.release();
    await virsh("undefine", name).catch(() => {});
  }
});
