// Benchmark: creating a VM through POST /api/vms (validation, host facts, XML, define),
// excluding disk allocation (the VM imports an existing volume), beside the raw floor of one
// virDomainDefineXML of the same XML in this same run.
//   deno task bench:create [--runs N] [--uri URI --import /pool/volume/path]

import { parseArgs } from "node:util";
import { Connection } from "../ffi/libvirt/connection.ts";
import { writeTestNode } from "../tests/support/test_node.ts";
import { createContext } from "../lib/compose.ts";
import { FEATURES } from "../routes/features.ts";
import { openStore } from "../lib/store.ts";
import { createApp } from "../routes/app.ts";
import { adminToken, signedIn } from "../tests/harness/test_app.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "30" },
    uri: { type: "string" },
    import: { type: "string" },
  },
});
const RUNS = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const node = values.uri ? null : await writeTestNode([{ name: "base", disk: true, runstate: 5 }]);
const uri = values.uri ?? node!.uri;
const importPath = values.import ?? "/var/lib/kvmm-testdriver/pool/base.qcow2";

const { ctx, client, close } = createContext(
  { uri, uriSource: "flag", demo: false, listen: { hostname: "127.0.0.1", port: 0 }, dataDir: "" },
  { features: FEATURES, store: openStore(null) },
);
if (!await client.connect()) throw new Error(`cannot connect to ${uri}: ${client.state.error}`);
// Signed in with an admin API token, so the real sign-in checks are part of what is timed.
const app = signedIn(createApp(ctx), adminToken(ctx));

const config = (name: string) => ({
  name,
  cpuCount: 1,
  memoryMb: 256,
  diskSizeGb: 1,
  osType: "linux",
  osVariant: "linux2022",
  network: "",
  diskFormat: "qcow2",
  bootMenu: false,
  importDiskPath: importPath,
});

const api: number[] = [];
let xml = "";
for (let i = 0; i < RUNS + 3; i++) {
  const name = `kvmm-bench-${i}`;
  const t = performance.now();
  const res = await app.request("http://localhost/api/vms", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config(name)),
  });
  const ms = performance.now() - t;
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  if (i >= 3) api.push(ms); // the first runs load the osinfo database and warm up
  xml = await client.call("domainXml", id, 2);
  await client.call("domainUndefine", id, 0);
}

// The floor: the same definition, straight through FFI on this thread.
const conn = Connection.open(uri);
const floor: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const doc = xml.replace(/<name>[^<]*<\/name>/, `<name>kvmm-floor-${i}</name>`)
    .replace(/<uuid>[^<]*<\/uuid>/, "");
  const t = performance.now();
  const dom = conn.defineDomain(doc);
  floor.push(performance.now() - t);
  dom.undefine(0);
  dom.free();
}
conn.close();
await close();
await node?.remove();

const a = median(api), f = median(floor);
console.log(`create VM via POST /api/vms (${uri}, ${RUNS} runs, disk imported, not allocated)`);
console.log(
  `  API median:               ${a.toFixed(2)} ms   (target < 1000 ms; contract 5000 ms)`,
);
console.log(`  raw virDomainDefineXML:   ${f.toFixed(2)} ms`);
console.log(`  ratio:                    ${(a / f).toFixed(1)}x the define call alone`);
