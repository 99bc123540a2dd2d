// One guest's QEMU stopped (SIGSTOP) on a real libvirtd: the collector keeps ticking with the
// other guest, `GET /api/vms` and the other guest's stats answer while that QEMU stays stopped,
// and the stuck guest is marked `unresponsive` in its samples and list entry. The guests carry a
// prefix of their own (not kvmm-test-, which other test files clean up wholesale while this one
// runs); QEMU is always resumed and the guests removed.

import type { Server } from "../main.ts";
import { startRealServer } from "./support/real_server.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import {
  assertLibvirtReachable,
  cleanupGuestsNamed,
  defineDisklessGuest,
  virsh,
} from "./support/guest.ts";

const PREFIX = "kvmm-stuck-test-";
const TICK_S = 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Removes this file's guests (a crashed run's too), and only those. */
const removeGuests = () => cleanupGuestsNamed(PREFIX);

/** A diskless TCG guest: SeaBIOS finds nothing to boot and keeps the VM running. */
async function startGuest(suffix: string): Promise<{ name: string; uuid: string; pid: number }> {
  const name = PREFIX + suffix;
  const uuid = await defineDisklessGuest(name);
  await virsh("start", name);
  const pid = Number((await Deno.readTextFile(`/run/libvirt/qemu/${name}.pid`)).trim());
  return { name, uuid, pid };
}

async function timed(s: Server, path: string) {
  const started = performance.now();
  const res = await fetch(s.url + path, { headers: adminHeaders(s) });
  const body = await res.json();
  return { status: res.status, body, ms: performance.now() - started };
}

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await sleep(50);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The process's state letter from /proc (T: stopped by a signal). */
const stateOf = (pid: number) => Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1][0];

/** Ticks after the stuck guest was first marked: the collector went on past its QEMU. */
const MARKED_TICKS = 3;

Deno.test("stuck guest - a guest whose QEMU is stopped holds up neither the collector nor the list", async () => {
  await assertLibvirtReachable();
  await removeGuests();
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  let server: Server | undefined;
  let stuckPid = 0;
  try {
    const stuck = await startGuest("a");
    const other = await startGuest("b");
    server = await startRealServer(dataDir, { statsInterval: TICK_S });
    const s = server;
    const { collector } = s.ctx.monitoring;
    await until(() => collector.stats.ticks >= 2, 15_000, "two collector ticks");

    const before: number[] = [];
    for (let i = 0; i < 5; i++) {
      const list = await timed(s, "/api/vms");
      assertEquals(list.status, 200);
      before.push(list.ms);
    }

    // Every tick from here on: when it was taken, which VMs it read, and the stuck QEMU's state.
    const ticks: { at: number; vms: string[]; unresponsive: string[]; qemu: string }[] = [];
    let seen = collector.stats.ticks;
    const errorsBefore = collector.stats.errors;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        if (collector.stats.ticks !== seen && collector.latest) {
          seen = collector.stats.ticks;
          ticks.push({
            at: Date.now(),
            vms: collector.latest.domains.map((d) => d.uuid),
            unresponsive: collector.stats.lastUnresponsive,
            qemu: stuckPid ? stateOf(stuckPid) : "not stopped yet",
          });
        }
        await sleep(20);
      }
    })();

    stuckPid = stuck.pid;
    Deno.kill(stuckPid, "SIGSTOP");
    await until(() => stateOf(stuckPid) === "T", 5_000, "QEMU stopped");
    const stoppedAt = Date.now();
    const during: number[] = [];
    let marked: { unresponsive?: boolean } | undefined;
    const markedTicks = () => ticks.filter((t) => t.unresponsive.includes(stuck.uuid)).length;
    // Until the list marks the stuck guest and the collector has ticked past it a few times; a
    // collector or a list held up by the stopped QEMU fails at this deadline or the test's own.
    while (!(marked?.unresponsive && markedTicks() >= MARKED_TICKS)) {
      if (Date.now() - stoppedAt > 60_000) {
        throw new Error(
          `60 s after the stop: ${ticks.length} ticks, ${markedTicks()} marking the stuck guest; ` +
            `in the list: ${JSON.stringify(marked)}`,
        );
      }
      // A stopped QEMU answers no call: each 200 while it is still stopped did not wait on it.
      const list = await timed(s, "/api/vms");
      assertEquals(list.status, 200, JSON.stringify(list.body));
      assertEquals(stateOf(stuckPid), "T", "QEMU still stopped after GET /api/vms");
      during.push(list.ms);
      marked = list.body.find((vm: { id: string }) => vm.id === stuck.uuid);
      const stats = await timed(s, `/api/vms/${other.uuid}/stats`);
      assertEquals(stats.status, 200, JSON.stringify(stats.body));
      assertEquals(stateOf(stuckPid), "T", "QEMU still stopped after the other guest's stats");
      await sleep(500);
    }
    watching = false;
    await watch;

    // How long each took is printed, not asserted: it is the host's load as much as ours.
    const gaps = ticks.slice(1).map((t, i) => t.at - ticks[i].at);
    console.log(
      `  GET /api/vms median ${median(before).toFixed(0)} ms before the stop, ` +
        `${median(during).toFixed(0)} ms (max ${Math.max(...during).toFixed(0)} ms) during; ` +
        `${ticks.length} ticks in ${((Date.now() - stoppedAt) / 1000).toFixed(0)} s, ` +
        `longest gap ${Math.max(0, ...gaps)} ms`,
    );
    assertEquals(collector.stats.errors, errorsBefore, `collector: ${collector.stats.lastError}`);
    for (const t of ticks) assert(t.vms.includes(other.uuid), "the other guest in every tick");
    // The collector went on ticking past the stopped QEMU, which stayed stopped all along.
    const after = ticks.filter((t) => t.unresponsive.includes(stuck.uuid));
    assert(after.length >= MARKED_TICKS, `${after.length} ticks marked the stuck guest`);
    for (const t of after) assertEquals(t.qemu, "T", "QEMU still stopped at a marked tick");
    assert(ticks.at(-1)!.unresponsive.includes(stuck.uuid), "the stuck guest marked in samples");
    assert(!ticks.at(-1)!.unresponsive.includes(other.uuid), "the other guest not marked");
    assertEquals(marked?.unresponsive, true, "the stuck guest marked in the list");
  } finally {
    if (stuckPid) Deno.kill(stuckPid, "SIGCONT");
    await server?.close();
    await removeGuests();
    await Deno.remove(dataDir, { recursive: true });
  }
});
