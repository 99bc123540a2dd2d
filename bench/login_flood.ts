// Benchmark: 20 parallel 100 MB bodies at POST /api/auth/login (before sign-in), half with a
// declared Content-Length and half streamed without one, against the server as its own process.
//   deno task bench:flood [--clients N] [--mb N]
// Prints each answer's status, the server's resident memory idle (the floor in this same run:
// the process before any request) and at its peak during the flood; the target is growth under
// 20 MB with every answer 413.

import { parseArgs } from "node:util";
import { writeTestNode } from "../tests/support/test_node.ts";
import { rssMb, startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { clients: { type: "string", default: "20" }, mb: { type: "string", default: "100" } },
});
const CLIENTS = Number(values.clients);
const BYTES = Number(values.mb) * 1024 * 1024;

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
