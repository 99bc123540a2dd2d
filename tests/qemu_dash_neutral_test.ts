// Real-QEMU check of the neutral words for normal states: a TCG guest with a virtio-balloon
// device (stats asked every second) but no guest driver to answer, and the QEMU agent's channel
// but no agent. libvirt then reports the balloon's size and QEMU's resident size, never the
// guest's unused/available/usable: the list's memory figure is marked as the host's view (grey
// "no guest statistics"), and the heartbeat says no agent is installed rather than a red "not
// responding". Only the guest this test defines is looked at. Fails (never skips) without libvirtd.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { withRealApp } from "./support/real_app.ts";
import { cleanupGuestsNamed, virsh, waitForState, xmlEscape } from "./support/guest.ts";
import type { AgentHeartbeat } from "../shared/guest.ts";
import type { VmSummary } from "../shared/vms.ts";
import { heartbeatText } from "../islands/guest/heartbeat.ts";

const PREFIX = "kvmm-test-dash-";

/** A diskless 64 MiB guest: SeaBIOS finds nothing to boot and it keeps running, driverless. */
async function defineGuest(name: string): Promise<string> {
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(
      file,
      `<domain type='qemu'><name>${xmlEscape(name)}</name><memory unit='MiB'>64</memory>
        <vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
        <devices>
          <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
          <memballoon model='virtio'><stats period='1'/></memballoon>
        </devices></domain>`,
    );
    await virsh("define", file);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
  return (await virsh("domuuid", name)).trim();
}

Deno.test("qemu dash - no balloon driver: memory is the host's view, grey; no agent: 'No agent installed'", async () => {
  await cleanupGuestsNamed(PREFIX);
  const name = `${PREFIX}${crypto.randomUUID().slice(0, 8)}`;
  try {
    const id = await defineGuest(name);
    await virsh("start", name);
    await waitForState(name, "running");
    // The premise, as libvirt says it: the balloon's size, no figure from inside the guest.
    const stats = await virsh("domstats", "--balloon", name);
    assertMatch(stats, /balloon\.current=65536/);
    assert(!/balloon\.(unused|available|usable)=/.test(stats), stats);

    await withRealApp({}, async ({ ctx, call, request }) => {
      await ctx.monitoring.collector.tick(); // the first tick is a slow one: balloon figures
      const list = await call("GET", "/api/vms");
      assertEquals(list.status, 200);
      const row = (list.body as VmSummary[]).find((v) => v.id === id);
      assert(row, `${name} listed`);
      assert(row.memoryPercent !== undefined, `${name}: memory sampled`);
      assertEquals(row.memoryNoGuestStats, true, JSON.stringify(row));

      // The VM list draws it grey with the words, however full it looks.
      const page = await (await request("/vms")).text();
      assertMatch(
        page,
        new RegExp(
          `<meter class="usage-meter meter-neutral"[^>]*aria-label="Memory assigned to ${name}"`,
        ),
      );

      // The agent's channel is there, the guest never opened it, nothing ever answered.
      await ctx.heartbeat.round();
      const beat = await call("GET", `/api/vms/${id}/guest/heartbeat`);
      assertEquals(beat.status, 200);
      const hb = beat.body as AgentHeartbeat;
      assertEquals([hb.agent, hb.responding, hb.channelOpen, hb.lastSeenAt], [
        "qemu",
        false,
        false,
        null,
      ]);
      assertEquals(heartbeatText(hb, Date.now()), { kind: "absent", text: "No agent installed" });
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
  }
});
