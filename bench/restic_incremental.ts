// Benchmark: what a second restic backup of a VM adds after a small change, beside the first's
// and the disk's raw size (issue 47: deduplication makes every backup after the first cost only
// its changed chunks). A stopped VM with a 256 MiB qcow2 disk holding 128 MiB of random data is
// backed up into a local-folder repository, 1 MiB of it rewritten, and backed up again.
// Needs libvirtd (qemu:///system) and restic.
//   deno task bench:restic [--size-mib N] [--changed-mib N]

import { parseArgs } from "node:util";
import { createContext } from "../lib/compose.ts";
import { FEATURES } from "../routes/features.ts";
import { openStore } from "../lib/store.ts";
import { resticFeature } from "../lib/restic/feature.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    "size-mib": { type: "string", default: "256" },
    "changed-mib": { type: "string", default: "1" },
  },
});
const MiB = 1024 ** 2;
const SIZE = Number(values["size-mib"]) * MiB;
const CHANGED = Number(values["changed-mib"]) * MiB;
const URI = "qemu:///system";
const POOL = "kvmm-bench-restic";
const VM = "kvmm-bench-restic-vm";

async function run(cmd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")}: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout);
}
const virsh = (...args: string[]) => run("virsh", "-c", URI, ...args);

/** Writes `bytes` random bytes at `offset` into the qcow2 disk. */
async function writeRandom(disk: string, offset: number, bytes: number) {
  const file = await Deno.makeTempFile({ prefix: "kvmm-bench-restic-" });
  try {
    const data = new Uint8Array(bytes);
    for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
    await Deno.writeFile(file, data);
    await run("qemu-io", "-f", "qcow2", "-c", `write -s ${file} ${offset} ${bytes}`, disk);
  } finally {
    await Deno.remove(file);
  }
}

const dir = await Deno.makeTempDir({ dir: "/var/lib/libvirt/images", prefix: "kvmm-bench-" });
const data = await Deno.makeTempDir({ prefix: "kvmm-bench-restic-" });
await virsh("pool-create-as", POOL, "dir", "--target", dir);
const disk = `${dir}/${VM}.qcow2`;
await run("qemu-img", "create", "-q", "-f", "qcow2", disk, String(SIZE));
await virsh("pool-refresh", POOL);
await writeRandom(disk, 0, SIZE / 2);
const xml = `<domain type='qemu'><name>${VM}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/>
  </disk></devices></domain>`;
const xmlFile = `${data}/vm.xml`;
await Deno.writeTextFile(xmlFile, xml);
await virsh("define", xmlFile);

const { ctx, client, close } = createContext({
  uri: URI,
  uriSource: "flag",
  demo: false,
  listen: { hostname: "127.0.0.1", port: 0 },
  dataDir: data,
}, { features: FEATURES, store: openStore(null) });
try {
  if (!await client.connect()) throw new Error(`cannot open ${URI}`);
  await ctx.features.get(resticFeature).create({
    name: "bench",
    kind: "local",
    location: `${data}/repo`,
    password: "bench password",
  });
  const backup = async () => {
    const started = performance.now();
    const job = await ctx.features.get(resticFeature).waitFor(
      (await ctx.features.get(resticFeature).startBackup(VM, { repository: "bench" })).id,
    );
    if (job.status !== "succeeded") throw new Error(JSON.stringify(job.error));
    const disks = job.result!.disks as { dataAdded: number; bytes: number }[];
    return {
      added: disks.reduce((n, d) => n + d.dataAdded, 0),
      read: disks.reduce((n, d) => n + d.bytes, 0),
      ms: performance.now() - started,
    };
  };
  const first = await backup();
  await writeRandom(disk, SIZE / 4, CHANGED);
  const second = await backup();
  const mib = (n: number) => `${(n / MiB).toFixed(2)} MiB`;
  console.log(`raw disk:           ${mib(SIZE)} (${mib(SIZE / 2)} of it random data)`);
  console.log(
    `first backup added:  ${mib(first.added)} (read ${mib(first.read)}, ${
      Math.round(first.ms)
    } ms)`,
  );
  console.log(
    `second backup added: ${mib(second.added)} (read ${mib(second.read)}, ${
      Math.round(second.ms)
    } ms) ` +
      `after ${mib(CHANGED)} rewritten: ${
        (100 * second.added / first.added).toFixed(1)
      }% of the first`,
  );
} finally {
  await close();
  await virsh("undefine", VM).catch(() => {});
  await virsh("pool-destroy", POOL).catch(() => {});
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.remove(data, { recursive: true }).catch(() => {});
}
