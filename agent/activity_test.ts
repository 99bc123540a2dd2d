import { assert, assertEquals, assertMatch } from "../tests/support/assert.ts";
import { parseStat, parseStatus, parseUtmp } from "./activity.ts";
import { callWith, errorOf, resultOf, testConfig } from "../tests/harness/test_util.ts";
import type { ProcessesResult } from "./protocol.ts";
import { utmpFile } from "../tests/support/utmp.ts";

Deno.test("get_users - utmp's login records, not boot or dead ones, not those whose process is gone", () => {
  const utmp = utmpFile([
    { type: 2, pid: 0, line: "~", user: "reboot", host: "6.1.0", seconds: 1 }, // BOOT_TIME
    { type: 6, pid: 90, line: "tty2", user: "LOGIN", host: "", seconds: 2 }, // LOGIN_PROCESS
    { type: 7, pid: 100, line: "tty1", user: "root", host: "", seconds: 1764000000 },
    {
      type: 7,
      pid: 200,
      line: "pts/0",
      user: "alice",
      host: "192.0.2.7",
      seconds: 1764000100,
      micros: 250_000,
    },
    { type: 7, pid: 300, line: "pts/1", user: "gone", host: "", seconds: 5 },
    { type: 8, pid: 400, line: "pts/2", user: "bob", host: "", seconds: 6 }, // DEAD_PROCESS
  ]);
  assertEquals(parseUtmp(utmp, (pid) => pid !== 300), [
    { name: "root", terminal: "tty1", host: "", login_time_ms: 1764000000_000 },
    { name: "alice", terminal: "pts/0", host: "192.0.2.7", login_time_ms: 1764000100_250 },
  ]);
  // A cut-off last record is left out, not misread.
  assertEquals(parseUtmp(utmp.subarray(0, 384 * 3 + 100)).map((u) => u.name), ["root"]);
});

Deno.test("get_users - answers from this machine's utmp (or no one), and takes no params", async () => {
  const r = resultOf(await callWith(testConfig(), "get_users"));
  assert(Array.isArray(r.users));
  errorOf(await callWith(testConfig(), "get_users", { all: true }), "INVALID_PARAMS");
});

Deno.test("get_processes - /proc's stat with odd names and status's VmRSS and uid", () => {
  const stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 50 0 0 20 0 1 0 " +
    "12345 1000000 250 18446744073709551615";
  assertEquals(parseStat(stat), { name: "my (odd) name", ticks: 200 });
  assertEquals(parseStat("garbage"), null);
  assertEquals(parseStatus("Name:\tx\nUid:\t1000\t1000\t1000\t1000\nVmRSS:\t  2048 kB\n"), {
    uid: 1000,
    rssBytes: 2048 * 1024,
  });
  assertEquals(parseStatus("Name:\tkthreadd\nUid:\t0\t0\t0\t0\n"), { uid: 0, rssBytes: 0 });
});

Deno.test("get_processes - a busy child is among the busiest by CPU, a big one by memory", async () => {
  // One child spins, one holds 64 MiB; both are this test's own and end with it.
  const spin = new Deno.Command("sh", { args: ["-c", "while :; do :; done"] }).spawn();
  const big = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "const a = new Uint8Array(64 << 20).fill(1); console.log('filled'); setTimeout(() => a, 60000)",
    ],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    // Read once the 64 MiB are written, not after a fixed wait: on a loaded machine Deno took
    // longer to start than the wait, and only 45 MiB were resident yet (ci75).
    const said = await big.stdout.pipeThrough(new TextDecoderStream()).getReader().read();
    assertEquals(said.value?.trim(), "filled");
    await new Promise((r) => setTimeout(r, 300));
    const byCpu = resultOf<ProcessesResult>(
      await callWith(testConfig(), "get_processes", { limit: 100, sample_ms: 400 }),
    );
    assertEquals(
      [byCpu.processes.length, byCpu.sample_ms],
      [Math.min(100, byCpu.total), 400],
    );
    // Other work on this machine may be as busy (CI's lanes run browsers and TCG guests on its
    // two cores): among the 100 busiest, with a share of a CPU no idle process has.
    const spinner = byCpu.processes.find((p) => p.pid === spin.pid);
    assert(spinner, `the spinning shell is among the 100 busiest: ${JSON.stringify(byCpu)}`);
    assert(spinner.cpu_percent > 5, `the spinning shell used ${spinner.cpu_percent}% of a CPU`);
    assertEquals(spinner.name, "sh");
    assertMatch(spinner.command, /^(\/usr)?(\/bin\/)?sh -c while :; do :; done$/);
    assertEquals(
      spinner.user,
      (await Deno.readTextFile("/etc/passwd")).split("\n")
        .map((l) => l.split(":")).find((f) => f[2] === String(Deno.uid()))?.[0] ??
        String(Deno.uid()),
    );
    for (let i = 1; i < byCpu.processes.length; i++) {
      assert(byCpu.processes[i - 1].cpu_percent >= byCpu.processes[i].cpu_percent);
    }
    const three = resultOf<ProcessesResult>(
      await callWith(testConfig(), "get_processes", { limit: 3, sample_ms: 100 }),
    );
    assertEquals(three.processes.length, 3, "limit cuts the list");
    const byMemory = resultOf<ProcessesResult>(
      await callWith(testConfig(), "get_processes", { sort: "memory", limit: 100, sample_ms: 100 }),
    );
    const mine = byMemory.processes.find((p) => p.pid === big.pid);
    assert(mine, `the 64 MiB child is among the 100 largest: ${JSON.stringify(byMemory)}`);
    assert(mine.memory_bytes >= 64 << 20, `${mine.memory_bytes} bytes resident`);
    for (let i = 1; i < byMemory.processes.length; i++) {
      assert(byMemory.processes[i - 1].memory_bytes >= byMemory.processes[i].memory_bytes);
    }
  } finally {
    spin.kill("SIGKILL");
    big.kill("SIGKILL");
    await Promise.all([spin.status, big.status]);
  }
});

Deno.test("get_processes - refuses a bad sort, limit or sample time, and unknown params", async () => {
  for (
    const [params, words] of [
      [{ sort: "name" }, /params\.sort must be "cpu" or "memory"/],
      [{ limit: 0 }, /params\.limit must be an integer from 1 to 100/],
      [{ limit: 101 }, /params\.limit/],
      [{ sample_ms: 5000 }, /params\.sample_ms must be an integer from 100 to 2000/],
      [{ pid: 1 }, /unknown parameter "pid"/],
    ] as const
  ) {
    const e = errorOf(await callWith(testConfig(), "get_processes", params), "INVALID_PARAMS");
    assertMatch(e.message, words);
  }
});
