// The QEMU log: the tail for a paused or failed VM's page, and the lines of a task's moment.

import { assert, assertEquals } from "../../tests/support/assert.ts";
import {
  linesOfMoment,
  lineTime,
  qemuLogDir,
  qemuLogLines,
  readLogEnd,
  readQemuLogTail,
  SYSTEM_QEMU_LOG_DIR,
  TAIL_LINES,
} from "./qemu_log.ts";

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

const LOG = [
  "2026-11-25 21:00:00.000+0000: starting up libvirt version: 9.0.0",
  "LC_ALL=C \\",
  "-name guest=a \\",
  "2026-11-25 21:00:01.000+0000: shutting down, reason=shutdown",
  "2026-11-25 21:20:35.100+0000: starting up libvirt version: 9.0.0",
  "-msg timestamp=on",
  "2026-11-25T21:20:35.300123Z qemu-system-x86_64: -kernel /x: No such file or directory",
  "2026-11-25 21:20:35.605+0000: shutting down, reason=failed",
  "2026-11-25 21:40:00.000+0000: starting up libvirt version: 9.0.0",
].join("\n") + "\n";

const at = (s: string) => Date.parse(s);

Deno.test("qemu log - libvirt's and QEMU's timestamps are read", () => {
  assertEquals(lineTime(LOG.split("\n")[0]), at("2026-11-25T21:00:00.000Z"));
  assertEquals(lineTime(LOG.split("\n")[6]), at("2026-11-25T21:20:35.300Z"));
  assertEquals(lineTime("-name guest=a \\"), null);
});

Deno.test("qemu log - the lines of a task's moment, unstamped lines with the line before", () => {
  const moment = linesOfMoment(
    LOG,
    at("2026-11-25T21:20:35.000Z"),
    at("2026-11-25T21:20:35.700Z"),
  );
  assertEquals(moment.tail, false);
  assertEquals(moment.lines, LOG.split("\n").slice(4, 8));
  const old = linesOfMoment(LOG, at("2026-11-25T20:59:59.500Z"), at("2026-11-25T21:00:00.100Z"));
  assertEquals(old.lines, LOG.split("\n").slice(0, 4));
  // No timestamps at all: the last lines.
  const plain = Array.from({ length: 50 }, (_, i) => `line ${i}`).join("\n");
  const tail = linesOfMoment(plain, 0, 1);
  assertEquals([tail.tail, tail.lines.length, tail.lines.at(-1)], [true, TAIL_LINES, "line 49"]);
});

Deno.test("qemu log - only a regular file in the folder, at most the end, never through a link", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-qemu-log-" });
  try {
    await Deno.writeTextFile(`${dir}/a.log`, LOG);
    await Deno.writeTextFile(`${dir}/secret`, "2026-11-25 21:20:35.200+0000: secret\n");
    await Deno.symlink(`${dir}/secret`, `${dir}/b.log`);
    await Deno.mkdir(`${dir}/c.log`);
    const found = await qemuLogLines(
      "a",
      at("2026-11-25T21:20:35.000Z"),
      at("2026-11-25T21:20:35.700Z"),
      { dir },
    );
    assert(found.found && found.lines.some((l) => l.includes("reason=failed")));
    assertEquals(await readLogEnd("b", { dir }), null, "a link is not followed");
    assertEquals(await readLogEnd("c", { dir }), null, "a folder is not read");
    assertEquals(await readLogEnd("../secret", { dir }), null, "no folder part");
    assertEquals(await readLogEnd("missing", { dir }), null);
    // Bounded: the end only, from a whole line.
    const end = (await readLogEnd("a", { dir, max: 100 }))!;
    assert(end.length <= 100);
    assertEquals(
      end,
      LOG.slice(LOG.length - 100).slice(LOG.slice(LOG.length - 100).indexOf("\n") + 1),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("qemu log - a hard link planted as the log is not read", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-qlog-" });
  try {
    await Deno.writeTextFile(`${dir}/secret.txt`, "secret-line\n");
    await Deno.link(`${dir}/secret.txt`, `${dir}/vm1.log`);
    assertEquals(await readLogEnd("vm1", { dir }), null);
    assertEquals((await readQemuLogTail(dir, "vm1")).available, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
