// Byte arrays joined: what a stream or a reader gave in pieces, as one array.

/** The pieces, in order, as one new array (backed by an ArrayBuffer of its own). */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
