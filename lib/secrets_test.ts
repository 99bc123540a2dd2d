import { createHash, timingSafeEqual } from "node:crypto";
import { assert, assertEquals } from "../tests/support/assert.ts";
import { hashSecret, randomSecret, sameSecret } from "./secrets.ts";

Deno.test("secrets - hashes match node:crypto's SHA-256 (stored tokens stay valid)", () => {
  // FIPS 180-2's known answer, then random and non-ASCII secrets against node:crypto.
  assertEquals(
    hashSecret("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  for (
    const secret of [
      "",
      "é ü 日本",
      "x".repeat(1000),
      ...Array.from({ length: 50 }, () => randomSecret()),
    ]
  ) {
    assertEquals(hashSecret(secret), createHash("sha256").update(secret).digest("hex"), secret);
  }
});

Deno.test("secrets - sameSecret agrees with timingSafeEqual", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  for (
    const [a, b] of [["a", "a"], ["a", "b"], ["", ""], ["ab", "abc"], ["é", "e"], [
      "kvmm_1",
      "kvmm_2",
    ]]
  ) {
    const x = enc(a);
    const y = enc(b);
    assertEquals(sameSecret(a, b), x.length === y.length && timingSafeEqual(x, y), `${a} ${b}`);
  }
  const s = randomSecret();
  assert(
    sameSecret(s, s.slice()) && !sameSecret(s, s.slice(0, -1) + (s.endsWith("A") ? "B" : "A")),
  );
});
