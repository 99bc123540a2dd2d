// The small DER (X.690) and PEM codec the certificate code needs: building elements, reading
// them back, object identifiers and times. Pure byte work, kept apart from the X.509 meaning.

import { joinBytes } from "../../shared/bytes.ts";

/** WebCrypto takes only ArrayBuffer-backed views. */
export type Bytes = Uint8Array<ArrayBuffer>;

export function tlv(tag: number, ...content: Bytes[]): Bytes {
  const body = joinBytes(content);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  if (n > 0xffff) throw new Error("DER element too long");
  return joinBytes([Uint8Array.of(tag, ...length), body]);
}

export const seq = (...items: Bytes[]) => tlv(0x30, ...items);
export const set = (...items: Bytes[]) => tlv(0x31, ...items);
export const octets = (bytes: Bytes) => tlv(0x04, bytes);
export const utf8 = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
export const derInt = (n: number) => unsignedInt(Uint8Array.of(n));

/** INTEGER from big-endian magnitude: minimal, with a 0 byte when the top bit is set. */
export function unsignedInt(bytes: Bytes): Bytes {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.slice(i);
  return tlv(0x02, trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}

export function oid(dotted: string): Bytes {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const base128 = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) {
      base128.unshift((v & 0x7f) | 0x80);
    }
    out.push(...base128);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export function oidText(content: Bytes): string {
  const nums: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      nums.push(v);
      v = 0;
    }
  }
  const first = nums.shift() ?? 0;
  const [a, b] = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [a, b, ...nums].join(".");
}

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
export function derTime(d: Date): Bytes {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "") + "Z";
  const year = d.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, new TextEncoder().encode(digits.slice(2)))
    : tlv(0x18, new TextEncoder().encode(digits));
}

export function readTime(t: Tlv): Date {
  const text = new TextDecoder().decode(t.content);
  const m = t.tag === 0x17
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : t.tag === 0x18
    ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : null;
  if (!m) throw new Error("bad validity time");
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const year = t.tag === 0x17 ? (y < 50 ? 2000 + y : 1900 + y) : y;
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

export interface Tlv {
  tag: number;
  content: Bytes;
  /** The whole element, header included. */
  whole: Bytes;
  end: number;
}

/** One element at `pos`: single-byte tags and definite lengths, as DER has them. */
export function readTlv(buf: Bytes, pos: number): Tlv {
  if (pos + 2 > buf.length) throw new Error("truncated DER");
  const tag = buf[pos];
  let length = buf[pos + 1];
  let at = pos + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || at + count > buf.length) throw new Error("bad DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[at++];
  }
  const end = at + length;
  if (end > buf.length) throw new Error("truncated DER");
  return { tag, content: buf.subarray(at, end), whole: buf.subarray(pos, end), end };
}

export function expectTag(t: Tlv | undefined, tag: number, what: string): asserts t is Tlv {
  if (t?.tag !== tag) throw new Error(`bad ${what}`);
}

/** The elements inside a constructed one, which must have `tag` (and at least `min` children). */
export function childrenOf(t: Tlv | undefined, tag: number, min = 1): Tlv[] {
  expectTag(t, tag, `element 0x${tag.toString(16)}`);
  const out: Tlv[] = [];
  for (let pos = 0; pos < t.content.length;) {
    const child = readTlv(t.content, pos);
    out.push(child);
    pos = child.end;
  }
  if (out.length < min) throw new Error("DER sequence too short");
  return out;
}

export function pemBlocks(text: string): { label: string; der: Bytes }[] {
  const blocks = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    let binary: string;
    try {
      binary = atob(m[2].replace(/\s+/g, ""));
    } catch {
      throw new Error(`bad base64 in the ${m[1]} block`);
    }
    blocks.push({ label: m[1], der: Uint8Array.from(binary, (c) => c.charCodeAt(0)) });
  }
  return blocks;
}

export function pem(label: string, der: Bytes): string {
  const b64 = btoa(Array.from(der, (b) => String.fromCharCode(b)).join(""));
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END ${label}-----\n`;
}
