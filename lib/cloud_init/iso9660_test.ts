// Tests for the ISO 9660 writer: raw fields, and a read-back by xorriso as an independent reader.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { buildIso } from "./iso9660.ts";

const enc = new TextEncoder();
const date = new Date("2024-05-06T07:08:09.120Z");
const SECTOR = 2048;

/** Runs xorriso; a missing xorriso fails the test with the fix, it never skips. */
async function xorriso(args: string[]): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("xorriso", { args, stdout: "piped", stderr: "piped" }).output();
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new Error("xorriso is not installed: run `bash scripts/install-test-deps.sh`");
    }
    throw err;
  }
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert(out.success, `xorriso ${args.join(" ")} failed:\n${text}`);
  // xorriso reports damaged images as WARNING/SORRY/FAILURE lines but may still exit 0.
  assert(!/: (WARNING|SORRY|FAILURE|FATAL) :/.test(text), `xorriso complained:\n${text}`);
  return text;
}

/** Writes the image, lets xorriso extract it (from the tree it prefers) and reads files back. */
async function extract(image: Uint8Array, readFs = "any"): Promise<Map<string, Uint8Array>> {
  const dir = await Deno.makeTempDir({ prefix: "iso9660_test" });
  try {
    await Deno.writeFile(`${dir}/image.iso`, image);
    await xorriso([
      "-read_fs",
      readFs,
      "-indev",
      `${dir}/image.iso`,
      "-osirrox",
      "on",
      "-extract",
      "/",
      `${dir}/out`,
    ]);
    const files = new Map<string, Uint8Array>();
    for await (const e of Deno.readDir(`${dir}/out`)) {
      assert(e.isFile, `unexpected non-file ${e.name}`);
      files.set(e.name, await Deno.readFile(`${dir}/out/${e.name}`));
    }
    return files;
  } finally {
    // xorriso restores the image's read-only modes; a non-root user could not delete inside.
    await Deno.chmod(`${dir}/out`, 0o755).catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
}

const seedFiles = () => {
  const big = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
  return [
    { name: "user-data", data: enc.encode('#cloud-config\nhostname: "héllo 😀 ünïcode"\n') },
    { name: "meta-data", data: enc.encode("instance-id: iid-1\n") },
    { name: "network-config", data: big },
    { name: "vendor-data", data: new Uint8Array() },
  ];
};

const sorted = (m: Map<string, Uint8Array>) => [...m].sort(([a], [b]) => a < b ? -1 : 1);

Deno.test("iso9660 - xorriso reads back the exact names and bytes", async () => {
  const files = seedFiles();
  const got = await extract(buildIso("cidata", files, { date }));
  assertEquals(sorted(got), sorted(new Map(files.map((f) => [f.name, f.data]))));
});

Deno.test("iso9660 - xorriso reports the volume id and dates", async () => {
  const dir = await Deno.makeTempDir({ prefix: "iso9660_test" });
  try {
    await Deno.writeFile(`${dir}/image.iso`, buildIso("cidata", seedFiles(), { date }));
    const info = await xorriso(["-indev", `${dir}/image.iso`, "-pvd_info"]);
    assertMatch(info, /^Volume Id\s*: cidata$/m);
    assertMatch(info, /^Creation Time: 2024050607080912$/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("iso9660 - the primary tree holds unique level-1 names", async () => {
  const files = [
    { name: "user-data", data: enc.encode("a") },
    { name: "user-data2", data: enc.encode("b") },
    { name: "user_data", data: enc.encode("c") },
    { name: "cloud.config.yaml", data: enc.encode("d") },
  ];
  const got = await extract(buildIso("cidata", files, { date }), "ecma119");
  assertEquals(
    sorted(got).map(([name, data]) => [name, new TextDecoder().decode(data)]),
    [["CLOUD_CO.YAM", "d"], ["USER_DA1", "b"], ["USER_DA2", "c"], ["USER_DAT", "a"]],
  );
});

Deno.test("iso9660 - a root directory spanning several sectors reads back", async () => {
  const files = Array.from({ length: 40 }, (_, i) => ({
    name: `f${String(i).padStart(2, "0")}-${"x".repeat(60)}`,
    data: enc.encode(`file ${i}`),
  }));
  const image = buildIso("cidata", files, { date });
  const got = await extract(image);
  assertEquals(sorted(got), sorted(new Map(files.map((f) => [f.name, f.data]))));
  // Joliet records of 64-character names are 162 bytes: 12 fit a sector, so the Joliet root needs four.
  const svdRoot = 17 * SECTOR + 156;
  assertEquals(image[svdRoot + 10] | image[svdRoot + 11] << 8, 4 * SECTOR);
  assertEquals((await extract(image, "ecma119")).size, 40);
});

Deno.test("iso9660 - descriptor fields sit where ECMA-119 and Joliet put them", () => {
  const image = buildIso("cidata", seedFiles(), { date });
  const at = (offset: number, length: number) => [...image.subarray(offset, offset + length)];
  const text = (offset: number, length: number) =>
    String.fromCharCode(...image.subarray(offset, offset + length));
  const pvd = 16 * SECTOR, svd = 17 * SECTOR, end = 18 * SECTOR;
  assertEquals(image.length % SECTOR, 0);
  assertEquals(at(0, 16 * SECTOR).every((b) => b === 0), true);
  assertEquals(image[pvd], 1);
  assertEquals(text(0x8001, 5), "CD001");
  assertEquals(text(pvd + 40, 32), "cidata".padEnd(32));
  // Volume space size, both-endian.
  const sectors = image.length / SECTOR;
  assertEquals(at(pvd + 80, 8), [
    sectors & 0xff,
    sectors >> 8,
    0,
    0,
    0,
    0,
    sectors >> 8,
    sectors & 0xff,
  ]);
  assertEquals(at(pvd + 128, 4), [0, 8, 8, 0]); // logical block size 2048
  assertEquals(text(pvd + 813, 16), "2024050607080912");
  assertEquals(image[svd], 2);
  assertEquals(text(svd + 1, 5), "CD001");
  assertEquals(text(svd + 88, 3), "%/E");
  assertEquals(at(svd + 40, 12), [0, 99, 0, 105, 0, 100, 0, 97, 0, 116, 0, 97]); // UCS-2 "cidata"
  assertEquals(at(svd + 52, 2), [0, 32]);
  assertEquals([image[end], text(end + 1, 5), image[end + 6]], [255, "CD001", 1]);
  // L and M path tables of the primary tree both point at its root directory.
  const root = image[pvd + 156 + 2] | image[pvd + 156 + 3] << 8;
  const lPath = image[pvd + 140] | image[pvd + 141] << 8;
  const mPath = image[pvd + 151] | image[pvd + 150] << 8;
  assertEquals(at(lPath * SECTOR, 10), [1, 0, root, 0, 0, 0, 1, 0, 0, 0]);
  assertEquals(at(mPath * SECTOR, 10), [1, 0, 0, 0, 0, root, 0, 1, 0, 0]);
  // The root starts with "." and "..", both pointing at itself.
  const dir = root * SECTOR;
  assertEquals([image[dir], image[dir + 32], image[dir + 33]], [34, 1, 0]);
  assertEquals([image[dir + 34], image[dir + 34 + 2], image[dir + 34 + 33]], [34, root, 1]);
  assertEquals(at(dir + 18, 7), [124, 5, 6, 7, 8, 9, 0]); // 2024-05-06 07:08:09 UTC
});

Deno.test("iso9660 - output is deterministic for a given date", () => {
  assertEquals(
    buildIso("cidata", seedFiles(), { date }),
    buildIso("cidata", seedFiles(), { date }),
  );
});

Deno.test("iso9660 - bad names and volume ids throw", () => {
  const throws = (fn: () => unknown, re: RegExp) => {
    try {
      fn();
    } catch (err) {
      assertMatch((err as Error).message, re);
      return;
    }
    throw new Error(`expected a throw matching ${re}`);
  };
  const data = new Uint8Array();
  for (const name of ["", "x".repeat(65), "a/b", "a\0b", "ünï", "a b", ".", "..", "a.", "a;1"]) {
    throws(() => buildIso("cidata", [{ name, data }]), /^Invalid ISO file name/);
  }
  throws(() => buildIso("cidata", [{ name: "a", data }, { name: "a", data }]), /^Duplicate/);
  for (const id of ["", "x".repeat(33), "ci/data", "cidätä"]) {
    throws(() => buildIso(id, []), /^Invalid ISO volume id/);
  }
  throws(() => buildIso("cidata", [], { date: new Date("invalid") }), /^Invalid ISO date/);
  assertEquals(buildIso("cidata", [{ name: "x".repeat(64), data }]).length > 0, true);
});
