// Byte arrays joined: what a reader gave in pieces, as one array. The agent carries its own copy
// of such helpers (it is bundled alone, with nothing from the server's shared/).

/** `parts`, `size` bytes in all, as one array; a single part is answered as it is, uncopied. */
export function concatBytes(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
