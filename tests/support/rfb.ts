// Test helper: an RFB (VNC) client over the console WebSocket proxy, as far as the tests need:
// the bytes as they arrive, read by count; the 3.8 handshake with security type None; and the
// messages of RFB's extended clipboard (https://github.com/rfbproto/rfbproto, "Extended
// Clipboard Pseudo-Encoding").

import { assert, assertEquals } from "./assert.ts";
import { within } from "./guest.ts";

/** Incoming bytes of a WebSocket, read by count. */
export class WsBytes {
  #buf = new Uint8Array(0);
  #closed = false;
  #wake = () => {};
  constructor(readonly ws: WebSocket) {
    ws.binaryType = "arraybuffer";
    ws.addEventListener("message", (e) => {
      const chunk = new Uint8Array(e.data as ArrayBuffer);
      const next = new Uint8Array(this.#buf.length + chunk.length);
      next.set(this.#buf);
      next.set(chunk, this.#buf.length);
      this.#buf = next;
      this.#wake();
    });
    ws.addEventListener("close", () => {
      this.#closed = true;
      this.#wake();
    });
  }

  read(n: number, ms = 10_000): Promise<DataView> {
    return within(
      (async () => {
        while (this.#buf.length < n) {
          if (this.#closed) throw new Error(`socket closed after ${this.#buf.length}/${n} bytes`);
          await new Promise<void>((r) => this.#wake = r);
        }
        const out = this.#buf.slice(0, n);
        this.#buf = this.#buf.slice(n);
        return new DataView(out.buffer);
      })(),
      ms,
      `reading ${n} bytes of RFB`,
    );
  }
}

export const ascii = (v: DataView) => new TextDecoder().decode(v);

// Deno's WebSocket takes handshake headers (non-standard); the "dom" lib in deno.json hides
// that overload from the type checker.
export const WebSocketWithHeaders = WebSocket as unknown as new (
  url: string,
  options: { headers: HeadersInit },
) => WebSocket;

/** An open WebSocket to `wsUrl`, with `headers` (e.g. adminHeaders(server)), and its bytes. */
export async function openRfbSocket(wsUrl: string, headers: HeadersInit = {}): Promise<WsBytes> {
  const ws = new WebSocketWithHeaders(wsUrl, { headers });
  // Listening before the open event: the server's first bytes may come in the same turn.
  const bytes = new WsBytes(ws);
  await within(
    new Promise((ok, fail) => {
      ws.addEventListener("open", ok);
      ws.addEventListener("error", () => fail(new Error(`WebSocket ${wsUrl} failed`)));
    }),
    10_000,
    "WebSocket open",
  );
  return bytes;
}

/** Sends bytes given as lists of numbers, joined. */
export function sendBytes(rfb: WsBytes, ...bytes: number[][]): void {
  rfb.ws.send(new Uint8Array(bytes.flat()));
}

export const u16 = (n: number) => [n >> 8, n & 0xff];
export const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** RFB 3.8, security type None, a shared ClientInit: the framebuffer's size and name. */
export async function rfbHandshake(rfb: WsBytes) {
  assertEquals(ascii(await rfb.read(12)), "RFB 003.008\n", "ProtocolVersion");
  rfb.ws.send(new TextEncoder().encode("RFB 003.008\n"));
  const nTypes = (await rfb.read(1)).getUint8(0);
  assert(nTypes > 0, "server offered no security types");
  const types = Array.from(new Uint8Array((await rfb.read(nTypes)).buffer));
  assert(types.includes(1), `security type None not offered: ${types}`);
  sendBytes(rfb, [1]);
  assertEquals((await rfb.read(4)).getUint32(0), 0, "SecurityResult");
  sendBytes(rfb, [1]); // ClientInit, shared
  const init = await rfb.read(24); // width, height, 16-byte pixel format, name length
  const width = init.getUint16(0);
  const height = init.getUint16(2);
  const name = ascii(await rfb.read(init.getUint32(20)));
  return { width, height, name };
}

/** The extended clipboard's pseudo-encoding and flags. */
export const CLIPBOARD_EXT_ENCODING = 0xc0a1e5ce;
export const CLIPBOARD = {
  text: 1,
  caps: 1 << 24,
  request: 1 << 25,
  peek: 1 << 26,
  notify: 1 << 27,
  provide: 1 << 28,
} as const;

/** ServerCutText: plain (text) or extended (flags and the rest of its payload). */
export type CutText = { text: string } | { flags: number; payload: Uint8Array };

/**
 * Reads server messages until a ServerCutText arrives; a message of another type fails the
 * test (none other is asked for: no framebuffer update is requested).
 */
export async function readCutText(rfb: WsBytes, ms = 10_000): Promise<CutText> {
  const head = await rfb.read(8, ms);
  assertEquals(head.getUint8(0), 3, "ServerCutText message type");
  const length = head.getInt32(4);
  if (length >= 0) {
    return { text: new TextDecoder("latin1").decode(await rfb.read(length, ms)) };
  }
  const body = new Uint8Array((await rfb.read(-length, ms)).buffer);
  return { flags: new DataView(body.buffer).getUint32(0), payload: body.slice(4) };
}

/** The text of an extended "provide" payload: zlib of (u32 length, bytes), per format. */
export async function providedText(payload: Uint8Array): Promise<string> {
  const unpacked = new Uint8Array(
    await new Response(
      new Blob([payload as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
        new DecompressionStream("deflate"),
      ),
    ).arrayBuffer(),
  );
  const size = new DataView(unpacked.buffer).getUint32(0);
  // The text is UTF-8, ended by a NUL that counts in its size.
  return new TextDecoder().decode(unpacked.subarray(4, 4 + size)).replace(/\0+$/, "");
}
