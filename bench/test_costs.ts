// Benchmark: what one piece of test setup costs on this machine, so the harness spends its
// effort where the time goes (docs/tests.md, "Where a test run's time goes"). Each figure is the
// median of N runs, with its minimum and maximum:
//   - Chromium: a launch and close; a new context and page on a running one; a connection to
//     the test process's shared one (tests/harness/browser.ts), a page and a close;
//   - the server: in memory (context + app + first request, no socket), in this process on a
//     socket (startServer), and as a process of its own (`deno run main.ts serve`);
//   - the command-line client as a process (`deno run main.ts vm list` to a closed port), and
//     alone (tests/harness/client_entry.ts), as the tests run it; a new process loading the
//     app's modules (what each API test file pays before its first test);
//   - the agent bundle build (agent/build.ts);
//   - one TCG test guest, defined, started to its ready marker and removed, beside the floor of
//     the same run: a define and undefine alone (what the health gate asks of libvirtd).
//   deno task bench:test-costs [--runs N] [--no-guest]

import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "../tests/support/browser_helpers.ts";
import { startServer } from "../main.ts";
import type { Config } from "../lib/config.ts";
import { createContext } from "../lib/compose.ts";
import { FEATURES } from "../routes/features.ts";
import { openStore } from "../lib/store.ts";
import { createApp } from "../routes/app.ts";
import { writeTestNode } from "../tests/support/test_node.ts";
import { untilListening } from "../tests/harness/server_process.ts";
import { buildAgent } from "../agent/build.ts";
import {
  cleanupGuestsNamed,
  defineTestGuest,
  TEST_PREFIX,
  virsh,
  waitForGuestReady,
} from "../tests/support/guest.ts";
import { probeHost } from "../tests/harness/libvirt_gate.ts";
import { openBrowser } from "../tests/harness/browser.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string", default: "5" }, "no-guest": { type: "boolean" } },
});
const RUNS = Number(values.runs);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const CLIENT = new URL("../tests/harness/client_entry.ts", import.meta.url).pathname;
const APP = new URL("../routes/app.ts", import.meta.url).href;
const ROOT = new URL("..", import.meta.url).pathname;

async function timed(what: string, fn: () => Promise<void>, runs = RUNS): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const f = (n: number) => n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
  console.log(
    `${what.padEnd(58)} median ${f(ms[Math.floor(ms.length / 2)]).padStart(8)}` +
      `  (min ${f(ms[0])}, max ${f(ms.at(-1)!)}, ${runs} runs)`,
  );
}

const quietConfig = (uri: string, dataDir: string): Config => ({
  uri,
  uriSource: "flag",
  demo: true,
  listen: { hostname: "127.0.0.1", port: 0 },
  dataDir,
  tls: { mode: "off" },
});

console.log(`Test setup costs on ${Deno.hostname()} (${navigator.hardwareConcurrency} cores)`);

await timed("Chromium: launch and close", async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await browser.close();
});
{
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  await timed("Chromium: new context + page, closed (browser running)", async () => {
    const context = await browser.newContext();
    await context.newPage();
    await context.close();
  });
  await browser.close();
}
await timed("shared Chromium: connect, new page, close (tests/harness)", async () => {
  const browser = await openBrowser();
  await browser.newPage();
  await browser.close();
});

const node = await writeTestNode([
  { name: "web", runstate: 1, vcpus: 2, memoryMb: 1024, disk: true, vnc: true },
  { name: "db", runstate: 5, vcpus: 4, memoryMb: 4096, disk: true },
]);
try {
  await timed("server in memory: context + app + first request", async () => {
    const { ctx, client, close } = createContext(quietConfig(node.uri, ""), {
      features: FEATURES,
      store: openStore(null),
    });
    try {
      await client.connect();
      const res = await createApp(ctx).request("http://localhost/api/version");
      await res.body?.cancel();
    } finally {
      await close();
    }
  });
  await timed("server in this process on a socket (startServer)", async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "kvmm-bench-costs-" });
    try {
      const server = await startServer(quietConfig(node.uri, dataDir), { quiet: true });
      await server.close();
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  });
  await timed("server as a process: deno run main.ts serve, to listening", async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "kvmm-bench-costs-" });
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        MAIN,
        "serve",
        "--connect",
        node.uri,
        "--no-tls",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        dataDir,
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    try {
      await untilListening(child, stderr, 60_000);
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await stderr;
      await Deno.remove(dataDir, { recursive: true });
    }
  });
} finally {
  await node.remove();
}

await timed("command-line client as a process (vm list, closed port)", async () => {
  await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "vm", "list", "--url", "http://127.0.0.1:9", "--token", "x"],
    stdout: "null",
    stderr: "null",
  }).output();
});

await timed("command-line client alone (tests/harness/client_entry.ts)", async () => {
  await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLIENT, "vm", "list", "--url", "http://127.0.0.1:9", "--token", "x"],
    stdout: "null",
    stderr: "null",
  }).output();
});
await timed("a new process loading the app's modules (routes/app.ts)", async () => {
  await new Deno.Command(Deno.execPath(), {
    args: ["eval", `await import(${JSON.stringify(APP)})`],
    cwd: ROOT,
    stdout: "null",
    stderr: "null",
  }).output();
});

{
  const dir = await Deno.makeTempDir({ prefix: "kvmm-bench-agent-" });
  try {
    await timed("agent bundle build (agent/build.ts)", async () => {
      await buildAgent(`${dir}/kvmm-agent.js`);
    }, Math.min(RUNS, 3));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (!values["no-guest"]) {
  const line = await probeHost();
  if (line) throw new Error(line);
  await timed("floor: health gate (a tiny domain defined and undefined)", async () => {
    const sick = await probeHost();
    if (sick) throw new Error(sick);
  });
  const prefix = `${TEST_PREFIX}bench-costs-`;
  let n = 0;
  try {
    await timed("TCG test guest: define, boot to its ready marker, remove", async () => {
      const { name } = await defineTestGuest(`${prefix}${n++}`);
      await virsh("start", name);
      await waitForGuestReady(name);
      await cleanupGuestsNamed(name);
    }, Math.min(RUNS, 3));
  } finally {
    await cleanupGuestsNamed(prefix);
  }
}
