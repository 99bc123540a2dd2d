// Calls that libvirtd carries out only after their deadline (issue 57): a VM create and clone
// (the define), a volume create and clone, and a network create. Each answers 504
// LIBVIRT_TIMEOUT, and once libvirtd answers after all, what it made is undone (the define and
// the new disks: lib/vms/late_define.ts; a volume or network: ffi/libvirt/late_undo.ts), so
// nothing half-made is left and the retry works. Before, a VM create deleted its disk at once
// and the define landed later (a VM without its disk, "already exists" on the retry), and a
// volume or network simply appeared after the user was told it failed. On a libvirtd of this
// test's own (scripts/second-libvirtd.sh with its own state folder and port), frozen with
// SIGSTOP just as the call is sent and thawed after the deadline; the shared daemon is never
// touched.

import { assert, assertEquals } from "./support/assert.ts";
import { privateLibvirtd } from "./support/private_libvirtd.ts";
import { run } from "./support/guest.ts";
import { type ApiResult, withRealApp } from "./support/real_app.ts";

const BASE = "/tmp/kvmm-latecalls-libvirtd";
const DAEMON = privateLibvirtd({
  base: BASE,
  port: 16621,
  hostUuid: "6b766d6d-2d6c-6174-6564-656600000005",
});
const POOL = "kvmm-latecalls-pool";
const VM = "kvmm-latecalls-vm";
const CLONE = "kvmm-latecalls-clone";
const RESTORED = "kvmm-latecalls-restored";
const VOLUME = "kvmm-latecalls-vol.qcow2";
const VOLUME_COPY = "kvmm-latecalls-copy.qcow2";
const NETWORK = "kvmm-latecalls-net";
/** The call deadline of this test's server: the frozen call runs past it. */
const DEADLINE_MS = 3000;

const virshOn = (uri: string, ...args: string[]) => run("virsh", ["-c", uri, ...args]);
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** Removes whatever an earlier, stopped run left on this test's own daemon. */
async function clear(uri: string) {
  for (const name of [VM, CLONE, RESTORED]) {
    await virshOn(uri, "destroy", name).catch(() => {});
    await virshOn(uri, "undefine", name).catch(() => {});
  }
  await virshOn(uri, "net-destroy", NETWORK).catch(() => {});
  await virshOn(uri, "net-undefine", NETWORK).catch(() => {});
  await virshOn(uri, "pool-destroy", POOL).catch(() => {});
  await virshOn(uri, "pool-undefine", POOL).catch(() => {});
}

Deno.test("late calls - a create or clone of a VM, a volume or a network that lands after its deadline leaves nothing half-made, and the retry works", async (t) => {
  const uri = await DAEMON.start();
  assert(uri.startsWith("qemu+tcp://127.0.0.1:16621/"), uri);
  const timeouts = ["KVMM_LIBVIRT_CALL_TIMEOUT_MS", "KVMM_LIBVIRT_SLOW_CALL_TIMEOUT_MS"];
  const saved = timeouts.map((name) => Deno.env.get(name));
  let frozen: number | null = null;
  try {
    await clear(uri);
    // The daemon's /var/lib/libvirt/images is its own (under BASE).
    await virshOn(
      uri,
      "pool-define-as",
      POOL,
      "dir",
      "--target",
      `/var/lib/libvirt/images/${POOL}`,
    );
    await virshOn(uri, "pool-build", POOL);
    await virshOn(uri, "pool-start", POOL);
    // While a late volume call runs, libvirt refuses a refresh ("asynchronous jobs running"):
    // the list is then not known yet, and no list is equal to it.
    const volumes = async () => {
      if (!await virshOn(uri, "pool-refresh", POOL).then(() => true, () => false)) return ["?"];
      return lines(await virshOn(uri, "vol-list", POOL)).slice(2).map((l) => l.split(/\s+/)[0])
        .sort();
    };
    const vms = async () => lines(await virshOn(uri, "list", "--all", "--name")).sort();
    const networks = async () => lines(await virshOn(uri, "net-list", "--all", "--name"));

    // Volume makes have the long deadline (30 min): both are cut to DEADLINE_MS here.
    for (const name of timeouts) Deno.env.set(name, String(DEADLINE_MS));
    await withRealApp({ uri }, async (app) => {
      const { client } = app;
      const pid = await DAEMON.pid();

      // `act` runs with the daemon frozen as its `op` is sent (and only then): it answers 504;
      // thawed, libvirtd carries the call out, and KVM Manager undoes it, until `settled` holds;
      // then `act` again answers 201.
      const frozenAt = async (
        op: string | string[],
        act: () => Promise<ApiResult>,
        settled: () => Promise<boolean>,
      ) => {
        const call = client.call.bind(client) as (op: string, ...a: unknown[]) => Promise<unknown>;
        (client as { call: unknown }).call = (sent: string, ...args: unknown[]) => {
          if ([op].flat().includes(sent) && frozen === null) {
            frozen = pid;
            Deno.kill(pid, "SIGSTOP");
          }
          return call(sent, ...args);
        };
        try {
          const late = await act();
          assertEquals(
            [late.status, late.body.code],
            [504, "LIBVIRT_TIMEOUT"],
            JSON.stringify(late.body),
          );
          assert(frozen !== null, `the ${op} was sent to the frozen daemon`);
        } finally {
          (client as { call: unknown }).call = call;
          Deno.kill(pid, "SIGCONT");
          frozen = null;
        }
        const end = Date.now() + 30_000;
        while (!await settled()) {
          if (Date.now() > end) throw new Error(`the late ${op} was not undone within 30 s`);
          await new Promise((r) => setTimeout(r, 200));
        }
        // Nothing left: the same request again makes it.
        const again = await act();
        assertEquals(again.status, 201, JSON.stringify(again.body));
      };
      const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

      await t.step("a VM create and a clone: the define and the new disks are undone", async () => {
        const create = () =>
          app.call("POST", "/api/vms", {
            name: VM,
            cpuCount: 1,
            memoryMb: 128,
            diskSizeGb: 1,
            osType: "linux",
            network: "",
            diskFormat: "qcow2",
            bootMenu: false,
            storagePool: POOL,
          });
        const clone = () => app.call("POST", `/api/vms/${VM}/clone`, { name: CLONE });
        await frozenAt(
          "domainDefine",
          create,
          async () => same(await vms(), []) && (await volumes()).length === 0,
        );
        assertEquals((await volumes()).length, 1, "its disk");
        // A clone of it, the same way: the clone's copied disk goes, the source stays whole.
        await frozenAt(
          "domainDefine",
          clone,
          async () => same(await vms(), [VM]) && (await volumes()).length === 1,
        );
        assertEquals((await volumes()).length, 2, "two disks");
      });

      await t.step("a restore: the define and the restored disks are undone", async () => {
        assertEquals((await app.call("PUT", "/api/backups/settings", { pool: POOL })).status, 200);
        const started = await app.call("POST", `/api/vms/${VM}/backups`, {});
        assertEquals(started.status, 202, JSON.stringify(started.body));
        const backup = await app.ctx.backups.waitFor(started.body.id);
        assertEquals(backup.status, "succeeded", JSON.stringify(backup));
        const before = await volumes();
        const restore = () =>
          app.call("POST", `/api/backups/${backup.id}/restore`, { name: RESTORED });
        await frozenAt(
          "domainDefine",
          restore,
          async () => same(await vms(), [CLONE, VM]) && same(await volumes(), before),
        );
        assert((await vms()).includes(RESTORED), "restored on the retry");
      });

      await t.step("a volume create and a volume clone: the late volume is deleted", async () => {
        const before = await volumes();
        const create = () =>
          app.call("POST", `/api/pools/${POOL}/volumes`, {
            name: VOLUME,
            sizeGb: 1,
            format: "qcow2",
          });
        await frozenAt("volumeCreate", create, async () => same(await volumes(), before));
        const withVolume = await volumes();
        assert(withVolume.includes(VOLUME), JSON.stringify(withVolume));
        const clone = () =>
          app.call("POST", `/api/pools/${POOL}/volumes/${VOLUME}/clone`, { name: VOLUME_COPY });
        // A local pool's copy makes its volume first (volumeCreate); libvirt's own is one call.
        await frozenAt(
          ["volumeCreate", "volumeCloneIn"],
          clone,
          async () => same(await volumes(), withVolume),
        );
        assert((await volumes()).includes(VOLUME_COPY), "the copy, made on the retry");
      });

      await t.step("a network create: the late network is undefined", async () => {
        const before = await networks();
        const create = () =>
          app.call("POST", "/api/networks", {
            name: NETWORK,
            mode: "isolated",
            subnet: "10.219.73.0/24",
            start: false,
          });
        await frozenAt("networkDefine", create, async () => same(await networks(), before));
        assert((await networks()).includes(NETWORK), "made on the retry");
      });
    });
  } finally {
    if (frozen !== null) Deno.kill(frozen, "SIGCONT");
    timeouts.forEach((name, at) => {
      if (saved[at] === undefined) Deno.env.delete(name);
      else Deno.env.set(name, saved[at]);
    });
    await clear(uri);
    await DAEMON.stop();
    await Deno.remove(BASE, { recursive: true }).catch(() => {});
  }
});
