// Downloads from a URL into a pool on real libvirtd (qemu:///system), from a real HTTP server on
// loopback (tests/support/web_files.ts) that the test allows explicitly: the volume's bytes
// equal the served file's (a qcow2 as is, a .gz unpacked), a connection cut mid-file is resumed
// with ranges to the same bytes, a wrong checksum or an image with a backing file leaves no
// volume, a cancelled download leaves none, and loopback and private addresses (and redirects
// to them) are refused until allowed; shipped library entries whose file names carry their
// release find the newest file in a served sums file (GNU and BSD), arrive checked and count as
// in the pool. Fails (never skips) without libvirtd.

import { createHash } from "node:crypto";
import { assert, assertEquals } from "./support/assert.ts";
import {
  imageInfo,
  type RealApp,
  removePool,
  run,
  sha256OfFile,
  T4_PREFIX,
  virsh,
  withRealApp,
} from "./support/real_app.ts";
import { assertLibvirtReachable } from "./support/guest.ts";
import { sha256Hex, sha256sums, startWebFiles } from "./support/web_files.ts";
import { diskBytes, ended, wizardProps } from "./support/image_downloads.ts";
import type { WebFiles } from "./support/web_files.ts";
import { LibvirtClient } from "../ffi/libvirt/client.ts";
import { Store } from "../lib/store.ts";
import { ImageSettingsStore } from "../lib/images/settings.ts";
import { ImageLibraryService } from "../lib/images/library.ts";
import { DownloadService } from "../lib/images/downloads.ts";
import { VolumeService } from "../lib/storage/volumes.ts";
import { PoolService } from "../lib/storage/pools.ts";

const IMAGES = "/var/lib/libvirt/images";
const POOL = `${T4_PREFIX}dl`;
const MIB = 1024 * 1024;

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const packed = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(packed).arrayBuffer());
}

/** The pool in a fresh folder under the images dir, the server, and a scratch dir; all go after. */
async function withDownloads(
  fn: (t: RealApp, server: WebFiles, scratch: string, root: string) => Promise<void>,
) {
  await assertLibvirtReachable();
  await removePool(POOL);
  const root = await Deno.makeTempDir({ dir: IMAGES, prefix: `${T4_PREFIX}dl-` });
  const scratch = await Deno.makeTempDir({ prefix: "kvmm-img-" });
  const server = startWebFiles();
  try {
    await withRealApp({ storageRoots: [IMAGES] }, async (t) => {
      const made = await t.call("POST", "/api/pools", { name: POOL, type: "dir", path: root });
      assertEquals(made.status, 201, JSON.stringify(made.body));
      await fn(t, server, scratch, root);
    });
  } finally {
    await server.close();
    await removePool(POOL);
    await Deno.remove(root, { recursive: true }).catch(() => {});
    await Deno.remove(scratch, { recursive: true }).catch(() => {});
  }
}

async function volumes(): Promise<string[]> {
  return (await virsh("vol-list", POOL)).split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0])
    .filter(Boolean).sort();
}

const allowLoopback = (t: RealApp) =>
  t.call("PUT", "/api/images/settings", {
    allowedSources: ["127.0.0.1"],
    maxDownloadBytes: 1024 * MIB,
  });

Deno.test("qemu image download - loopback refused until allowed; a qcow2 checked against SHA256SUMS arrives byte for byte", async () => {
  await withDownloads(async (t, server, scratch, root) => {
    const raw = `${scratch}/disk.raw`;
    await Deno.writeFile(raw, diskBytes(12 * MIB, 7));
    await run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw, `${scratch}/cloud.qcow2`);
    const qcow2 = await Deno.readFile(`${scratch}/cloud.qcow2`);
    server.serve("/images/cloud.qcow2", qcow2);
    server.serveText("/images/SHA256SUMS", sha256sums({ "cloud.qcow2": qcow2 }));
    const body = {
      url: server.url("/images/cloud.qcow2"),
      pool: POOL,
      checksumUrl: server.url("/images/SHA256SUMS"),
    };

    const refused = await t.call("POST", "/api/images/downloads", body);
    assertEquals([refused.status, refused.body.code], [400, "URL_REFUSED"]);
    assert(/127\.0\.0\.1, a loopback address/.test(refused.body.message), refused.body.message);
    assertEquals(server.requests().length, 0, "nothing was asked of the server");
    assertEquals(await volumes(), []);

    assertEquals((await allowLoopback(t)).status, 200);
    const started = await t.call("POST", "/api/images/downloads", body);
    assertEquals(started.status, 202, JSON.stringify(started.body));
    assertEquals(started.body.name, "cloud.qcow2");
    assertEquals(started.body.size, qcow2.length);
    assertEquals(started.body.checksum, `sha256:${sha256Hex(qcow2)}`);
    const task = await ended(t, started.body.taskId);
    assertEquals([task.status, task.action, task.progress], ["succeeded", "image.download", 1]);
    assertEquals(task.target, { kind: "volume", id: `${POOL}/cloud.qcow2`, name: "cloud.qcow2" });
    assertEquals(await volumes(), ["cloud.qcow2"]);
    const file = `${root}/cloud.qcow2`;
    assertEquals((await sha256OfFile(file)).hex, sha256Hex(qcow2));
    assertEquals((await imageInfo(file)).format, "qcow2");
    assert((await virsh("vol-dumpxml", "--pool", POOL, "cloud.qcow2")).includes("type='qcow2'"));

    // The same name again: refused before anything is asked for.
    const again = await t.call("POST", "/api/images/downloads", body);
    assertEquals([again.status, again.body.code], [409, "ALREADY_EXISTS"]);
  });
});

Deno.test("qemu image download - .gz, .xz and .zst are unpacked on the way; a cut connection is resumed with ranges to the same bytes", async () => {
  await withDownloads(async (t, server, scratch, root) => {
    assertEquals((await allowLoopback(t)).status, 200);
    const raw = diskBytes(9 * MIB, 11);
    const packed = await gzip(raw);
    server.serve("/img/disk.img.gz", packed);
    const gz = await t.call("POST", "/api/images/downloads", {
      url: server.url("/img/disk.img.gz"),
      pool: POOL,
      checksum: `sha256:${sha256Hex(packed)}`,
    });
    assertEquals(gz.status, 202, JSON.stringify(gz.body));
    assertEquals(gz.body.name, "disk.img");
    assertEquals((await ended(t, gz.body.taskId)).status, "succeeded");
    assertEquals((await sha256OfFile(`${root}/disk.img`)).hex, sha256Hex(raw));

    // .xz (several blocks, as xz -T writes them) and .zst, made by the distributions' tools.
    const plain = `${scratch}/other.img`;
    await Deno.writeFile(plain, diskBytes(6 * MIB, 19));
    await run("xz", "-k", "-T2", "--block-size=1MiB", plain);
    await run("zstd", "-q", "-k", plain);
    for (const ending of ["xz", "zst"]) {
      const file = await Deno.readFile(`${plain}.${ending}`);
      server.serve(`/img/other-${ending}.img.${ending}`, file);
      const res = await t.call("POST", "/api/images/downloads", {
        url: server.url(`/img/other-${ending}.img.${ending}`),
        pool: POOL,
        checksum: `sha256:${sha256Hex(file)}`,
      });
      assertEquals(res.status, 202, JSON.stringify(res.body));
      assertEquals(res.body.name, `other-${ending}.img`);
      const done = await ended(t, res.body.taskId);
      assertEquals(done.status, "succeeded", done.message ?? "");
      assertEquals(
        (await sha256OfFile(`${root}/other-${ending}.img`)).hex,
        (await sha256OfFile(plain)).hex,
        ending,
      );
    }

    const whole = diskBytes(10 * MIB, 13);
    server.serve("/img/cut.raw", whole);
    server.dropAfter("/img/cut.raw", 3 * MIB, 2);
    const cut = await t.call("POST", "/api/images/downloads", {
      url: server.url("/img/cut.raw"),
      pool: POOL,
      checksum: `sha256:${sha256Hex(whole)}`,
    });
    assertEquals(cut.status, 202, JSON.stringify(cut.body));
    const task = await ended(t, cut.body.taskId);
    assertEquals(task.status, "succeeded", task.message ?? "");
    assert(/resumed 2 times/.test(task.message ?? ""), task.message ?? "");
    assertEquals((await sha256OfFile(`${root}/cut.raw`)).hex, sha256Hex(whole));
    const ranges = server.requests().filter((r) => r.path === "/img/cut.raw").map((r) => r.range);
    assertEquals(ranges.length, 3);
    assertEquals(ranges[0], null);
    assert(ranges.slice(1).every((r) => r !== null && /^bytes=\d+-$/.test(r)), String(ranges));
  });
});

Deno.test("qemu image download - a wrong checksum, a backing file and a cancel leave no volume; a redirect to a private address is refused", async () => {
  await withDownloads(async (t, server, scratch) => {
    assertEquals((await allowLoopback(t)).status, 200);
    const bytes = diskBytes(4 * MIB, 17);
    server.serve("/x/wrong.raw", bytes);
    const wrong = await t.call("POST", "/api/images/downloads", {
      url: server.url("/x/wrong.raw"),
      pool: POOL,
      checksum: `sha256:${"0".repeat(64)}`,
    });
    assertEquals(wrong.status, 202, JSON.stringify(wrong.body));
    const failed = await ended(t, wrong.body.taskId);
    assertEquals([failed.status, failed.code], ["failed", "CHECKSUM_MISMATCH"]);
    assert(/the download was deleted/.test(failed.message ?? ""), failed.message ?? "");
    assertEquals(await volumes(), []);

    await run("qemu-img", "create", "-f", "qcow2", `${scratch}/base.qcow2`, "16M");
    await run(
      "qemu-img",
      "create",
      "-f",
      "qcow2",
      "-b",
      `${scratch}/base.qcow2`,
      "-F",
      "qcow2",
      `${scratch}/over.qcow2`,
    );
    server.serve("/x/over.qcow2", await Deno.readFile(`${scratch}/over.qcow2`));
    const over = await t.call("POST", "/api/images/downloads", {
      url: server.url("/x/over.qcow2"),
      pool: POOL,
    });
    assertEquals(over.status, 202, JSON.stringify(over.body));
    const refused = await ended(t, over.body.taskId);
    assertEquals([refused.status, refused.code], ["failed", "DISK_SOURCE_REFUSED"]);
    assertEquals(await volumes(), []);

    server.serve("/x/slow.raw", bytes);
    server.stall("/x/slow.raw");
    const slow = await t.call("POST", "/api/images/downloads", {
      url: server.url("/x/slow.raw"),
      pool: POOL,
    });
    assertEquals(slow.status, 202, JSON.stringify(slow.body));
    const cancel = await t.call("POST", `/api/tasks/${slow.body.taskId}/cancel`);
    assertEquals(cancel.status, 200, JSON.stringify(cancel.body));
    const stopped = await ended(t, slow.body.taskId);
    assertEquals(stopped.status, "cancelled");
    assertEquals(await volumes(), []);

    server.redirect("/x/away.raw", "http://10.255.255.1/secret.raw");
    const away = await t.call("POST", "/api/images/downloads", {
      url: server.url("/x/away.raw"),
      pool: POOL,
    });
    assertEquals([away.status, away.body.code], [400, "URL_REFUSED"]);
    assert(/10\.255\.255\.1, a private address/.test(away.body.message), away.body.message);
    assertEquals(await volumes(), []);
  });
});

Deno.test("qemu image download - a library image through a local mirror, checked against its SHA512SUMS, then listed as in the pool", async () => {
  await withDownloads(async (t, server, scratch, root) => {
    const raw = `${scratch}/disk.raw`;
    await Deno.writeFile(raw, diskBytes(5 * MIB, 23));
    await run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw, `${scratch}/d.qcow2`);
    const image = await Deno.readFile(`${scratch}/d.qcow2`);
    const dir = "/debian/images/cloud/trixie/latest";
    server.serve(`${dir}/debian-13-genericcloud-amd64.qcow2`, image);
    const sha512 = createHash("sha512").update(image).digest("hex");
    server.serveText(`${dir}/SHA512SUMS`, `${sha512}  debian-13-genericcloud-amd64.qcow2\n`);
    const put = await t.call("PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
      mirrors: [{ from: "https://cloud.debian.org/", to: server.url("/debian/") }],
    });
    assertEquals(put.status, 200, JSON.stringify(put.body));

    const started = await t.call("POST", "/api/images/downloads", {
      image: "debian-13-cloud",
      pool: POOL,
    });
    assertEquals(started.status, 202, JSON.stringify(started.body));
    assertEquals(started.body.checksum, `sha512:${sha512}`);
    const task = await ended(t, started.body.taskId);
    assertEquals(task.status, "succeeded", task.message ?? "");
    const file = `${root}/debian-13-genericcloud-amd64.qcow2`;
    assertEquals((await sha256OfFile(file)).hex, sha256Hex(image));
    assertEquals(
      server.requests().map((r) => r.path),
      [`${dir}/SHA512SUMS`, `${dir}/debian-13-genericcloud-amd64.qcow2`],
    );
    const library = await t.call("GET", "/api/images");
    const entry = library.body.images.find((i: { id: string }) => i.id === "debian-13-cloud");
    assertEquals(entry.inPools, [POOL]);
  });
});

Deno.test("qemu image download - library entries with a file-name pattern: the newest file found in a GNU SHA512SUMS and a BSD CHECKSUM (itself found by pattern), checked, then in the pool; the ISO is the wizard's install medium", async () => {
  await withDownloads(async (t, server, scratch, root) => {
    // Debian's netinst folder: two point releases and the Edu image, one SHA512SUMS.
    const iso = diskBytes(3 * MIB, 37);
    const older = diskBytes(2 * MIB, 41);
    const debian = "/debian-cd/current/amd64/iso-cd";
    const newest = "debian-13.10.0-amd64-netinst.iso";
    server.serve(`${debian}/${newest}`, iso);
    server.serve(`${debian}/debian-13.9.0-amd64-netinst.iso`, older);
    const sha512 = (b: Uint8Array) => createHash("sha512").update(b).digest("hex");
    server.serveText(
      `${debian}/SHA512SUMS`,
      [
        `${sha512(older)}  debian-13.9.0-amd64-netinst.iso`,
        `${sha512(iso)}  ${newest}`,
        `${sha512(older)}  debian-edu-13.11.0-amd64-netinst.iso`,
      ].join("\n") + "\n",
    );
    // Fedora's cloud folder: its CHECKSUM file's name carries the release too (BSD lines,
    // clear-signed), found in the folder's index page.
    const raw = `${scratch}/f.raw`;
    await Deno.writeFile(raw, diskBytes(4 * MIB, 43));
    await run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw, `${scratch}/f.qcow2`);
    const cloud = await Deno.readFile(`${scratch}/f.qcow2`);
    const fedora = "/fedora/linux/releases/44/Cloud/x86_64/images";
    const fedoraFile = "Fedora-Cloud-Base-Generic-44-1.7.x86_64.qcow2";
    server.serve(`${fedora}/${fedoraFile}`, cloud);
    server.serveText(
      `${fedora}/`,
      ["Fedora-Cloud-44-1.2-x86_64-CHECKSUM", "Fedora-Cloud-44-1.7-x86_64-CHECKSUM", fedoraFile]
        .map((n) => `<a href="${n}">${n}</a>`).join("\n"),
    );
    server.serveText(
      `${fedora}/Fedora-Cloud-44-1.7-x86_64-CHECKSUM`,
      `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# ${fedoraFile}: ${cloud.length} bytes\nSHA256 (${fedoraFile}) = ${
        sha256Hex(cloud)
      }\n-----BEGIN PGP SIGNATURE-----\nxyz\n-----END PGP SIGNATURE-----\n`,
    );
    const put = await t.call("PUT", "/api/images/settings", {
      allowedSources: ["127.0.0.1"],
      maxDownloadBytes: 1024 * MIB,
      mirrors: [
        { from: "https://cdimage.debian.org/", to: server.url("/") },
        { from: "https://download.fedoraproject.org/pub/", to: server.url("/") },
      ],
    });
    assertEquals(put.status, 200, JSON.stringify(put.body));

    const before = await t.call("GET", "/api/images");
    const listedIso = before.body.images.find((i: { id: string }) => i.id === "debian-13-iso");
    assertEquals([listedIso.inPools, listedIso.downloadUrl], [
      [],
      server.url(`${debian}/debian-13.*-amd64-netinst.iso`),
    ]);

    const started = await t.call("POST", "/api/images/downloads", {
      image: "debian-13-iso",
      pool: POOL,
    });
    assertEquals(started.status, 202, JSON.stringify(started.body));
    assertEquals([started.body.name, started.body.checksum], [newest, `sha512:${sha512(iso)}`]);
    const task = await ended(t, started.body.taskId);
    assertEquals(task.status, "succeeded", task.message ?? "");
    assertEquals((await sha256OfFile(`${root}/${newest}`)).hex, sha256Hex(iso));

    const fromBsd = await t.call("POST", "/api/images/downloads", {
      image: "fedora-44-cloud",
      pool: POOL,
    });
    assertEquals(fromBsd.status, 202, JSON.stringify(fromBsd.body));
    assertEquals([fromBsd.body.name, fromBsd.body.checksum], [
      fedoraFile,
      `sha256:${sha256Hex(cloud)}`,
    ]);
    assertEquals((await ended(t, fromBsd.body.taskId)).status, "succeeded");
    assertEquals((await imageInfo(`${root}/${fedoraFile}`)).format, "qcow2");
    assertEquals(await volumes(), [newest, fedoraFile].sort());
    assertEquals(
      server.requests().map((r) => r.path),
      [
        `${debian}/SHA512SUMS`,
        `${debian}/${newest}`,
        `${fedora}/`,
        `${fedora}/Fedora-Cloud-44-1.7-x86_64-CHECKSUM`,
        `${fedora}/${fedoraFile}`,
      ],
    );

    const after = await t.call("GET", "/api/images");
    const held = (id: string) =>
      after.body.images.find((i: { id: string }) => i.id === id).inPools as string[];
    assertEquals([held("debian-13-iso"), held("fedora-44-cloud"), held("debian-13-cloud")], [
      [POOL],
      [POOL],
      [],
    ]);
    // The same entry again finds the same newest file, already there.
    const again = await t.call("POST", "/api/images/downloads", {
      image: "debian-13-iso",
      pool: POOL,
    });
    assertEquals([again.status, again.body.code], [409, "ALREADY_EXISTS"]);

    // The ISO is the wizard's install medium: listed among its ISOs, and the start from it.
    const { options, prefill } = await wizardProps(t, "debian-13-iso");
    const path = `${root}/${newest}`;
    assert(options.isos.some((v) => v.path === path), JSON.stringify(options.isos));
    assertEquals([prefill?.isoPath, prefill?.storagePool], [path, POOL]);
    const fromCloud = await wizardProps(t, "fedora-44-cloud");
    assertEquals(fromCloud.prefill?.baseImagePath, `${root}/${fedoraFile}`);
  });
});

Deno.test("qemu image download - through libvirt's upload stream (remote hosts' and block pools' way): a raw file and a .gz arrive byte for byte, a cut resumes", async () => {
  await withDownloads(async (_t, server, _scratch, root) => {
    const client = new LibvirtClient({ uri: "qemu:///system" });
    using store = Store.open(":memory:");
    try {
      assert(await client.connect(), "connects");
      const settings = new ImageSettingsStore(store);
      settings.set({ allowedSources: ["127.0.0.1"], maxDownloadBytes: 1024 * MIB });
      const volumes = new VolumeService(client, () => {});
      const pools = new PoolService(client, [IMAGES], () => {});
      const library = new ImageLibraryService({ settings, pools, volumes });
      const downloads = new DownloadService({
        client,
        emit: () => {},
        settings,
        volumes,
        library,
        viaLibvirt: true,
      });
      const raw = diskBytes(7 * MIB, 29);
      server.serve("/s/stream.raw", raw);
      server.dropAfter("/s/stream.raw", 2 * MIB, 1);
      const packed = await gzip(diskBytes(5 * MIB, 31));
      server.serve("/s/packed.img.gz", packed);
      await downloads.start({
        url: server.url("/s/stream.raw"),
        pool: POOL,
        checksum: `sha256:${sha256Hex(raw)}`,
      });
      await downloads.start({ url: server.url("/s/packed.img.gz"), pool: POOL });
      await downloads.idle();
      assertEquals((await sha256OfFile(`${root}/stream.raw`)).hex, sha256Hex(raw));
      assertEquals(
        (await sha256OfFile(`${root}/packed.img`)).hex,
        sha256Hex(diskBytes(5 * MIB, 31)),
      );
      assertEquals(await volumes.list(POOL).then((v) => v.map((x) => x.name)), [
        "packed.img",
        "stream.raw",
      ]);
    } finally {
      await client.close();
    }
  });
});
