// Finding virtiofsd: QEMU's vhost-user descriptions first, then known paths; a remote host's
// support from its domain capabilities; the read-only helper's script and install.

import { assert, assertEquals } from "../../tests/support/assert.ts";

const includes = (text: string, part: string) =>
  assert(text.includes(part), `no ${JSON.stringify(part)} in:\n${text}`);
import {
  capsOfferVirtiofs,
  findLocalVirtiofsd,
  installReadOnlyHelper,
  localVirtiofsSupport,
  readOnlyHelperScript,
  remoteVirtiofsSupport,
} from "./virtiofsd.ts";

const FIXTURES = new URL("../xml/fixtures/", import.meta.url).pathname;

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-vfs-find-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("virtiofsd - found through a vhost-user fs description, else a known path, else none", async () => {
  await withDir(async (dir) => {
    const bin = `${dir}/my-virtiofsd`;
    await Deno.writeTextFile(bin, "#!/bin/sh\n", { mode: 0o755 });
    await Deno.mkdir(`${dir}/vu`);
    await Deno.writeTextFile(
      `${dir}/vu/50-gpu.json`,
      JSON.stringify({ type: "gpu", binary: "/x" }),
    );
    await Deno.writeTextFile(`${dir}/vu/60-fs.json`, JSON.stringify({ type: "fs", binary: bin }));
    assertEquals(await findLocalVirtiofsd({ dirs: [`${dir}/vu`], paths: [] }), bin);
    // A description naming a missing binary is passed over.
    await Deno.writeTextFile(
      `${dir}/vu/40-fs.json`,
      JSON.stringify({ type: "fs", binary: `${dir}/gone` }),
    );
    assertEquals(await findLocalVirtiofsd({ dirs: [`${dir}/vu`], paths: [] }), bin);
    assertEquals(await findLocalVirtiofsd({ dirs: [`${dir}/none`], paths: [bin] }), bin);
    assertEquals(await findLocalVirtiofsd({ dirs: [`${dir}/none`], paths: [`${dir}/gone`] }), null);
    const missing = await localVirtiofsSupport({
      helperDir: dir,
      find: () => Promise.resolve(null),
    });
    assertEquals([missing.available, missing.reason], [false, "virtiofsd"]);
  });
});

Deno.test("virtiofsd - a remote host's support is its domain capabilities' virtiofs driver", async () => {
  const caps = await Deno.readTextFile(`${FIXTURES}domcaps_qemu_q35.xml`);
  const offered = caps.includes("<value>virtiofs</value>");
  assertEquals(capsOfferVirtiofs(caps), offered);
  const with9p = `<domainCapabilities><devices><filesystem supported='yes'>
    <enum name='driverType'><value>path</value><value>virtiofs</value></enum>
  </filesystem></devices></domainCapabilities>`;
  assertEquals(capsOfferVirtiofs(with9p), true);
  assertEquals(capsOfferVirtiofs(with9p.replace("<value>virtiofs</value>", "")), false);
  assertEquals(capsOfferVirtiofs(with9p.replace("supported='yes'", "supported='no'")), false);
  assertEquals(remoteVirtiofsSupport(null).available, false);
  assertEquals(remoteVirtiofsSupport(with9p).available, true);
  assertEquals(remoteVirtiofsSupport(with9p).readOnlyHelper, null);
});

Deno.test("virtiofsd - the read-only helper binds the source read-only in its own namespace", async () => {
  const script = readOnlyHelperScript("/usr/lib/qemu/virtiofsd");
  includes(script, "unshare --mount --propagation private");
  includes(script, `mount --bind -o ro "$0" "$0" && exec /usr/lib/qemu/virtiofsd "$@"`);
  let refused = false;
  try {
    readOnlyHelperScript("/usr/bin/x; rm -rf /");
  } catch {
    refused = true;
  }
  assert(refused, "an unsafe binary path went into the script");
  await withDir(async (dir) => {
    const path = await installReadOnlyHelper(`${dir}/helpers`, "/usr/lib/qemu/virtiofsd");
    assertEquals(path, `${dir}/helpers/virtiofsd-readonly`);
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o755);
    assertEquals(await Deno.readTextFile(path), script);
    // A link planted at its name, to a file with the same words that others may write, is
    // replaced by the helper itself; so is a file with the same words that others may write.
    const planted = `${dir}/planted`;
    await Deno.writeTextFile(planted, script);
    await Deno.chmod(planted, 0o666);
    await Deno.remove(path);
    await Deno.symlink(planted, path);
    await installReadOnlyHelper(`${dir}/helpers`, "/usr/lib/qemu/virtiofsd");
    const replaced = await Deno.lstat(path);
    assert(replaced.isFile && !replaced.isSymlink, "a planted link stays the helper");
    assertEquals(replaced.mode! & 0o777, 0o755);
    await Deno.chmod(path, 0o666);
    await installReadOnlyHelper(`${dir}/helpers`, "/usr/lib/qemu/virtiofsd");
    assertEquals((await Deno.lstat(path)).mode! & 0o777, 0o755, "a writable helper stays");
    // Never into a folder others may write: they could change what libvirtd runs as root.
    await Deno.mkdir(`${dir}/open`);
    await Deno.chmod(`${dir}/open`, 0o777);
    let open = false;
    await installReadOnlyHelper(`${dir}/open`, "/usr/lib/qemu/virtiofsd").catch(() => open = true);
    assert(open, "the helper went into a world-writable folder");
    // A helper that runs as root is only offered where the app runs as root.
    const asUser = await localVirtiofsSupport({
      helperDir: dir,
      find: () => Promise.resolve("/usr/lib/qemu/virtiofsd"),
      isRoot: false,
    });
    assertEquals([asUser.available, asUser.readOnlyHelper], [true, null]);
  });
});
