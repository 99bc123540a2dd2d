// The way an https request reaches the address its name was checked as: a one-request HTTP CONNECT
// proxy on 127.0.0.1 that fetch() is pointed at. fetch() keeps the URL's name for TLS (SNI and the
// certificate's check) and asks the gate for a tunnel to it; the gate opens the tunnel to the
// checked address only, never resolving the name again (DNS rebinding). fetch() takes no address to
// connect to, and its "tcp" transport carries plain HTTP only (http:// uses that one directly).
// The gate answers one tunnel, to that name and port, with the random key its request carries;
// a gate for a program of many connections (restic's S3 backend) checks the host of each tunnel
// it is asked for, and tunnels to that check's address, until it is closed.

/** A gate's proxy for Deno.createHttpClient, and how to close it (idempotent). */
export interface Gate {
  proxy: Deno.Proxy;
  /** The same proxy as one URL with its key (HTTPS_PROXY for a child process such as restic). */
  proxyUrl: string;
  /** Why the tunnel could not be opened (the connection to the address failed), else null. */
  failure(): string | null;
  /** What the first refused tunnel's route threw (a gate with `route`), else null. */
  refusal(): unknown;
  close(): void;
}

/** The most bytes a CONNECT request's head may take. */
const MAX_HEAD = 8192;
const USER = "kvm-manager";

const encoder = new TextEncoder();

/** The request's head (up to the blank line) and any bytes after it; null when it never ends. */
async function readHead(
  conn: Deno.Conn,
): Promise<{ head: string; rest: Uint8Array } | null> {
  const buffer = new Uint8Array(MAX_HEAD);
  let length = 0;
  while (length < MAX_HEAD) {
    const n = await conn.read(buffer.subarray(length));
    if (n === null) return null;
    length += n;
    const text = new TextDecoder("latin1").decode(buffer.subarray(0, length));
    const end = text.indexOf("\r\n\r\n");
    if (end >= 0) return { head: text.slice(0, end), rest: buffer.slice(end + 4, length) };
  }
  return null;
}

function closeQuietly(...closers: { close(): void }[]) {
  for (const c of closers) {
    try {
      c.close();
    } catch {
      // Closed already.
    }
  }
}

/** Copies both ways until either side ends, then closes both. */
function splice(a: Deno.Conn, b: Deno.Conn): void {
  const ends = [
    a.readable.pipeTo(b.writable, { preventClose: true }),
    b.readable.pipeTo(a.writable, { preventClose: true }),
  ].map((p) => p.catch(() => {}));
  Promise.race(ends).finally(() => closeQuietly(a, b));
}

/**
 * Where a tunnel asked for goes: the checked address and port, or a throw saying why not (the
 * gate answers 403 and keeps the error as its refusal).
 */
export type TunnelRoute = (target: string) => Promise<{ address: string; port: number }>;

/**
 * Opens a gate. For one https request: to `authority` ("name:port", as the URL has the name),
 * connecting to `address` (checked) and `port`, once. For a program of many connections: `route`
 * decides each tunnel (checking its host as it is asked for) until the gate is closed.
 */
export function openGate(
  spec: { authority: string; address: string; port: number } | { route: TunnelRoute },
): Gate {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const key = crypto.randomUUID();
  const expected = `Basic ${btoa(`${USER}:${key}`)}`;
  const many = "route" in spec;
  let used = false;
  let failure: string | null = null;
  let refusal: unknown = null;
  const forbid = async (conn: Deno.Conn) => {
    await conn.write(encoder.encode("HTTP/1.1 403 Forbidden\r\n\r\n")).catch(() => {});
    closeQuietly(conn);
  };

  const answer = async (conn: Deno.Conn) => {
    const request = await readHead(conn).catch(() => null);
    const [line, ...fields] = request?.head.split("\r\n") ?? [];
    const auth = fields.find((f) => /^proxy-authorization:/i.test(f))?.replace(/^[^:]*:\s*/, "");
    const [method, target] = line?.split(" ") ?? [];
    if (!request || used || auth !== expected || method !== "CONNECT" || !target) {
      return await forbid(conn);
    }
    let address: string;
    let port: number;
    if ("route" in spec) {
      try {
        ({ address, port } = await spec.route(target));
      } catch (err) {
        refusal ??= err;
        return await forbid(conn);
      }
    } else {
      if (target.toLowerCase() !== spec.authority.toLowerCase()) return await forbid(conn);
      ({ address, port } = spec);
    }
    if (!many) {
      used = true;
      closeQuietly(listener);
    }
    let upstream: Deno.Conn;
    try {
      upstream = await Deno.connect({ hostname: address, port });
    } catch (err) {
      failure = (err as Error).message;
      await conn.write(encoder.encode("HTTP/1.1 502 Bad Gateway\r\n\r\n")).catch(() => {});
      return closeQuietly(conn);
    }
    try {
      await conn.write(encoder.encode("HTTP/1.1 200 Connection established\r\n\r\n"));
      if (request.rest.length) await upstream.write(request.rest);
    } catch {
      return closeQuietly(conn, upstream);
    }
    splice(conn, upstream);
  };

  (async () => {
    try {
      for await (const conn of listener) answer(conn).catch(() => closeQuietly(conn));
    } catch {
      // Closed: the request is done or its tunnel is open.
    }
  })();

  const { port: gatePort } = listener.addr as Deno.NetAddr;
  return {
    proxy: {
      transport: "http",
      url: `http://127.0.0.1:${gatePort}`,
      basicAuth: { username: USER, password: key },
    },
    proxyUrl: `http://${USER}:${key}@127.0.0.1:${gatePort}`,
    failure: () => failure,
    refusal: () => refusal,
    close: () => closeQuietly(listener),
  };
}
