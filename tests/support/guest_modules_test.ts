// The test guests' module finder on a kernel tree of the test's own: plain, .xz and .zst modules
// come out as the same plain bytes, built-in ones are skipped, a missing one fails with its name,
// and the cache key changes when a module file does.

import { assertEquals, assertMatch, assertRejects } from "./assert.ts";
import { findGuestModules, modulesStamp, writeGuestModules } from "./guest_modules.ts";

async function sh(script: string, dir: string) {
  const out = await new Deno.Command("sh", { args: ["-c", script], cwd: dir, stderr: "piped" })
    .output();
  if (!out.success) throw new Error(`${script}: ${new TextDecoder().decode(out.stderr)}`);
}

Deno.test("guest modules - .ko, .ko.xz and .ko.zst unpacked alike; built in skipped; missing named", async () => {
  const top = await Deno.makeTempDir({ prefix: "kvmm-test-modules-" });
  try {
    const kernel = `${top}/6.99.0-test/kernel`;
    await Deno.mkdir(`${kernel}/drivers/a`, { recursive: true });
    const bytes = (n: number) => new TextEncoder().encode(`\x7fELF module ${n} `.repeat(50));
    await Deno.writeFile(`${kernel}/drivers/a/plain.ko`, bytes(1));
    await Deno.writeFile(`${kernel}/drivers/a/xzed.ko`, bytes(2));
    await Deno.writeFile(`${kernel}/drivers/a/zsted.ko`, bytes(3));
    await sh("xz drivers/a/xzed.ko && zstd -q --rm drivers/a/zsted.ko", kernel);
    await Deno.writeTextFile(`${top}/6.99.0-test/modules.builtin`, "kernel/drivers/a/inside.ko\n");
    const list = [
      "drivers/a/plain.ko",
      "drivers/a/inside.ko",
      "drivers/a/xzed.ko",
      "drivers/a/zsted.ko",
    ];

    const modules = await findGuestModules("6.99.0-test", list, top);
    assertEquals(modules.map((m) => m.file?.slice(kernel.length + 1) ?? null), [
      "drivers/a/plain.ko",
      null,
      "drivers/a/xzed.ko.xz",
      "drivers/a/zsted.ko.zst",
    ]);
    const out = `${top}/initrd-modules`;
    await Deno.mkdir(out);
    await writeGuestModules(modules, out);
    assertEquals([...Deno.readDirSync(out)].map((e) => e.name).sort(), [
      "00-plain.ko",
      "02-xzed.ko",
      "03-zsted.ko",
    ]);
    assertEquals(await Deno.readFile(`${out}/02-xzed.ko`), bytes(2));
    assertEquals(await Deno.readFile(`${out}/03-zsted.ko`), bytes(3));

    // Another file for a module is another initramfs.
    const before = await modulesStamp(modules);
    await Deno.writeFile(`${kernel}/drivers/a/plain.ko`, bytes(4));
    const after = await modulesStamp(await findGuestModules("6.99.0-test", list, top));
    assertEquals(before === after, false, "the stamp follows the module files");

    const err = await assertRejects(
      () => findGuestModules("6.99.0-test", [...list, "drivers/a/gone.ko", "fs/none.ko"], top),
      Error,
    );
    assertMatch(String(err), /neither ships nor builds in drivers\/a\/gone\.ko, fs\/none\.ko/);
  } finally {
    await Deno.remove(top, { recursive: true });
  }
});
