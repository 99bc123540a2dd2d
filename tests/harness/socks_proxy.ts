// The test Chromium's only way out of its own network namespace (chromium_in_netns.sh): a SOCKS5
// proxy (RFC 1928, CONNECT without authentication, the part Chromium uses) served on a unix
// socket. A unix socket is a path, which every network namespace sees; a TCP port is not.
// The proxy runs in the host's namespace, so "127.0.0.1:PORT" in the browser means the host's
// loopback, where the tests' servers listen. It dials only what the test made the browser open.

const VERSION = 5;
const NO_AUTH = 0;
const CONNECT = 1;
const IPV4 = 1;
const DOMAIN = 3;
const IPV6 = 4;
const SUCCEEDED = 0;
const REFUSED = 5;
const NOT_SUPPORTED = 7;

/** Reads exactly `n` bytes, or throws when the peer closes first. */
async function readExact(conn: Deno.Conn, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const read = await conn.read(out.subarray(got));
    if (read === null) throw new Error("the SOCKS client closed mid-handshake");
    got += read;
  }
  return out;
}

function reply(code: number): Uint8Array {
  // The bound address is not used by Chromium: zeros.
  return new Uint8Array([VERSION, code, 0, IPV4, 0, 0, 0, 0, 0, 0]);
}

/** The CONNECT request's target, or null for anything else (a BIND, a UDP ASSOCIATE). */
async function readRequest(conn: Deno.Conn): Promise<{ hostname: string; port: number } | null> {
  const [version, methods] = await readExact(conn, 2);
  if (version !== VERSION) throw new Error(`not SOCKS5 (version ${version})`);
  await readExact(conn, methods);
  await conn.write(new Uint8Array([VERSION, NO_AUTH]));
  const [, command, , type] = await readExact(conn, 4);
  let hostname: string;
  if (type === IPV4) hostname = (await readExact(conn, 4)).join(".");
  else if (type === DOMAIN) {
    const [length] = await readExact(conn, 1);
    hostname = new TextDecoder().decode(await readExact(conn, length));
  } else if (type === IPV6) {
    const bytes = await readExact(conn, 16);
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
    hostname = groups.join(":");
  } else throw new Error(`unknown SOCKS address type ${type}`);
  const [high, low] = await readExact(conn, 2);
  return command === CONNECT ? { hostname, port: (high << 8) | low } : null;
}

/** Copies both ways until either side ends, then closes both. */
async function splice(a: Deno.Conn, b: Deno.Conn): Promise<void> {
  const copy = (from: Deno.Conn, to: Deno.Conn) =>
    from.readable.pipeTo(to.writable, { preventClose: true }).catch(() => {});
  await Promise.race([copy(a, b), copy(b, a)]);
  for (const conn of [a, b]) {
    try {
      conn.close();
    } catch {
      // Already closed by the other direction.
    }
  }
}

async function serveOne(conn: Deno.Conn): Promise<void> {
  let target: Deno.Conn;
  try {
    const request = await readRequest(conn);
    if (!request) {
      await conn.write(reply(NOT_SUPPORTED));
      conn.close();
      return;
    }
    try {
      target = await Deno.connect(request);
    } catch {
      await conn.write(reply(REFUSED));
      conn.close();
      return;
    }
    await conn.write(reply(SUCCEEDED));
  } catch {
    try {
      conn.close();
    } catch {
      // Closed by the client.
    }
    return;
  }
  await splice(conn, target);
}

/** Serves SOCKS5 on the unix socket `path` until `close()`. */
export function serveSocks(path: string): { close(): void } {
  const listener = Deno.listen({ transport: "unix", path });
  (async () => {
    try {
      for await (const conn of listener) serveOne(conn);
    } catch {
      // Closed.
    }
  })();
  return { close: () => listener.close() };
}

/**
 * Carries every connection made to `listener` to the unix socket `path`, byte for byte, until
 * `listener` closes: the namespace's end of the way out (netns_forwarder.ts).
 */
export async function forwardToUnix(listener: Deno.Listener, path: string): Promise<void> {
  for await (const conn of listener) {
    Deno.connect({ transport: "unix", path }).then(
      (out) => splice(conn, out),
      () => conn.close(),
    );
  }
}
