// Benchmark: a VM made as a linked clone (POST /api/vms with baseImagePath) of a 1 GiB and of a
// 100 GiB base image, beside the raw floor in the same run (virStorageVolCreateXML of the same
// overlay plus virDomainDefineXML of the same definition, straight through FFI). Linked means
// flat: the time must not grow with the base's size. Needs libvirtd (qemu:///system).
//   deno task bench:linked [--runs N]

import { parseArgs } from "node:util";
import { Connection } from "../ffi/libvirt/connection.ts";
import { createContext } from "../lib/compose.ts";
import { FEATURES } from "../routes/features.ts";
import { openStore } from "../lib/store.ts";
import { createApp } from "../routes/app.ts";
import { adminToken, signedIn } from "../tests/harness/test_app.ts";
import { overlayXml, volumeXml } from "../lib/xml/volume_xml.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string", default: "15" } },
});
const RUNS = Number(values.runs);
const URI = "qemu:///system";
const POOL = "kvmm-bench-linked";
const GIB = 1024 ** 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = await Deno.makeTempDir({ dir: "/var/lib/libvirt/images", prefix: "kvmm-bench-" });
const conn = Connection.open(URI);
const pool = conn.definePool(
  `<pool type='dir'><name>${POOL}</name><target><path>${dir}</path></target></pool>`,
);
pool.start();

const { ctx, client, close } = createContext(
  {
    uri: URI,
    uriSource: "flag",
    demo: false,
    listen: { hostname: "127.0.0.1", port: 0 },
    dataDir: "",
    storageRoots: ["/var/lib/libvirt/images"],
  },
  { features: FEATURES, store: openStore(null) },
);
const results: string[] = [];
try {
  if (!await client.connect()) throw new Error(`cannot connect: ${client.state.error}`);
  const app = signedIn(createApp(ctx), adminToken(ctx));
  for (const sizeGib of [1, 100]) {
    const baseName = `base-${sizeGib}g.qcow2`;
    pool.createVolume(volumeXml(baseName, sizeGib * GIB, "qcow2")).free();
    const base = `${dir}/${baseName}`;
    const api: number[] = [];
    let xml = "";
    for (let i = 0; i < RUNS + 2; i++) {
      const name = `kvmm-bench-lc-${i}`;
      const t = performance.now();
      const res = await app.request("http://localhost/api/vms", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name,
          cpuCount: 1,
          memoryMb: 256,
          diskSizeGb: 1,
          osType: "linux",
          network: "",
          diskFormat: "qcow2",
          bootMenu: false,
          storagePool: POOL,
          baseImagePath: base,
        }),
      });
      const ms = performance.now() - t;
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      const { id } = await res.json();
      if (i >= 2) api.push(ms);
      xml = await client.call("domainXml", id, 2);
      await client.call("domainUndefine", id, 0);
      await client.call("volumeDeleteIn", POOL, `${name}.qcow2`);
    }
    // The floor: the same overlay and definition, straight through FFI on this thread.
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `kvmm-floor-lc-${i}`;
      const t = performance.now();
      const vol = pool.createVolume(
        overlayXml(`${name}.qcow2`, sizeGib * GIB, { path: base, format: "qcow2" }),
      );
      const dom = conn.defineDomain(
        xml.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`).replace(
          /<uuid>[^<]*<\/uuid>/,
          "",
        )
          .replace(/kvmm-bench-lc-\d+\.qcow2/, `${name}.qcow2`),
      );
      floor.push(performance.now() - t);
      dom.undefine(0);
      dom.free();
      vol.delete();
      vol.free();
    }
    results.push(
      `  ${String(sizeGib).padStart(3)} GiB base: API median ${median(api).toFixed(1)} ms, ` +
        `raw volume create + define ${median(floor).toFixed(1)} ms ` +
        `(${(median(api) / median(floor)).toFixed(1)}x)`,
    );
  }
} finally {
  await close();
  for (const name of ["base-1g.qcow2", "base-100g.qcow2"]) {
    try {
      const v = pool.lookupVolume(name);
      v.delete();
      v.free();
    } catch {
      // not made
    }
  }
  pool.stop();
  pool.undefine();
  pool.free();
  conn.close();
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
console.log(`linked clone via POST /api/vms (${URI}, ${RUNS} runs each; target: under 1 s, flat)`);
for (const line of results) console.log(line);
