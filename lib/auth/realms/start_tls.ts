// StartTLS (RFC 4511, 4.14) made with Deno's own TLS, and the connection handed to ldapts as the
// socket it reads and writes. ldapts' own startTLS upgrades its node:net socket with
// `tls.connect({ socket })`, which Deno 2.9's node:tls cannot do to a socket that has carried
// bytes already (denoland/deno#33344: "Client network socket disconnected before secure TLS
// connection was established"). The request is one fixed LDAP message; the answer's result code
// is read from its BER; Deno.startTls then verifies the directory against the realm's CA.

import { Duplex } from "node:stream";

/** The StartTLS extended operation's name. */
const START_TLS_OID = "1.3.6.1.4.1.1466.20037";
/** The most an answer to StartTLS may take before it is given up as no LDAP answer. */
const MAX_ANSWER = 64 * 1024;

/**
 * LDAPMessage { messageID 1, ExtendedRequest [APPLICATION 23] { requestName [0] OID } }, DER.
 */
export function startTlsRequest(): Uint8Array {
  const oid = new TextEncoder().encode(START_TLS_OID);
  const name = [0x80, oid.length, ...oid];
  const op = [0x77, name.length, ...name];
  const body = [0x02, 0x01, 0x01, ...op];
  return new Uint8Array([0x30, body.length, ...body]);
}

/** A BER length at `at`: its value and where the content starts; null when not all there. */
function lengthAt(bytes: Uint8Array, at: number): { length: number; start: number } | null {
  if (at >= bytes.length) return null;
  const first = bytes[at];
  if (first < 0x80) return { length: first, start: at + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 3) throw new Error("not an LDAP answer (length)");
  if (at + count >= bytes.length) return null;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + bytes[at + i];
  return { length, start: at + 1 + count };
}

/**
 * The result code of the ExtendedResponse in `bytes` (0: go ahead), or null while the message is
 * not all there. Throws for bytes that are no such answer.
 */
export function startTlsResult(bytes: Uint8Array): number | null {
  if (bytes.length === 0) return null;
  if (bytes[0] !== 0x30) throw new Error("not an LDAP answer");
  const message = lengthAt(bytes, 1);
  if (!message || message.start + message.length > bytes.length) return null;
  // messageID INTEGER
  if (bytes[message.start] !== 0x02) throw new Error("not an LDAP answer (message id)");
  const id = lengthAt(bytes, message.start + 1)!;
  const opAt = id.start + id.length;
  // ExtendedResponse [APPLICATION 24], its first element resultCode ENUMERATED
  if (bytes[opAt] !== 0x78) throw new Error("not an answer to StartTLS");
  const op = lengthAt(bytes, opAt + 1)!;
  if (bytes[op.start] !== 0x0a) throw new Error("not an answer to StartTLS (result code)");
  const code = lengthAt(bytes, op.start + 1)!;
  let result = 0;
  for (let i = 0; i < code.length; i++) result = result * 256 + bytes[code.start + i];
  return result;
}

/**
 * A connection to `host`:`port` on which StartTLS succeeded, verified for the name or address
 * `host` against the public CAs and `caCerts` (PEM) beside them (Deno adds them; ldaps:// trusts
 * the CA file alone). Closed and thrown on any failure, or once `timeoutMs` passed.
 */
export async function connectStartTls(
  host: string,
  port: number,
  { caCerts, timeoutMs }: { caCerts?: string[]; timeoutMs: number },
): Promise<Deno.TlsConn> {
  let conn: Deno.TcpConn | null = null;
  let tls: Deno.TlsConn | null = null;
  let late = false;
  let expire: (err: Error) => void = () => {};
  const deadline = new Promise<never>((_, reject) => expire = reject);
  deadline.catch(() => {});
  // Past the deadline whatever holds the connection is closed, which ends the step waiting on
  // it (a connect, a read, the TLS handshake). Once Deno.startTls took the connection over, only
  // the TLS connection may be closed: closing the other would throw in this timer.
  const timer = setTimeout(() => {
    late = true;
    try {
      (tls ?? conn)?.close();
    } catch {
      // Closed already.
    }
    expire(new Error("Connection timeout"));
  }, timeoutMs);
  try {
    const connecting = Deno.connect({ hostname: host, port });
    // A connection made after the deadline is closed at once, never kept.
    connecting.then((c) => late && c.close(), () => {});
    conn = await Promise.race([connecting, deadline]);
    await conn.write(startTlsRequest());
    let answer = new Uint8Array(0);
    let result: number | null = null;
    const chunk = new Uint8Array(4096);
    while (result === null) {
      const n = await conn.read(chunk);
      if (n === null) throw new Error("the directory closed the connection before StartTLS");
      answer = new Uint8Array([...answer, ...chunk.subarray(0, n)]);
      if (answer.length > MAX_ANSWER) throw new Error("not an LDAP answer (too long)");
      result = startTlsResult(answer);
    }
    if (result !== 0) throw new Error(`the directory refused StartTLS (LDAP result ${result})`);
    tls = await Deno.startTls(conn, { hostname: host, caCerts });
    await tls.handshake();
    if (late) throw new Error("Connection timeout");
    return tls;
  } catch (err) {
    try {
      (tls ?? conn)?.close();
    } catch {
      // Closed already (by the timer).
    }
    throw late ? new Error("Connection timeout") : err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `conn` as the established node socket ldapts takes from `createConnection`: a Duplex that is
 * neither connecting nor closed, so ldapts uses it at once.
 */
export function socketOf(conn: Deno.Conn): Duplex {
  const socket = Duplex.fromWeb(
    { readable: conn.readable, writable: conn.writable },
  ) as Duplex & { connecting: boolean; readyState: string };
  socket.connecting = false;
  socket.readyState = "open";
  return socket;
}
