// Real-QEMU guest detail and agent heartbeat on qemu:///system: a 2-vCPU TCG guest running this
// tree's agent. The heartbeat finds our agent answering (with its version), reading the VM's
// guest graphs has the host sample it, per-core samples (one core kept busy) and the memory
// breakdown reach metrics.db and GET /api/vms/:id/metrics/guest; an agent stopped inside the guest
// (SIGSTOP) turns into "not responding" with an event, and answers again after SIGCONT. Fails
// (never skips) without libvirtd. Touches only kvmm-test-agent-* domains and their volumes.

import { buildAgent } from "../agent/build.ts";
import { AGENT_VERSION } from "../agent/version.ts";
import type { AgentHeartbeat } from "../shared/guest.ts";
import type { GuestMetricSeries } from "../shared/metrics.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  cleanupAgentGuests,
  defineAgentGuest,
  guestCapture,
  KVMM_AGENT_CHANNEL,
  waitForAgentGuestReady,
  waitForChannelState,
} from "./support/agent_guest.ts";
import { assertLibvirtReachable, virsh } from "./support/guest.ts";
import { withRealApp } from "./support/real_app.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("qemu guest metrics - per-core CPU and memory reach the history and the API; the heartbeat sees the agent stop and come back", async () => {
  await assertLibvirtReachable();
  await cleanupAgentGuests();
  const dir = await Deno.makeTempDir({ prefix: "kvmm-test-agent-bundle-" });
  const name = "kvmm-test-agent-usage";
  try {
    const { path: bundle } = await buildAgent(`${dir}/kvmm-agent.js`);
    const guest = await defineAgentGuest(name, { agentBundle: bundle, vcpus: 2 });
    await virsh("start", name);
    await waitForAgentGuestReady(name);
    await waitForChannelState(name, KVMM_AGENT_CHANNEL, "connected", 90_000);

    await withRealApp({}, async ({ ctx, call, events }) => {
      const heartbeat = async () => {
        const res = await call("GET", `/api/vms/${guest.uuid}/guest/heartbeat`);
        assertEquals(res.status, 200, JSON.stringify(res.body));
        return res.body as AgentHeartbeat;
      };
      const guestSeries = async (range = "live") => {
        const res = await call("GET", `/api/vms/${name}/metrics/guest?range=${range}`);
        assertEquals(res.status, 200, JSON.stringify(res.body));
        return res.body as GuestMetricSeries;
      };

      // Before any round the VM has not been pinged; then our agent answers with its version.
      assertEquals((await heartbeat()).checkedAt, null);
      const before = await guestSeries();
      assertEquals([before.source, before.t.length], ["none", 0]);
      await ctx.heartbeat.round();
      const up = await heartbeat();
      assertEquals([up.agent, up.version, up.responding], ["kvmm", AGENT_VERSION, true]);
      assert(up.lastSeenAt && Date.now() - Date.parse(up.lastSeenAt) < 30_000, up.lastSeenAt!);
      assert(events.some((e) => e.type === "agent-heartbeat" && e.id === guest.uuid));

      // Reading the graphs watches the VM; the sampler asks our agent while one core spins.
      assertEquals((await guestSeries()).source, "kvmm");
      assertEquals(ctx.guestSampler.watched(), [guest.uuid]);
      await guestCapture(name, "(timeout 120 sh -c 'while :; do :; done') >/dev/null 2>&1 & true");
      for (let i = 0; i < 4; i++) {
        await sleep(2500);
        await ctx.guestSampler.tick();
      }
      assert(ctx.guestSampler.stats.samples >= 4, JSON.stringify(ctx.guestSampler.stats));
      const rows = Number(
        ctx.monitoring.history.store.db.prepare("SELECT count(*) AS n FROM guest_raw").get()!.n,
      );
      assert(rows >= 4 * (2 + 8), `guest_raw holds 4 samples of 2 cores and 8 figures: ${rows}`);

      const s = await guestSeries();
      assertEquals([s.vmId, s.resolution, s.source], [guest.uuid, "raw", "kvmm"]);
      assertEquals(s.cores.length, 2, "one row per guest CPU");
      const last = s.cores.map((c) => c.findLast((v) => v != null)!);
      assert(last.every((v) => v >= 0 && v <= 100), JSON.stringify(s.cores));
      assert(Math.max(...last) >= 60, `the spinning core is busy: ${JSON.stringify(s.cores)}`);
      const at = s.t.length - 1;
      const m = (k: keyof GuestMetricSeries["memory"]) => s.memory[k][at]!;
      assert(m("totalMb") > 700 && m("totalMb") <= 1024, `about 1 GiB: ${m("totalMb")}`);
      const sum = m("usedMb") + m("buffersMb") + m("cachedMb") + m("freeMb");
      assert(Math.abs(sum - m("totalMb")) <= 3, `used+buffers+cached+free = total: ${sum}`);
      assert(m("availableMb") > 0 && m("availableMb") <= m("totalMb"));

      // The agent stops inside the guest: not responding since this round, last seen kept.
      const seen = (await heartbeat()).lastSeenAt;
      await guestCapture(name, "kill -STOP $(pidof deno)");
      const eventsBefore = events.length;
      await ctx.heartbeat.round();
      const down = await heartbeat();
      assertEquals([down.agent, down.responding, down.lastSeenAt], ["kvmm", false, seen]);
      assert(down.notRespondingSince, JSON.stringify(down));
      assert(
        events.slice(eventsBefore).some((e) =>
          e.type === "agent-heartbeat" && e.id === guest.uuid && !e.heartbeat.responding
        ),
        "an event says it stopped answering",
      );
      assertEquals((await guestSeries()).source, "none", "not sampled while it does not answer");
      const samples = ctx.guestSampler.stats.samples;
      await ctx.guestSampler.tick();
      assertEquals(ctx.guestSampler.stats.samples, samples);

      // And back.
      await guestCapture(name, "kill -CONT $(pidof deno)");
      await ctx.heartbeat.round();
      const again = await heartbeat();
      assertEquals([again.responding, again.notRespondingSince], [true, null]);
      assert(Date.parse(again.lastSeenAt!) > Date.parse(seen!));
    });
  } finally {
    await cleanupAgentGuests();
    await Deno.remove(dir, { recursive: true });
  }
});
