// The shared folder's checks: inside the storage roots as written and after symbolic links, no
// "..", an existing folder; the tag bounded and of safe characters; the body closed.

import { assertEquals, assertRejects } from "../../tests/support/assert.ts";
import { AppError } from "../errors.ts";
import { validated } from "../validate.ts";
import { checkShareFolder, FILESYSTEM_CODES, FilesystemAddBody, tagIssue } from "./input.ts";

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await assertRejects(() => p, AppError);
  return err as AppError;
}

async function withRoots(fn: (root: string, outside: string) => Promise<void>) {
  const base = await Deno.makeTempDir({ prefix: "kvmm-vfs-input-" });
  try {
    const root = `${base}/root`;
    const outside = `${base}/outside`;
    await Deno.mkdir(`${root}/share/inner`, { recursive: true });
    await Deno.mkdir(outside);
    await Deno.writeTextFile(`${root}/file.txt`, "x");
    await Deno.symlink(outside, `${root}/escape`);
    await Deno.symlink(`${root}/share`, `${root}/alias`);
    await fn(root, outside);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
}

Deno.test("shared folder input - a folder inside a root is taken as its real path", async () => {
  await withRoots(async (root) => {
    const real = await Deno.realPath(`${root}/share`);
    assertEquals(await checkShareFolder(`${root}/share`, [root]), real);
    assertEquals(await checkShareFolder(`${root}/share/inner/`, [root]), `${real}/inner`);
    // A link that stays inside the roots is fine, and the VM gets where it leads.
    assertEquals(await checkShareFolder(`${root}/alias`, [root]), real);
  });
});

Deno.test("shared folder input - outside the roots, the root itself, '..' and links out are refused", async () => {
  await withRoots(async (root, outside) => {
    const cases: [string, RegExp][] = [
      [outside, /outside the allowed storage roots/],
      [root, /outside the allowed storage roots/],
      [`${root}/share/../../outside`, /without "\." or "\.\."/],
      [`${root}/./share`, /without "\." or "\.\."/],
      ["share", /absolute path/],
      [`${root}/escape`, /through a symbolic link, outside the allowed storage roots/],
      [`${root}/missing`, /does not exist/],
      [`${root}/file.txt`, /is not a folder/],
      [`${root}/a,b`, /absolute path/],
    ];
    for (const [path, words] of cases) {
      const err = await refusal(checkShareFolder(path, [root]));
      assertEquals([err.code, err.status], ["INVALID_SHARED_FOLDER", 400], path);
      assertEquals((err.details as { field?: string } | undefined)?.field, "source", path);
      if (!words.test(err.message)) throw new Error(`${path}: ${err.message}`);
    }
  });
});

Deno.test("shared folder input - a remote host's folder is judged as written only", async () => {
  assertEquals(
    await checkShareFolder("/srv/remote-only/x", ["/srv"], { local: false }),
    "/srv/remote-only/x",
  );
  const err = await refusal(checkShareFolder("/etc", ["/srv"], { local: false }));
  assertEquals(err.code, "INVALID_SHARED_FOLDER");
});

Deno.test("shared folder input - tags: bounded, safe characters", () => {
  for (const ok of ["data", "a", "Share_1.x-y", "x".repeat(36)]) {
    assertEquals(tagIssue(ok), null, ok);
  }
  for (const bad of ["", "-x", ".x", "a b", "a/b", "a,b", "ä", "x".repeat(37), 5, null]) {
    if (tagIssue(bad) === null) throw new Error(`tag ${JSON.stringify(bad)} was taken`);
  }
});

Deno.test("shared folder input - the body is closed and refused field by field", () => {
  assertEquals(validated(FilesystemAddBody, { source: "/srv/a", tag: "a" }, FILESYSTEM_CODES), {
    source: "/srv/a",
    tag: "a",
  });
  const refused = (body: unknown) => {
    try {
      validated(FilesystemAddBody, body, FILESYSTEM_CODES);
    } catch (err) {
      return err as AppError;
    }
    throw new Error(`taken: ${JSON.stringify(body)}`);
  };
  const tag = refused({ source: "/srv/a", tag: "a b" });
  assertEquals([tag.code, (tag.details as { field: string }).field], [
    "INVALID_SHARED_FOLDER",
    "tag",
  ]);
  const ro = refused({ source: "/srv/a", tag: "a", readOnly: "yes" });
  assertEquals((ro.details as { field: string }).field, "readOnly");
  const extra = refused({ source: "/srv/a", tag: "a", cache: "always" });
  assertEquals((extra.details as { field: string }).field, "cache");
});
