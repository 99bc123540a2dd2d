// CallConnections.close() resolves only once every connection it had is closed: a busy one when
// its call gives it back, and never while a close is still running inside libvirt (a process
// that ends then runs the libraries' exit handlers beside it).

import { assert, assertEquals } from "../../tests/support/assert.ts";
import { CallConnections } from "./call_connections.ts";
import { LibvirtError } from "./error.ts";
import { silenceLibvirtErrors } from "./silence_errors.ts";

// As LibvirtClient does: test:/// refuses keepalive, which is caught, but libvirt prints it too.
silenceLibvirtErrors();

const connections = () =>
  new CallConnections(
    "test:///default",
    { intervalSeconds: 5, count: 5 },
    2,
    () => Promise.resolve(new LibvirtError(0, 0, "test:///default does not open")),
  );

Deno.test("call connections - close waits for a busy connection to come back and close", async () => {
  const conns = connections();
  const busy = await conns.acquire("test", 5_000);
  const idle = await conns.acquire("test", 5_000);
  conns.release(idle);
  assertEquals(conns.size, 2);

  let closed = false;
  const closing = conns.close().then(() => closed = true);
  // The idle one closes now; the busy one is still out with its call.
  await new Promise((r) => setTimeout(r, 100));
  assertEquals(closed, false, "close resolved with a connection still out");
  assertEquals(conns.size, 1);

  conns.release(busy);
  await closing;
  assert(closed);
  assertEquals(conns.size, 0);
  await conns.acquire("test", 100).then(
    () => assert(false, "a closed pool lent a connection"),
    (err) => assertEquals((err as Error).message.includes("closed"), true, String(err)),
  );
});

Deno.test("call connections - close with nothing open resolves at once", async () => {
  await connections().close();
});
