import { assert, assertEquals } from "../../tests/support/assert.ts";
import { qemuLogDir, readQemuLogTail, SYSTEM_QEMU_LOG_DIR } from "./qemu_log.ts";

Deno.test("qemu log - only a local qemu:// URI has a log dir", () => {
  assertEquals(qemuLogDir("qemu:///system"), SYSTEM_QEMU_LOG_DIR);
  assertEquals(qemuLogDir("qemu+unix:///system"), SYSTEM_QEMU_LOG_DIR);
  for (const uri of ["qemu+ssh://root@far/system", "qemu:///system?socket=/x", "test:///default"]) {
    assertEquals(qemuLogDir(uri), null, uri);
  }
});

Deno.test("qemu log - the last lines, from the last bytes, without control characters", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-reason-log-" });
  try {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    lines.push("KVM internal error. Suberror: 1\x1b[31m");
    await Deno.writeTextFile(`${dir}/vm1.log`, lines.join("\n") + "\n");
    const tail = await readQemuLogTail(dir, "vm1", { lines: 3, bytes: 200 });
    assertEquals(tail.available, true);
    assertEquals(tail.lines, ["line 4998", "line 4999", "KVM internal error. Suberror: 1[31m"]);
    assertEquals(tail.truncated, true);
    // Bounded by bytes: 40 lines asked, only what fits in 64 bytes (the cut line dropped).
    const small = await readQemuLogTail(dir, "vm1", { lines: 40, bytes: 64 });
    assert(
      small.lines.length < 8 &&
        small.lines.every((l) => l.startsWith("line") || l.startsWith("KVM")),
    );

    await Deno.writeTextFile(`${dir}/short.log`, "a\nb\n");
    assertEquals(await readQemuLogTail(dir, "short"), {
      available: true,
      path: `${dir}/short.log`,
      lines: ["a", "b"],
      truncated: false,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("qemu log - a link, a FIFO, a missing file or a name with a slash is not read", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-reason-log-" });
  try {
    await Deno.writeTextFile(`${dir}/secret`, "not a log\n");
    await Deno.symlink(`${dir}/secret`, `${dir}/linked.log`);
    const fifo = new Deno.Command("mkfifo", { args: [`${dir}/fifo.log`] });
    assert((await fifo.output()).success, "mkfifo");
    for (const name of ["linked", "fifo", "missing", "../secret", ".hidden", ""]) {
      assertEquals(await readQemuLogTail(dir, name), { available: false, lines: [] }, name);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
