// Benchmark: the merged list of every host's VMs (GET /api/vms?host=all) with 20 test-driver
// hosts of 250 VMs each, beside the floor measured in this same run: the same libvirt work done
// directly through FFI on this thread, host after host.
//   deno task bench:all-hosts [--hosts N] [--vms N] [--runs N]

import { parseArgs } from "node:util";
import { writeTestNode } from "../tests/support/test_node.ts";
import { listFloorMs } from "./list_floor.ts";
import { rssMb, startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    hosts: { type: "string", default: "20" },
    vms: { type: "string", default: "250" },
    runs: { type: "string", default: "30" },
  },
});
const HOSTS = Number(values.hosts);
const VMS = Number(values.vms);
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const nodes = await Promise.all(
  Array.from({ length: HOSTS }, (_, h) =>
    writeTestNode(
      Array.from({ length: VMS }, (_, i) => ({
        name: `h${h}-vm-${String(i).padStart(4, "0")}`,
        runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
        vcpus: 1 + (i % 4),
        memoryMb: 512,
      })),
    )),
);
const floor = nodes.reduce((sum, node) => sum + listFloorMs(node.uri), 0);
const server = await startBenchServer(nodes[0].uri);
const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/json" };
try {
  for (const [i, node] of nodes.slice(1).entries()) {
    const res = await fetch(`${server.url}/api/hosts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: `bench-${i + 1}`, uri: node.uri }),
    });
    if (res.status !== 201) throw new Error(`adding a host: ${res.status} ${await res.text()}`);
  }
  for (let i = 0; i < 600; i++) {
    const hosts = await (await fetch(`${server.url}/api/hosts`, { headers })).json();
    if (hosts.every((h: { connected: boolean }) => h.connected)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const t = performance.now();
    const body = await (await fetch(`${server.url}/api/vms?host=all`, { headers })).json();
    if (i >= 3) times.push(performance.now() - t);
    count = body.vms.length;
  }
  if (count !== HOSTS * VMS) throw new Error(`listed ${count} VMs, expected ${HOSTS * VMS}`);
  console.log(`${HOSTS} test-driver hosts × ${VMS} VMs, ${RUNS} runs (medians)`);
  console.log(`floor  FFI list + name/UUID/info, host after host  ${floor.toFixed(2)} ms`);
  console.log(
    `api    GET /api/vms?host=all over HTTP           ${median(times).toFixed(2)} ms ` +
      `(${(median(times) / floor).toFixed(2)}x floor; target <= 250 ms)`,
  );
  console.log(`memory server RSS with ${HOSTS} hosts ${rssMb(server.pid).toFixed(1)} MiB`);
} finally {
  await server.stop();
  await Promise.all(nodes.map((n) => n.remove()));
}
