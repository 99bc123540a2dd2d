// A VM's metric history by name while libvirtd is frozen answers from the history, as by UUID
// does, instead of waiting on libvirt. On a libvirtd of this test's own
// (scripts/second-libvirtd.sh with its own state folder and port), frozen with SIGSTOP and
// always thawed and stopped afterwards; the shared daemon is never touched.

import { assert, assertEquals } from "./support/assert.ts";
import { privateLibvirtd } from "./support/private_libvirtd.ts";
import { run } from "./support/guest.ts";
import { eventually } from "./harness/test_app.ts";
import { withRealApp } from "./support/real_app.ts";

const BASE = "/tmp/kvmm-frozen-libvirtd";
const DAEMON = privateLibvirtd({
  base: BASE,
  port: 16618,
  hostUuid: "6b766d6d-2d66-726f-7a65-6e0000000004",
});
const GUEST = "kvmm-frozen-guest";

/** The process's state letter from /proc (T: stopped by a signal). */
const stateOf = (pid: number) => Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1][0];

Deno.test("metrics - by name while libvirtd is frozen answers from the history, as by UUID", async () => {
  const uri = await DAEMON.start();
  assert(uri.startsWith("qemu+tcp://127.0.0.1:16618/"), uri);
  let frozen: number | null = null;
  try {
    const xml = await Deno.makeTempFile({ suffix: ".xml" });
    await Deno.writeTextFile(
      xml,
      `<domain type='qemu'><name>${GUEST}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
        <os><type arch='x86_64'>hvm</type></os><devices><memballoon model='none'/></devices>
      </domain>`,
    );
    await run("virsh", ["-c", uri, "define", xml]).finally(() => Deno.remove(xml));
    await run("virsh", ["-c", uri, "start", GUEST]);
    const uuid = (await run("virsh", ["-c", uri, "domuuid", GUEST])).trim();

    await withRealApp({ uri }, async ({ ctx, request }) => {
      // The app has listed its VMs and sampled the guest once.
      await eventually(() => ctx.events.idOf(GUEST) === uuid, 10_000);
      await ctx.monitoring.collector.tick();
      assert(ctx.monitoring.history.has(uuid), "the guest was sampled");

      frozen = await DAEMON.pid();
      Deno.kill(frozen, "SIGSTOP");
      await eventually(() => stateOf(frozen!) === "T");
      // A frozen libvirtd answers no call, so a request that asked it would end in 504 at the
      // call's deadline or hang (the test's deadline fails it); a 200 while the daemon is still
      // stopped came from the history. How long it takes, beside the daemon running, is
      // bench/metrics.ts's (--frozen-libvirtd).
      try {
        for (const id of [uuid, GUEST]) {
          const res = await request(`/api/vms/${id}/metrics`);
          const body = await res.json();
          assertEquals([res.status, body.vmId], [200, uuid], `by ${id}: ${JSON.stringify(body)}`);
          assertEquals(stateOf(frozen), "T", `libvirtd still stopped after the answer by ${id}`);
        }
      } finally {
        // Thawed before the app closes its connections to it.
        Deno.kill(frozen, "SIGCONT");
        frozen = null;
      }
    });
  } finally {
    if (frozen !== null) Deno.kill(frozen, "SIGCONT");
    await DAEMON.stop();
    await Deno.remove(BASE, { recursive: true });
  }
});
