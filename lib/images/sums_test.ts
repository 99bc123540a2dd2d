import { assertEquals } from "../../tests/support/assert.ts";
import { findInFileSums, findInSums, listSums, parseChecksum } from "./sums.ts";

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

Deno.test("sums - every line listed; a clear-signed BSD file; an algorithm asked for", () => {
  const signed = [
    "-----BEGIN PGP SIGNED MESSAGE-----",
    "Hash: SHA256",
    "",
    "# Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2: 573624320 bytes",
    `SHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2) = ${A}`,
    `SHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz) = ${"d".repeat(64)}`,
    `SHA256 (short.img) = ${"d".repeat(63)}`,
    "-----BEGIN PGP SIGNATURE-----",
    "iQIzBAEBCAAdFiEE",
    "-----END PGP SIGNATURE-----",
  ].join("\r\n");
  assertEquals(listSums(signed).map((l) => l.name), [
    "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
    "Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz",
  ]);
  const both = `SHA512 (x.iso) = ${B}\nSHA256 (x.iso) = ${A}\n`;
  assertEquals(findInSums(both, "x.iso", "sha256"), { algorithm: "sha256", hex: A });
  assertEquals(findInSums(both, "x.iso"), { algorithm: "sha512", hex: B.toLowerCase() });
  assertEquals(findInSums(`${A}  x.iso\n`, "x.iso", "sha512"), null);
});

Deno.test("sums - a file's own sums file: its line, or the bare digest alone", () => {
  const name = "alpine-virt-3.23.2-x86_64.iso";
  assertEquals(findInFileSums(`${A}  ${name}\n`, name), { algorithm: "sha256", hex: A });
  assertEquals(findInFileSums(`${B}\n`, name), { algorithm: "sha512", hex: B.toLowerCase() });
  assertEquals(findInFileSums(`${A}\n`, name, "sha512"), null);
  assertEquals(findInFileSums(`${A}  other.iso\n`, name), null);
  assertEquals(findInFileSums(`${A}\n${A}\n`, name), null);
});
