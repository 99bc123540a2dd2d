import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";

/** A temp tree: allowed/ (the allowed dir) beside outside/. */
async function withTree(fn: (t: { root: string; allowed: string }) => Promise<void>) {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "kvmm-dirs-" }));
  const allowed = `${root}/allowed`;
  await Deno.mkdir(allowed);
  await Deno.mkdir(`${root}/outside`);
  try {
    await fn({ root, allowed });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const config = (allowed: string) => testConfig({ allowed_dirs: [allowed] });
const isDir = (path: string) => Deno.stat(path).then((s) => s.isDirectory, () => false);

Deno.test("make_directory - one level inside an allowed dir; not twice, not outside, not under a missing parent", async () => {
  await withTree(async ({ root, allowed }) => {
    const made = resultOf(
      await callWith(config(allowed), "make_directory", { path: `${allowed}/a` }),
    );
    assertEquals(made, { path: `${allowed}/a` });
    assert(await isDir(`${allowed}/a`));
    assertEquals((await Deno.stat(`${allowed}/a`)).mode! & 0o777, 0o755 & ~Deno.umask());
    const cases = [
      [`${allowed}/a`, "IO_ERROR", /already exists/],
      [`${allowed}/x/y`, "FILE_NOT_FOUND", /the directory of .* does not exist/],
      [`${root}/outside/b`, "PATH_NOT_ALLOWED", /is outside the agent's allowed_dirs/],
      [`${allowed}/../outside/c`, "PATH_NOT_ALLOWED", /\.\./],
      ["relative", "PATH_NOT_ALLOWED", /absolute/],
    ] as const;
    for (const [path, code, words] of cases) {
      assertMatch(
        errorOf(await callWith(config(allowed), "make_directory", { path }), code).message,
        words,
      );
    }
    assert(!await isDir(`${root}/outside/b`));
    // Through a link that leads out of the allowed dir: refused, nothing made outside.
    await Deno.symlink(`${root}/outside`, `${allowed}/out`);
    errorOf(
      await callWith(config(allowed), "make_directory", { path: `${allowed}/out/d` }),
      "PATH_NOT_ALLOWED",
    );
    assert(!await isDir(`${root}/outside/d`));
    // The host's policy narrows it further.
    const policy = { allowed_dirs: [`${allowed}/a`] };
    errorOf(
      await callWith(config(allowed), "make_directory", { path: `${allowed}/b`, policy }),
      "PATH_NOT_ALLOWED",
    );
    resultOf(await callWith(config(allowed), "make_directory", { path: `${allowed}/a/b`, policy }));
  });
});

Deno.test("remove_directory - only an empty directory, never a file, a link or the allowed dir itself", async () => {
  await withTree(async ({ root, allowed }) => {
    await Deno.mkdir(`${allowed}/empty`);
    await Deno.mkdir(`${allowed}/full`);
    await Deno.writeTextFile(`${allowed}/full/keep.txt`, "x");
    await Deno.writeTextFile(`${allowed}/file.txt`, "x");
    await Deno.symlink(`${allowed}/empty`, `${allowed}/link`);
    const cases = [
      [`${allowed}/full`, "IO_ERROR", /is not empty/],
      [`${allowed}/file.txt`, "IO_ERROR", /is not a directory/],
      [`${allowed}/link`, "PATH_NOT_ALLOWED", /symbolic link/],
      [`${allowed}/none`, "FILE_NOT_FOUND", /does not exist/],
      [allowed, "IO_ERROR", /is a directory/],
      [`${root}/outside`, "PATH_NOT_ALLOWED", /outside/],
    ] as const;
    for (const [path, code, words] of cases) {
      assertMatch(
        errorOf(await callWith(config(allowed), "remove_directory", { path }), code).message,
        words,
      );
    }
    assert(
      await isDir(`${allowed}/full`) && await isDir(`${root}/outside`) && await isDir(allowed),
    );
    assertEquals(await Deno.readTextFile(`${allowed}/full/keep.txt`), "x");
    resultOf(await callWith(config(allowed), "remove_directory", { path: `${allowed}/empty` }));
    assert(!await isDir(`${allowed}/empty`));
  });
});
