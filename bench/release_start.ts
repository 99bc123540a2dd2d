// Benchmark: the release's one file. Prints its size, its first start (unpacking included) and a
// later start, each to the first answer of GET /api/version over loopback, beside the floor
// measured in this same run: the unpacked bundle started straight by its Deno (no launcher, no
// checksums), the same server the file starts.
//   deno task bench:release [--runs N]     (builds the release first when dist/release lacks it)

import { parseArgs } from "node:util";
import { join } from "node:path";
import { RELEASE_DIR, releaseFileName } from "../scripts/release.ts";
import { SERVER_DENO_FLAGS } from "../lib/this_host/service_unit.ts";
import { pathWithoutNode } from "../tests/support/path_without_node.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string", default: "5" } },
});
const RUNS = Number(values.runs);
const ROOT = new URL("..", import.meta.url).pathname;

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Starts `command` serving the demo driver on a free loopback port; ms to the first answer. */
async function timeToAnswer(command: string[], env: Record<string, string>): Promise<number> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const data = await Deno.makeTempDir({ prefix: "kvmm-bench-release-data-" });
  const started = performance.now();
  const child = new Deno.Command(command[0], {
    args: [
      ...command.slice(1),
      "serve",
      "--connect",
      "test:///default",
      "--no-tls",
      "--listen",
      `127.0.0.1:${port}`,
      "--data-dir",
      data,
    ],
    env,
    clearEnv: true,
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/version`);
        await res.body?.cancel();
        // 401 signed out: the server answered.
        if (res.status === 401 || res.ok) return performance.now() - started;
      } catch { /* not listening yet */ }
      if (performance.now() - started > 60_000) throw new Error(`${command[0]}: no answer in 60 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await Deno.remove(data, { recursive: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${Math.round(n)} ms`;

const file = join(RELEASE_DIR, releaseFileName());
if (!await exists(file)) {
  const built = await new Deno.Command(Deno.execPath(), {
    args: ["task", "release"],
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!built.success) throw new Error("deno task release failed");
}
const top = await Deno.makeTempDir({ prefix: "kvmm-bench-release-" });
try {
  const home = join(top, "home");
  await Deno.mkdir(home);
  // As on a minimal server, without Node.js (Deno then makes a `node` link in its cache).
  const path = await pathWithoutNode(join(top, "bin"));
  const env = (runtime: string) => ({
    PATH: path,
    HOME: home,
    TMPDIR: home,
    KVMM_RUNTIME_DIR: runtime,
  });
  const size = (await Deno.stat(file)).size;
  const first: number[] = [];
  const later: number[] = [];
  const floor: number[] = [];
  let unpacked = "";
  for (let i = 0; i < RUNS; i++) {
    const runtime = join(top, `runtime-${i}`);
    first.push(await timeToAnswer([file], env(runtime)));
    later.push(await timeToAnswer([file], env(runtime)));
    // The folder itself, beside its notes (NAME.files) and Deno's cache (NAME.deno).
    unpacked = join(
      runtime,
      [...Deno.readDirSync(runtime)].find((e) => /-[0-9a-f]{16}$/.test(e.name))!.name,
    );
    floor.push(
      await timeToAnswer([
        join(unpacked, "deno"),
        "run",
        "-A",
        "--no-config",
        "--no-lock",
        ...SERVER_DENO_FLAGS,
        join(unpacked, "dist", "server.js"),
      ], { ...env(runtime), DENO_DIR: `${unpacked}.deno`, DENO_NO_UPDATE_CHECK: "1" }),
    );
  }
  console.log(`one file: ${(size / 1024 / 1024).toFixed(1)} MiB (${releaseFileName()})`);
  console.log(
    `first start, unpacking included, to the first answer: median ${ms(median(first))} (${
      first.map(ms).join(", ")
    })`,
  );
  console.log(
    `later start (every file's size, change time and inode compared) to the first answer: median ${
      ms(median(later))
    } (${later.map(ms).join(", ")})`,
  );
  console.log(
    `floor, the unpacked bundle started by its Deno directly: median ${ms(median(floor))} (${
      floor.map(ms).join(", ")
    })`,
  );
} finally {
  await Deno.remove(top, { recursive: true });
}
