import { assertEquals } from "../tests/support/assert.ts";
import { decodeBase64, decodedLength, encodeBase64 } from "./base64.ts";

Deno.test("base64 - strict standard base64 only", () => {
  for (const [text, size] of [["", 0], ["aGk=", 2], ["aGVsbA==", 4], ["aGVsbG8=", 5]] as const) {
    assertEquals(decodeBase64(text)?.length, size);
    assertEquals(decodedLength(text), size);
  }
  for (const bad of ["aGk", "a=Gk", "aGk==", "a===", "aGk=\n", " aGk", "aG-k", "aG_k"]) {
    assertEquals(decodeBase64(bad), null, bad);
  }
});

Deno.test("base64 - megabytes both ways, with and without Uint8Array.fromBase64", () => {
  const bytes = new Uint8Array(12 * 1024 * 1024).map((_, i) => i * 7);
  const text = encodeBase64(bytes);
  assertEquals(decodeBase64(text), bytes);
  assertEquals(decodeBase64(text.slice(0, -1) + "!"), null);
  // An older Deno's V8 has neither method: the atob/btoa path must agree.
  const small = bytes.subarray(0, 100_000);
  const native = { from: Uint8Array.fromBase64, to: Uint8Array.prototype.toBase64 };
  try {
    (Uint8Array as any).fromBase64 = undefined;
    (Uint8Array.prototype as any).toBase64 = undefined;
    assertEquals(encodeBase64(small), native.to.call(small));
    assertEquals(decodeBase64(native.to.call(small)), small);
  } finally {
    Uint8Array.fromBase64 = native.from;
    Uint8Array.prototype.toBase64 = native.to;
  }
});
