import { assertEquals } from "../../tests/support/assert.ts";
import { findInSums, parseChecksum } from "./sums.ts";

const A = "a".repeat(64);
const B = "B".repeat(128);

Deno.test("sums - a checksum given by hand", () => {
  assertEquals(parseChecksum(`sha256:${A}`), { algorithm: "sha256", hex: A });
  assertEquals(parseChecksum(`sha512:${B}`), { algorithm: "sha512", hex: B.toLowerCase() });
  for (const bad of [A, `sha256:${A}0`, `md5:${A}`, `sha512:${A}`, "sha256:xyz"]) {
    assertEquals(parseChecksum(bad), null, bad);
  }
});

Deno.test("sums - GNU and BSD sums files: the entry for the file's name", () => {
  const gnu = `${
    "c".repeat(64)
  }  debian-12-genericcloud-amd64.raw\n${A} *debian-12-genericcloud-amd64.qcow2\n`;
  assertEquals(findInSums(gnu, "debian-12-genericcloud-amd64.qcow2"), {
    algorithm: "sha256",
    hex: A,
  });
  assertEquals(findInSums(gnu, "other.qcow2"), null);
  const bsd = `# comment\nSHA256 (Fedora-Cloud.qcow2) = ${A}\nSHA512 (x.iso) = ${B}\n`;
  assertEquals(findInSums(bsd, "Fedora-Cloud.qcow2"), { algorithm: "sha256", hex: A });
  assertEquals(findInSums(bsd, "x.iso"), { algorithm: "sha512", hex: B.toLowerCase() });
  assertEquals(findInSums(`${A}  ./images/x.img\n`, "x.img"), { algorithm: "sha256", hex: A });
});
