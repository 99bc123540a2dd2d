// The library entries' resolution against a real HTTP server on loopback (allowed explicitly):
// the newest file a pattern matches in a GNU sums file, in a BSD CHECKSUM file whose own name
// is found in its folder's index page, and in an index page with per-file sums files; each
// through a local mirror, as downloads fetch them.

import { assert, assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { sha256Hex, startWebFiles } from "../../tests/support/web_files.ts";
import { parseAllowed } from "../outbound/address_rules.ts";
import { AppError } from "../errors.ts";
import { EntryResolver, namesInIndex, type Wanted } from "./resolve.ts";

const rules = () => ({ allowed: [parseAllowed("127.0.0.1")!], headersTimeoutMs: 2000 });
const bytes = (text: string) => new TextEncoder().encode(text);
const A = sha256Hex(bytes("a"));
const B = sha256Hex(bytes("b"));
const C = "c".repeat(128);

/** An index page as Apache writes it: sort links, the parent folder, files. */
function apacheIndex(names: string[]): string {
  return `<html><body><h1>Index of /x</h1><pre><a href="?C=N;O=D">Name</a> <a href="../">Parent Directory</a>\n${
    names.map((n) => `<a href="${encodeURIComponent(n)}">${n}</a>  2026-01-01 10:00  1.2M`).join(
      "\n",
    )
  }</pre></body></html>`;
}

Deno.test("resolve - index pages: the names linked, not folders or sort links", () => {
  assertEquals(
    namesInIndex(
      apacheIndex(["a b.iso", "c.iso.sha256"]) + `<a href='sub/'>sub</a><a href="/x/d.img">`,
    ),
    ["a b.iso", "c.iso.sha256", "d.img"],
  );
});

Deno.test("resolve - the newest file a pattern matches, from a GNU sums file, a BSD CHECKSUM found by its pattern, and per-file sums files", async () => {
  await using web = startWebFiles();
  const mirror = web.url("/m/");
  const resolver = new EntryResolver({
    rules,
    mirrored: (u) => u.startsWith("https://example.org/") ? mirror + u.slice(20) : u,
  });

  // GNU: Debian's netinst folder (its SHA512SUMS lists the Edu image too).
  web.serveText(
    "/m/debian/SHA512SUMS",
    [
      `${"1".repeat(128)}  debian-13.2.0-amd64-netinst.iso`,
      `${C}  debian-13.10.0-amd64-netinst.iso`,
      `${"2".repeat(128)}  debian-edu-13.11.0-amd64-netinst.iso`,
    ].join("\n"),
  );
  const debian: Wanted = {
    url: "https://example.org/debian/",
    pattern: "debian-13.*-amd64-netinst.iso",
    checksumUrl: "https://example.org/debian/SHA512SUMS",
    checksum: null,
    algorithm: "sha512",
  };
  assertEquals(await resolver.resolve(debian), {
    url: web.url("/m/debian/debian-13.10.0-amd64-netinst.iso"),
    fileName: "debian-13.10.0-amd64-netinst.iso",
    checksum: { algorithm: "sha512", hex: C },
  });

  // BSD: Fedora's folder, whose CHECKSUM file's name carries the release too.
  web.serveText(
    "/m/fedora/",
    apacheIndex([
      "Fedora-Cloud-43-1.2-x86_64-CHECKSUM",
      "Fedora-Cloud-43-1.6-x86_64-CHECKSUM",
      "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
    ]),
  );
  web.serveText(
    "/m/fedora/Fedora-Cloud-43-1.6-x86_64-CHECKSUM",
    `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2) = ${A}\nSHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz) = ${B}\n`,
  );
  const before = web.requests().length;
  const fedora = await resolver.resolve({
    url: "https://example.org/fedora/",
    pattern: "Fedora-Cloud-Base-Generic-43-*.x86_64.qcow2",
    checksumUrl: "https://example.org/fedora/Fedora-Cloud-43-*-x86_64-CHECKSUM",
    checksum: null,
    algorithm: "sha256",
  });
  assertEquals(fedora, {
    url: web.url("/m/fedora/Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2"),
    fileName: "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
    checksum: { algorithm: "sha256", hex: A },
  });
  assertEquals(web.requests().slice(before).map((r) => r.path), [
    "/m/fedora/",
    "/m/fedora/Fedora-Cloud-43-1.6-x86_64-CHECKSUM",
  ]);

  // Per-file: Alpine's cloud folder, each image with its own .sha512 (the bare digest).
  web.serveText(
    "/m/alpine/",
    apacheIndex([
      "nocloud_alpine-3.23.2-x86_64-bios-cloudinit-r0.qcow2",
      "nocloud_alpine-3.23.2-x86_64-bios-cloudinit-r0.qcow2.sha512",
      "nocloud_alpine-3.23.10-x86_64-bios-cloudinit-r1.qcow2",
      "nocloud_alpine-3.23.10-x86_64-bios-cloudinit-r1.qcow2.sha512",
      "nocloud_alpine-3.23.11-x86_64-bios-tiny-r0.qcow2",
    ]),
  );
  web.serveText("/m/alpine/nocloud_alpine-3.23.10-x86_64-bios-cloudinit-r1.qcow2.sha512", `${C}\n`);
  const alpine: Wanted = {
    url: "https://example.org/alpine/",
    pattern: "nocloud_alpine-3.23.*-x86_64-bios-cloudinit-r*.qcow2",
    checksumUrl: "https://example.org/alpine/{file}.sha512",
    checksum: null,
    algorithm: "sha512",
  };
  assertEquals(await resolver.resolve(alpine), {
    url: web.url("/m/alpine/nocloud_alpine-3.23.10-x86_64-bios-cloudinit-r1.qcow2"),
    fileName: "nocloud_alpine-3.23.10-x86_64-bios-cloudinit-r1.qcow2",
    checksum: { algorithm: "sha512", hex: C },
  });

  // A stable address keeps working as before: its name, its line of the sums file.
  web.serveText("/m/stable/SHA256SUMS", `${A} *disk.qcow2\n`);
  assertEquals(
    await resolver.resolve({
      url: "https://example.org/stable/disk.qcow2",
      checksumUrl: "https://example.org/stable/SHA256SUMS",
      checksum: null,
    }),
    {
      url: web.url("/m/stable/disk.qcow2"),
      fileName: "disk.qcow2",
      checksum: { algorithm: "sha256", hex: A },
    },
  );
});

Deno.test("resolve - refusals: nothing matching, a missing per-file sums file, a sums file without the file", async () => {
  await using web = startWebFiles();
  const resolver = new EntryResolver({ rules, mirrored: (u) => u });
  web.serveText("/d/SHA256SUMS", `${A}  debian-12.9.0-amd64-netinst.iso\n`);
  const none = await assertRejects(
    () =>
      resolver.resolve({
        url: web.url("/d/"),
        pattern: "debian-13.*-amd64-netinst.iso",
        checksumUrl: web.url("/d/SHA256SUMS"),
        checksum: null,
      }),
    AppError,
  );
  assertEquals(none.code, "SOURCE_FAILED");
  assert(
    /lists no file named like debian-13\.\*-amd64-netinst\.iso/.test(none.message),
    none.message,
  );

  web.serveText("/a/", apacheIndex(["alpine-virt-3.23.1-x86_64.iso"]));
  const missing = await assertRejects(
    () =>
      resolver.resolve({
        url: web.url("/a/"),
        pattern: "alpine-virt-3.23.*-x86_64.iso",
        checksumUrl: web.url("/a/{file}.sha256"),
        checksum: null,
      }),
    AppError,
  );
  assertEquals(missing.code, "SOURCE_FAILED");
  assert(
    /answered 404 for \/a\/alpine-virt-3\.23\.1-x86_64\.iso\.sha256/.test(missing.message),
    missing.message,
  );

  const unlisted = await assertRejects(
    () =>
      resolver.resolve({
        url: web.url("/d/other.iso"),
        checksumUrl: web.url("/d/SHA256SUMS"),
        checksum: null,
      }),
    AppError,
  );
  assertEquals(unlisted.code, "CHECKSUM_MISMATCH");
});
