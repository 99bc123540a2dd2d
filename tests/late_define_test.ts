// A VM create, and a clone, whose define libvirtd carries out only after the call's deadline
// (issue 57): the answer is 504 LIBVIRT_TIMEOUT, and once libvirtd answers after all, the define
// is undone and the new disk deleted, so nothing half-made is left (before, the disk went at once
// and the define landed later: a VM without its disk, and "already exists" on the retry). The
// retry then succeeds. On a libvirtd of this test's own (scripts/second-libvirtd.sh with its own state
// folder and port), frozen with SIGSTOP just as the define is sent and thawed after the deadline;
// the shared daemon is never touched.

import { assert, assertEquals } from "./support/assert.ts";
import { privateLibvirtd } from "./support/private_libvirtd.ts";
import { run } from "./support/guest.ts";
import { createContext } from "../lib/compose.ts";
import type { Config } from "../lib/config.ts";
import { openStore } from "../lib/store.ts";
import { createApp } from "../routes/app.ts";
import { adminToken, signedIn } from "./harness/test_app.ts";

const BASE = "/tmp/kvmm-latedef-libvirtd";
const DAEMON = privateLibvirtd({
  base: BASE,
  port: 16619,
  hostUuid: "6b766d6d-2d6c-6174-6564-656600000005",
});
const POOL = "kvmm-latedef-pool";
const VM = "kvmm-latedef-vm";
const CLONE = "kvmm-latedef-clone";
/** The call deadline of this test's server: the define is frozen past it. */
const DEADLINE_MS = 3000;

const virshOn = (uri: string, ...args: string[]) => run("virsh", ["-c", uri, ...args]);
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

Deno.test("late define - a create or clone whose define lands after its deadline leaves nothing half-made, and the retry works", async () => {
  const uri = await DAEMON.start();
  assert(uri.startsWith("qemu+tcp://127.0.0.1:16619/"), uri);
  const savedTimeout = Deno.env.get("KVMM_LIBVIRT_CALL_TIMEOUT_MS");
  let frozen: number | null = null;
  try {
    for (const name of [VM, CLONE]) {
      await virshOn(uri, "destroy", name).catch(() => {});
      await virshOn(uri, "undefine", name).catch(() => {});
    }
    await virshOn(uri, "pool-destroy", POOL).catch(() => {});
    await virshOn(uri, "pool-undefine", POOL).catch(() => {});
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

    Deno.env.set("KVMM_LIBVIRT_CALL_TIMEOUT_MS", String(DEADLINE_MS));
    const config: Config = {
      uri,
      uriSource: "flag",
      demo: false,
      listen: { hostname: "127.0.0.1", port: 0 },
      dataDir: "/nonexistent",
    };
    const { ctx, client, close } = createContext(config, { store: openStore(null) });
    try {
      assert(await client.connect(), `connect: ${client.state.error}`);
      const app = signedIn(createApp(ctx), adminToken(ctx));
      const create = async () => {
        const res = await app.request("http://localhost/api/vms", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            name: VM,
            cpuCount: 1,
            memoryMb: 128,
            diskSizeGb: 1,
            osType: "linux",
            network: "",
            diskFormat: "qcow2",
            bootMenu: false,
            storagePool: POOL,
          }),
        });
        return { status: res.status, body: await res.json() };
      };

      const clone = async () => {
        const res = await app.request(`http://localhost/api/vms/${VM}/clone`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: CLONE }),
        });
        return { status: res.status, body: await res.json() };
      };

      // `act` runs with the daemon frozen as its define is sent (and only then): it answers 504;
      // thawed, libvirtd carries the define out, and KVM Manager undoes it and deletes the new
      // disk, so that libvirt ends with `vms` and `volumes` counted in the pool.
      const pid = await DAEMON.pid();
      const frozenAtDefine = async (
        act: () => Promise<{ status: number; body: { code?: string } }>,
        vms: string[],
        volumes: number,
      ) => {
        const call = client.call.bind(client) as (op: string, ...a: unknown[]) => Promise<unknown>;
        (client as { call: unknown }).call = (op: string, ...args: unknown[]) => {
          if (op === "domainDefine" && frozen === null) {
            frozen = pid;
            Deno.kill(pid, "SIGSTOP");
          }
          return call(op, ...args);
        };
        try {
          const late = await act();
          assertEquals(
            [late.status, late.body.code],
            [504, "LIBVIRT_TIMEOUT"],
            JSON.stringify(late),
          );
          assert(frozen !== null, "the define was sent to the frozen daemon");
        } finally {
          (client as { call: unknown }).call = call;
        }
        Deno.kill(pid, "SIGCONT");
        frozen = null;
        const left = async () => {
          const defined = lines(await virshOn(uri, "list", "--all", "--name")).sort();
          await virshOn(uri, "pool-refresh", POOL);
          const vols = lines(await virshOn(uri, "vol-list", POOL)).slice(2);
          return JSON.stringify(defined) === JSON.stringify(vms) && vols.length === volumes;
        };
        const end = Date.now() + 30_000;
        while (!await left()) {
          if (Date.now() > end) throw new Error("the late define was not undone within 30 s");
          await new Promise((r) => setTimeout(r, 200));
        }
      };

      await frozenAtDefine(create, [], 0);
      const again = await create();
      assertEquals(again.status, 201, JSON.stringify(again.body));
      assertEquals(lines(await virshOn(uri, "vol-list", POOL)).slice(2).length, 1, "its disk");

      // A clone of it, the same way: the clone's copied disk goes, the source stays whole.
      await frozenAtDefine(clone, [VM], 1);
      const cloned = await clone();
      assertEquals(cloned.status, 201, JSON.stringify(cloned.body));
      assertEquals(lines(await virshOn(uri, "vol-list", POOL)).slice(2).length, 2, "two disks");
    } finally {
      await close();
    }
  } finally {
    if (frozen !== null) Deno.kill(frozen, "SIGCONT");
    if (savedTimeout === undefined) Deno.env.delete("KVMM_LIBVIRT_CALL_TIMEOUT_MS");
    else Deno.env.set("KVMM_LIBVIRT_CALL_TIMEOUT_MS", savedTimeout);
    for (const name of [VM, CLONE]) {
      await virshOn(uri, "destroy", name).catch(() => {});
      await virshOn(uri, "undefine", name).catch(() => {});
    }
    await virshOn(uri, "pool-destroy", POOL).catch(() => {});
    await virshOn(uri, "pool-undefine", POOL).catch(() => {});
    await DAEMON.stop();
    await Deno.remove(BASE, { recursive: true }).catch(() => {});
  }
});
