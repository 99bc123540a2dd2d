// Base64 for file contents. Newer Deno has Uint8Array.fromBase64/toBase64; the guest's Deno may
// be older, so atob/btoa remain the fallback.

// Checked by pieces, not one pattern over the whole text: a repeated group over megabytes of
// input overflows V8's regexp stack.
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

function isStrictBase64(text: string): boolean {
  if (text.length % 4 !== 0 || NOT_BASE64.test(text)) return false;
  const pad = text.indexOf("=");
  return pad === -1 || (pad >= text.length - 2 && /^=+$/.test(text.slice(pad)));
}

/** Decodes standard padded base64; null when `text` is anything else. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!isStrictBase64(text)) return null;
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The decoded size of a base64 text, without decoding it (for size checks first). */
export function decodedLength(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return Math.floor(text.length / 4) * 3 - padding;
}

export function encodeBase64(bytes: Uint8Array): string {
  if (typeof bytes.toBase64 === "function") return bytes.toBase64();
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}
