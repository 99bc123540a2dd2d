// Benchmark: sign-in under floods. 20 parallel 100 MB bodies at POST /api/auth/login (before
// sign-in), half with a declared Content-Length and half streamed without one, against the
// server as its own process; then a right password through PAM behind a queue of wrong guesses.
//   deno task bench:flood [--clients N] [--mb N] [--rounds N]
// Prints each answer's status, the server's resident memory idle (the floor in this same run:
// the process before any request) and at its peak during the flood; the target is growth under
// 20 MB with every answer 413. Then, with real host accounts (root: useradd) on the app in
// memory, the time a right sign-in takes behind 12 wrong guesses from six addresses (two inside
// PAM's fail delay, the rest waiting) beside the same sign-in with no queue, and when the
// guesses' last answer came.

import { parseArgs } from "node:util";
import { writeTestNode } from "../tests/support/test_node.ts";
import { accountName, withHostAccounts } from "../tests/support/host_account.ts";
import { type TestApp, withTestApp } from "../tests/harness/test_app.ts";
import { rssMb, startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    clients: { type: "string", default: "20" },
    mb: { type: "string", default: "100" },
    rounds: { type: "string", default: "3" },
  },
});
const CLIENTS = Number(values.clients);
const BYTES = Number(values.mb) * 1024 * 1024;
const ROUNDS = Number(values.rounds);

/** `size` bytes of JSON-ish text as a stream: no Content-Length, so the server must count. */
function streamed(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(256 * 1024).fill(0x20);
  let left = size;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(chunk.length, left);
      left -= n;
      controller.enqueue(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

const node = await writeTestNode([{ name: "bench", runstate: 1, vcpus: 1, memoryMb: 512 }]);
const server = await startBenchServer(node.uri);
try {
  await new Promise((r) => setTimeout(r, 1000));
  const idle = rssMb(server.pid);
  let peak = idle;
  const sampler = setInterval(() => peak = Math.max(peak, rssMb(server.pid)), 20);
  // One buffer for every declared-length body: the client's memory is not what is measured.
  const declared = new Uint8Array(BYTES).fill(0x20);
  const began = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      try {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: i % 2 === 0 ? declared : streamed(BYTES),
        });
        const body = await res.json();
        return `${res.status} ${body.code}`;
      } catch (err) {
        // The server may close the connection once it has answered, while the client still
        // sends: the body was not read either way.
        return `closed (${(err as Error).message.split(":")[0]})`;
      }
    }),
  );
  const elapsed = performance.now() - began;
  await new Promise((r) => setTimeout(r, 200));
  clearInterval(sampler);
  const tally = new Map<string, number>();
  for (const a of answers) tally.set(a, (tally.get(a) ?? 0) + 1);
  console.log(`clients: ${CLIENTS} × ${values.mb} MB (half with Content-Length, half streamed)`);
  console.log(`answers ${[...tally].map(([a, n]) => `${n}× ${a}`).join(", ")}`);
  console.log(`time    ${elapsed.toFixed(0)} ms for all`);
  console.log(`floor   server RSS idle ${idle.toFixed(1)} MB`);
  console.log(
    `flood   server RSS peak ${peak.toFixed(1)} MB: growth ${
      (peak - idle).toFixed(1)
    } MB (target < 20 MB, every answer 413)`,
  );
} finally {
  await server.stop();
  await node.remove();
}

/** POST /api/auth/login from `ip` (the TCP peer); its status and the ms it took. */
async function signIn(t: TestApp, user: string, password: string, ip: string) {
  const began = performance.now();
  const res = await t.app.request("http://localhost/api/auth/login", {
    method: "POST",
    headers: { cookie: "", "content-type": "application/json" },
    body: JSON.stringify({ user, password }),
  }, { remoteAddr: { hostname: ip, port: 1, transport: "tcp" } });
  await res.body?.cancel();
  return { status: res.status, ms: performance.now() - began };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");

if (Deno.uid() !== 0) {
  console.log("\npam     skipped: the sign-in accounts need root (useradd, pam_unix)");
} else {
  const admins = accountName("kvmmb-adm");
  const bob = accountName("kvmmb-b");
  // A guessed account per round: 12 guesses a round, and an account takes 20 in its window.
  const guessed = Array.from({ length: ROUNDS }, () => accountName("kvmmb-a"));
  const accounts = Object.fromEntries([bob, ...guessed].map((a) => [a, [admins]]));
  await withHostAccounts([admins], accounts, async (made) => {
    await withTestApp(
      async (t) => {
        const floor: number[] = [];
        const queued: number[] = [];
        const drained: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          // The floor: the same right sign-in from an address of its own, nothing queued.
          const alone = await signIn(t, bob, made[bob].password, `10.31.${r}.1`);
          if (alone.status !== 200) throw new Error(`sign-in with no queue: ${alone.status}`);
          floor.push(alone.ms);
          const began = performance.now();
          const guesses = Array.from(
            { length: 12 },
            (_, i) => signIn(t, guessed[r], "wrong", `10.30.${r}.${1 + (i >> 1)}`),
          );
          await new Promise((res) => setTimeout(res, 200));
          const right = await signIn(t, bob, made[bob].password, `10.30.${r}.7`);
          if (right.status !== 200) throw new Error(`sign-in behind the queue: ${right.status}`);
          queued.push(right.ms);
          await Promise.all(guesses);
          drained.push(performance.now() - began);
        }
        console.log(`\npam     ${ROUNDS} rounds, ms each round`);
        console.log(
          `floor   right password, no queue:           median ${median(floor).toFixed(0)} ms (${
            list(floor)
          })`,
        );
        console.log(
          `queued  right password behind 12 guesses:   median ${median(queued).toFixed(0)} ms (${
            list(queued)
          }); the queue's last answer ${median(drained).toFixed(0)} ms after its first guess (${
            list(drained)
          })`,
        );
      },
      undefined,
      {
        auth: {
          pamService: "kvm-manager",
          adminGroups: [admins],
          operatorGroups: [],
          viewerGroups: [],
          sessionIdleMinutes: 30,
        },
      },
    );
  });
}
