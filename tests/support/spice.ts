// Test helper: SPICE's link step as a client speaks it through the console proxy's WebSocket, with
// its own encoder (written from spice-protocol's spice/protocol.h, not from the app's
// lib/consoles/spice_link.ts, so the two check each other); a stand-in SPICE server on loopback
// that answers link messages the way QEMU's does; and a raw WebSocket upgrade whose refusal
// (status and JSON) can be read, which a WebSocket client never sees.

import { assertEquals } from "./assert.ts";
import { within } from "./guest.ts";
import type { WsBytes } from "./rfb.ts";

export const SPICE_CHANNEL = { MAIN: 1, DISPLAY: 2, INPUTS: 3, CURSOR: 4 } as const;
/** SPICE_TICKET_PUBKEY_BYTES: a 1024-bit RSA key in X.509 SubjectPublicKeyInfo. */
export const SPICE_PUBKEY_BYTES = 162;

/**
 * SpiceLinkHeader + SpiceLinkMess: magic "REDQ", protocol 2.2, the size of what follows, then
 * connection_id, channel_type, channel_id, the numbers of common and channel caps, the caps'
 * offset (18, right after these fields) and the caps (auth selection and mini header, as
 * spice-html5 announces them). Little-endian throughout.
 */
export function spiceLinkMess(
  { connectionId = 0, channelType = SPICE_CHANNEL.MAIN as number, channelId = 0 }: {
    connectionId?: number;
    channelType?: number;
    channelId?: number;
  } = {},
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(16 + 22);
  const v = new DataView(out.buffer);
  out.set([0x52, 0x45, 0x44, 0x51]); // "REDQ"
  v.setUint32(4, 2, true); // major
  v.setUint32(8, 2, true); // minor
  v.setUint32(12, 22, true); // size of SpiceLinkMess and its caps
  v.setUint32(16, connectionId, true);
  v.setUint8(20, channelType);
  v.setUint8(21, channelId);
  v.setUint32(22, 1, true); // num_common_caps
  v.setUint32(26, 0, true); // num_channel_caps
  v.setUint32(30, 18, true); // caps_offset
  v.setUint32(34, (1 << 0) | (1 << 3), true); // PROTOCOL_AUTH_SELECTION | MINI_HEADER
  return out;
}

/** What a SpiceLinkReply says. */
export interface SpiceLinkReply {
  major: number;
  minor: number;
  error: number;
  pubKey: Uint8Array;
}

/** Reads a SpiceLinkHeader ("REDQ", 2.x) and the SpiceLinkReply it announces. */
export async function readSpiceLinkReply(ws: WsBytes): Promise<SpiceLinkReply> {
  const header = await ws.read(16);
  assertEquals(
    new TextDecoder().decode(new Uint8Array(header.buffer, 0, 4)),
    "REDQ",
    "the reply's magic",
  );
  const size = header.getUint32(12, true);
  const body = await ws.read(size);
  return {
    major: header.getUint32(4, true),
    minor: header.getUint32(8, true),
    error: body.getUint32(0, true),
    pubKey: new Uint8Array(body.buffer.slice(4, 4 + SPICE_PUBKEY_BYTES)),
  };
}

/** The link step of one channel: its link message sent, the server's reply read. */
export async function spiceLink(
  ws: WsBytes,
  mess: Parameters<typeof spiceLinkMess>[0] = {},
): Promise<SpiceLinkReply> {
  ws.ws.send(spiceLinkMess(mess));
  return await readSpiceLinkReply(ws);
}

/** A link message a stand-in server received. */
export interface SeenLink {
  connectionId: number;
  channelType: number;
}

/**
 * A stand-in SPICE server on 127.0.0.1: each connection's link message is recorded and answered
 * with a SpiceLinkReply (error 0, a 162-byte key of zeros); then it waits until closed.
 */
export function fakeSpiceServer(): {
  port: number;
  links: SeenLink[];
  /** Connections open now. */
  open(): number;
  close(): Promise<void>;
} {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const links: SeenLink[] = [];
  const conns = new Set<Deno.Conn>();
  const serve = async (conn: Deno.Conn) => {
    conns.add(conn);
    try {
      const head = new Uint8Array(22);
      let got = 0;
      while (got < head.length) {
        const n = await conn.read(head.subarray(got));
        if (n === null) return;
        got += n;
      }
      const v = new DataView(head.buffer);
      links.push({ connectionId: v.getUint32(16, true), channelType: v.getUint8(20) });
      const reply = new Uint8Array(16 + 4 + SPICE_PUBKEY_BYTES + 12);
      const r = new DataView(reply.buffer);
      reply.set([0x52, 0x45, 0x44, 0x51]);
      r.setUint32(4, 2, true);
      r.setUint32(8, 2, true);
      r.setUint32(12, reply.length - 16, true);
      r.setUint32(16 + 4 + SPICE_PUBKEY_BYTES + 8, 4 + SPICE_PUBKEY_BYTES + 12, true);
      await conn.write(reply);
      // Whatever follows is read and dropped until the proxy closes its side.
      const sink = new Uint8Array(4096);
      while (await conn.read(sink) !== null) { /* drained */ }
    } catch {
      /* closed under us */
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch { /* already closed */ }
    }
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) serve(conn);
    } catch { /* listener closed */ }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    links,
    open: () => conns.size,
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
      await accepting;
    },
  };
}

/**
 * A WebSocket upgrade request sent by hand to `origin` + `path`: the status and JSON body of a
 * refusal (a WebSocket client never sees them); 101 with a null body when it was accepted (the
 * connection is closed at once).
 */
export async function rawUpgrade(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const { hostname, port, host } = new URL(origin);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  try {
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    await conn.write(new TextEncoder().encode(
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`,
    ));
    let text = "";
    const buf = new Uint8Array(4096);
    for (;;) {
      const end = text.indexOf("\r\n\r\n");
      const status = Number(text.split(" ")[1]);
      if (end >= 0 && status === 101) return { status, body: null };
      const length = Number(/^content-length: *(\d+)/im.exec(text)?.[1] ?? 0);
      if (end >= 0 && text.length >= end + 4 + length) {
        const body = text.slice(end + 4, end + 4 + length);
        return { status, body: body ? JSON.parse(body) : null };
      }
      const n = await within(conn.read(buf), 10_000, `response to ${path}`);
      if (n === null) throw new Error(`connection closed mid-response: ${text}`);
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
  } finally {
    conn.close();
  }
}

/** SPICE_COMMON_CAP_AUTH_SPICE: the ticket (password) encrypted with the server's RSA key. */
const AUTH_SPICE = 1;

/**
 * The ticket step after a link reply, as spice-html5 takes it: SpiceLinkAuthMechanism (SPICE's
 * own) and the password with its NUL, RSA-OAEP (SHA-1) encrypted with the reply's key; the
 * server's SpiceLinkAuthReply code (0: the channel is linked).
 */
export async function spiceAuth(ws: WsBytes, pubKey: Uint8Array, password = ""): Promise<number> {
  const key = await crypto.subtle.importKey(
    "spki",
    pubKey as Uint8Array<ArrayBuffer>,
    { name: "RSA-OAEP", hash: "SHA-1" },
    false,
    ["encrypt"],
  );
  const secret = new TextEncoder().encode(`${password}\0`);
  const encrypted = new Uint8Array(await crypto.subtle.encrypt({ name: "RSA-OAEP" }, key, secret));
  const out = new Uint8Array(4 + encrypted.length);
  new DataView(out.buffer).setUint32(0, AUTH_SPICE, true);
  out.set(encrypted, 4);
  ws.ws.send(out);
  return (await ws.read(4)).getUint32(0, true);
}

/** One message under a mini header (SpiceMiniDataHeader: type u16, size u32, little-endian). */
export async function readSpiceMessage(ws: WsBytes): Promise<{ type: number; body: DataView }> {
  const head = await ws.read(6);
  const size = head.getUint32(2, true);
  return {
    type: head.getUint16(0, true),
    body: size ? await ws.read(size) : new DataView(new ArrayBuffer(0)),
  };
}

/** SPICE_MSG_MAIN_INIT: the main channel's first message once linked; it names the session. */
export const SPICE_MSG_MAIN_INIT = 103;
