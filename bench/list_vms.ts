// Benchmark: GET /api/vms over loopback HTTP for 1,000 test-driver VMs, beside the raw FFI
// floor measured in this same run, plus the server's resident memory when idle.
//   deno task bench [--vms N] [--runs N]

import { parseArgs } from "node:util";
import { Connection, ListFlags, StatsTypes } from "../ffi/libvirt/connection.ts";
import { writeTestNode } from "../tests/support/test_node.ts";
import { rssMb, startBenchServer } from "./server_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { vms: { type: "string", default: "1000" }, runs: { type: "string", default: "50" } },
});
const VMS = Number(values.vms);
const RUNS = Number(values.runs);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>, runs = RUNS): Promise<number> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const node = await writeTestNode(
  Array.from({ length: VMS }, (_, i) => ({
    name: `vm-${String(i).padStart(4, "0")}`,
    runstate: (i % 3 === 0 ? 5 : 1) as 1 | 5,
    vcpus: 1 + (i % 4),
    memoryMb: 512,
  })),
);

// The floor: the same libvirt work done directly through FFI on this thread: what the list
// shows comes from the list with each domain's name, UUID and info, and its autostart column
// from one more list of only the domains that autostart (libvirt has no autostart in either).
const conn = Connection.open(node.uri);
const listAndInfoOnce = () => {
  for (const d of conn.listAllDomains()) {
    d.getName();
    d.getUUIDString();
    d.getInfo();
    d.free();
  }
  for (const d of conn.listAllDomains(ListFlags.AUTOSTART)) {
    d.getUUIDString();
    d.free();
  }
};
const bulkStats = await time(() =>
  conn.getAllDomainStats(StatsTypes.STATE | StatsTypes.VCPU | StatsTypes.BALLOON)
);

const server = await startBenchServer(node.uri);
const { url, token } = server;

try {
  let count = 0;
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssMb(server.pid);
  const list = async () => {
    const res = await fetch(`${url}/api/vms`, { headers: { authorization: `Bearer ${token}` } });
    count = (await res.json()).length;
  };
  // Floor and API run by turns, so whatever the machine does meanwhile weighs on both alike
  // (measured one after the other, the floor alone varied 4.4-9.6 ms from run to run).
  const floorTimes: number[] = [];
  const apiTimes: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    let t = performance.now();
    listAndInfoOnce();
    const floorMs = performance.now() - t;
    t = performance.now();
    await list();
    const apiMs = performance.now() - t;
    if (i < 5) continue; // warm-up
    floorTimes.push(floorMs);
    apiTimes.push(apiMs);
  }
  conn.close();
  const listAndInfo = median(floorTimes);
  const api = median(apiTimes);
  if (count !== VMS) throw new Error(`GET /api/vms returned ${count} VMs, expected ${VMS}`);
  const afterRss = rssMb(server.pid);
  const ratio = api / listAndInfo;
  console.log(`VMs: ${VMS}, runs: ${RUNS} (medians)`);
  console.log(`floor  FFI list + name/UUID/info + autostart list ${listAndInfo.toFixed(2)} ms`);
  console.log(`floor  FFI virConnectGetAllDomainStats ${bulkStats.toFixed(2)} ms`);
  console.log(
    `api    GET /api/vms over HTTP          ${api.toFixed(2)} ms  (${
      ratio.toFixed(2)
    }x floor; target ${VMS <= 1000 ? "<= 1.5x and <= 20 ms" : "<= 2x"})`,
  );
  console.log(
    `memory server RSS idle ${idleRss.toFixed(1)} MB (target <= 60 MB), after ${RUNS + 5} lists ${
      afterRss.toFixed(1)
    } MB`,
  );
} finally {
  await server.stop();
  await node.remove();
}
