// Tests for lib/vms/osinfo.ts: the real installed osinfo-db, plus a hand-written tiny database.

import { assert, assertEquals, assertMatch } from "../../tests/support/assert.ts";
import { defaultOsinfoRoots, GENERIC_VARIANTS, loadOsVariants, OsinfoCatalog } from "./osinfo.ts";

const SYSTEM_DB = "/usr/share/osinfo";
let real: OsinfoCatalog | undefined;

/** The installed database; fails (never skips) when osinfo-db is missing. */
async function realDb(): Promise<OsinfoCatalog> {
  const found = await Deno.stat(`${SYSTEM_DB}/os`).then(() => true, () => false);
  assert(found, `${SYSTEM_DB}/os is missing: run \`bash scripts/install-test-deps.sh\``);
  return real ??= new OsinfoCatalog({ roots: [SYSTEM_DB] });
}

Deno.test("osinfo - real db loads quickly and the newest Debian looks right", async () => {
  await realDb();
  const started = performance.now();
  const variants = await loadOsVariants({ roots: [SYSTEM_DB] });
  console.log(
    `osinfo: ${variants.length} variants in ${(performance.now() - started).toFixed(0)} ms`,
  );
  assert(variants.length > 500, `only ${variants.length} variants`);
  // Sorted newest first, so the first numbered Debian is the newest release present.
  const debian = variants.find((v) => /^http:\/\/debian\.org\/debian\/\d+$/.test(v.osinfoId));
  assert(debian, "no numbered Debian release in the db");
  assertMatch(debian.name, /^Debian \d+/);
  assertMatch(debian.id, /^debian\d+$/);
  assertEquals(debian.family, "linux");
  assertEquals(debian.osType, "linux");
  assert((debian.recommendedMemoryMb ?? 0) > 0, `recommended memory ${debian.recommendedMemoryMb}`);
  assertMatch(debian.releaseDate ?? "", /^\d{4}-\d{2}-\d{2}$/);
});

Deno.test("osinfo - real db: win11 is Windows with 4 GiB RAM, 64 GiB disk, 2 CPUs minimum", async () => {
  const win11 = await (await realDb()).get("win11");
  assert(win11, "win11 not found");
  assertEquals(win11.osinfoId, "http://microsoft.com/win/11");
  assertEquals(win11.osType, "windows");
  assertEquals(win11.family, "winnt");
  // osinfo: <ram>4294967296</ram>, <storage>68719476736</storage>, <n-cpus>2</n-cpus>.
  assertEquals(win11.minimumMemoryMb, 4096);
  assertEquals(win11.minimumDiskGb, 64);
  assertEquals(win11.minimumCpus, 2);
});

Deno.test("osinfo - real db: an alias short id resolves to the same variant", async () => {
  const db = await realDb();
  const byAlias = await db.get("debianbullseye");
  assert(byAlias, "debianbullseye not found");
  assertEquals(byAlias.id, "debian11");
  assertEquals(byAlias, await db.get("debian11"));
  assertEquals(await db.get("no-such-os"), undefined);
});

Deno.test("osinfo - real db: supported first, then newest release first", async () => {
  const variants = await (await realDb()).list();
  const firstUnsupported = variants.findIndex((v) => !v.supported);
  assert(firstUnsupported > 0, "expected both supported and end-of-life variants");
  assert(variants.slice(firstUnsupported).every((v) => !v.supported), "supported after EOL");
  const dates = variants.slice(0, firstUnsupported).map((v) => v.releaseDate ?? "");
  assertEquals(dates, [...dates].sort().reverse());
});

Deno.test("osinfo - real db: generic fallbacks point at entries osinfo really has", async () => {
  const variants = await (await realDb()).list();
  for (const generic of GENERIC_VARIANTS) {
    assert(variants.some((v) => v.osinfoId === generic.osinfoId), generic.osinfoId);
  }
  // linux2022 has no resources of its own: they come from Ubuntu 22.04 via derives-from.
  assert(((await real!.get("linux2022"))?.recommendedMemoryMb ?? 0) > 0, "linux2022 resources");
});

const GIB = 2 ** 30;
const os = (id: string, body: string) =>
  `<?xml version="1.0"?>\n<libosinfo version="0.0.1"><os id="http://test.org/${id}">${body}</os></libosinfo>`;

async function tinyDb(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "osinfo_test_" });
  const dir = `${root}/os/test.org`;
  await Deno.mkdir(`${dir}/child.d`, { recursive: true });
  const files: Record<string, string> = {
    "base.xml": os(
      "base",
      `<short-id>base1</short-id><name>Base 1</name><name xml:lang="de">Basis 1</name>
      <family>linux</family><release-date>2020-01-01</release-date>
      <resources arch="all"><minimum><n-cpus>1</n-cpus><ram>${GIB}</ram><storage>${
        10 * GIB
      }</storage>
      </minimum><recommended><n-cpus>2</n-cpus><ram>${2 * GIB}</ram><storage>${20 * GIB}</storage>
      </recommended></resources>
      <resources arch="x86_64"><minimum><ram>${GIB / 2}</ram></minimum></resources>
      <resources arch="aarch64"><minimum><ram>${8 * GIB}</ram></minimum></resources>`,
    ),
    "child.xml": os(
      "child",
      `<short-id>child2</short-id><short-id>childalias</short-id><name>Child 2</name>
      <family>winnt</family><release-date>2022-01-01</release-date><eol-date>2023-01-01</eol-date>
      <derives-from id="http://test.org/base"/>
      <resources arch="x86_64"><minimum><n-cpus>2</n-cpus><storage>${40 * GIB}</storage></minimum>
      </resources>`,
    ),
    "cycle-a.xml": os(
      "cycle-a",
      `<short-id>cyca</short-id><name>Cycle A</name>
      <derives-from id="http://test.org/cycle-b"/>
      <resources arch="all"><minimum><ram>${GIB}</ram></minimum></resources>`,
    ),
    "cycle-b.xml": os(
      "cycle-b",
      `<short-id>cycb</short-id><name>Cycle B</name>
      <upgrades id="http://test.org/cycle-a"/><release-date>2021-01-01</release-date>`,
    ),
    "arm.xml": os(
      "arm",
      `<short-id>armonly</short-id><name>Arm only</name>
      <resources arch="aarch64"><minimum><ram>${GIB}</ram></minimum></resources>`,
    ),
    "broken.xml": `<libosinfo><os id="http://test.org/broken"><short-id>broken</short-id><name>`,
    "child.d/drivers.xml": os("child", `<short-id>driversonly</short-id><name>Not an OS</name>`),
  };
  for (const [name, xml] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}`, xml);
  return root;
}

Deno.test("osinfo - tiny db: inheritance, arch choice, malformed skip and cycle guard", async () => {
  const root = await tinyDb();
  try {
    const now = new Date("2024-06-01T00:00:00Z");
    const variants = await loadOsVariants({ roots: [root], now });
    // Supported first (newest first), then the EOL child; arm-only, broken and child.d are skipped.
    assertEquals(variants.map((v) => v.id), ["cycb", "base1", "cyca", "child2"]);
    const [cycb, base, cyca, child] = variants;
    assertEquals(base.name, "Base 1");
    assertEquals(base.osType, "linux");
    assertEquals(base.minimumMemoryMb, 512); // x86_64 wins over "all"; aarch64 is ignored
    assertEquals(base.minimumDiskGb, 10); // x86_64 lacks it, so "all" fills it in
    assertEquals(child, {
      id: "child2",
      osinfoId: "http://test.org/child",
      name: "Child 2",
      shortIds: ["child2", "childalias"],
      version: null,
      osType: "windows",
      family: "winnt",
      minimumMemoryMb: 512,
      recommendedMemoryMb: 2048,
      minimumCpus: 2,
      recommendedCpus: 2,
      minimumDiskGb: 40,
      recommendedDiskGb: 40, // the inherited 20 GiB is below the child's own minimum
      releaseDate: "2022-01-01",
      supported: false,
    });
    assertEquals(cyca.minimumMemoryMb, 1024);
    assertEquals(cycb.minimumMemoryMb, 1024); // via upgrades, despite the cycle
    assertEquals(cyca.osType, "other");

    const catalog = new OsinfoCatalog({ roots: [root], now });
    const [a, b] = await Promise.all([catalog.list(), catalog.list()]);
    assert(a === b, "concurrent callers should share one load");
    assertEquals((await catalog.get("childalias"))?.id, "child2");
    assertEquals(await catalog.get("driversonly"), undefined);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("osinfo - releases newer than the db join it with their parent's resources", async () => {
  await realDb();
  const variants = await loadOsVariants({ roots: [SYSTEM_DB] });
  const debian12 = variants.find((v) => v.id === "debian12");
  assert(debian12, "Debian 12 is listed");
  assertEquals(debian12.name, "Debian 12");
  assertEquals(debian12.osinfoId, "http://debian.org/debian/12");
  assertEquals(debian12.osType, "linux");
  assert((debian12.recommendedMemoryMb ?? 0) > 0, "inherits Debian 11's resources");
  assertEquals(variants.filter((v) => v.osinfoId === "http://debian.org/debian/12").length, 1);
  // No database: nothing to join.
  assertEquals(await loadOsVariants({ roots: ["/nonexistent"] }), []);
});

Deno.test("osinfo - a later root replaces an entry with the same os id", async () => {
  const [first, second] = [await tinyDb(), await Deno.makeTempDir({ prefix: "osinfo_test_" })];
  try {
    await Deno.mkdir(`${second}/os/local`, { recursive: true });
    await Deno.writeTextFile(
      `${second}/os/local/base.xml`,
      os("base", `<short-id>base1</short-id><name>Base 1 (local)</name>`),
    );
    const base = await new OsinfoCatalog({ roots: [first, second] }).get("base1");
    assertEquals(base?.name, "Base 1 (local)");
    assertEquals(base?.minimumMemoryMb, null);
  } finally {
    await Deno.remove(first, { recursive: true });
    await Deno.remove(second, { recursive: true });
  }
});

Deno.test("osinfo - a missing database gives [] and the generic fallbacks", async () => {
  const roots = ["/nonexistent/osinfo"];
  assertEquals(await loadOsVariants({ roots }), []);
  const catalog = new OsinfoCatalog({ roots });
  assertEquals(await catalog.list(), GENERIC_VARIANTS);
  assertEquals((await catalog.get("generic-windows"))?.osType, "windows");
  assertEquals(await catalog.get("debian11"), undefined);
});

Deno.test("osinfo - OSINFO_DB_PATH overrides the default roots", () => {
  const names = ["OSINFO_DB_PATH", "OSINFO_SYSTEM_DIR", "OSINFO_LOCAL_DIR"];
  const saved = names.map((name) => Deno.env.get(name));
  try {
    names.forEach((name) => Deno.env.delete(name));
    assertEquals(defaultOsinfoRoots().slice(0, 2), ["/usr/share/osinfo", "/etc/osinfo"]);
    Deno.env.set("OSINFO_DB_PATH", "/a/osinfo:/b/osinfo");
    assertEquals(defaultOsinfoRoots(), ["/a/osinfo", "/b/osinfo"]);
  } finally {
    names.forEach((name, i) => {
      if (saved[i] === undefined) Deno.env.delete(name);
      else Deno.env.set(name, saved[i]);
    });
  }
});

Deno.test("osinfo - real db: Windows 11 needs UEFI, Secure Boot and a TPM; Windows 10 and Debian nothing", async () => {
  const db = await realDb();
  assertEquals((await db.get("win11"))?.requires, ["uefi", "secureBoot", "tpm"]);
  assertEquals((await db.get("win10"))?.requires, undefined);
  assertEquals((await db.get("win2k22"))?.requires, undefined);
  assertEquals((await db.get("debian11"))?.requires, undefined);
});
