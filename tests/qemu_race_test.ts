// Concurrent VM operations against the real server and tiny TCG guests on qemu:///system: the
// answers are 200 or 409, never 5xx, and a delete with disks never leaves a running VM without
// its disk. Guests are named kvmm-race-*, and only those are cleaned up.
//
// A round ends with the VM shut off again, and libvirt takes about 1.6 s to tear a QEMU down
// (virsh destroy, a force-stop: the exited QEMU waits as a zombie until the machine's PID 1 reaps
// it, every 2 s here): 40 of the file's 90 s alone. The start-vs-stop and delete-vs-start
// rounds therefore run in two chains on guests of their own, side by side (each round still races
// on one VM from "shut off"; a chain's guests never meet the other's), and a round's clean-up runs
// beside the next round.

import type { Server } from "../main.ts";
import { withRealServer } from "./support/real_server.ts";
import { assert, assertEquals } from "./support/assert.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import {
  cleanupGuestsNamed,
  domstate,
  ensureGuestImages,
  ensurePool,
  exists,
  TEST_POOL,
  testGuestXml,
  virsh,
  xmlEscape,
} from "./support/guest.ts";

const PREFIX = "kvmm-race-";

/** Defines (does not start) a 96 MiB TCG guest with a 16 MiB qcow2 disk in kvmm-test-pool. */
async function defineGuest(suffix: string) {
  const name = PREFIX + suffix;
  const { kernel, initrd } = await ensureGuestImages();
  await ensurePool();
  const vol = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  const dom = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(
      vol,
      `<volume><name>${xmlEscape(name)}.qcow2</name><capacity unit='MiB'>16</capacity>` +
        `<target><format type='qcow2'/></target></volume>`,
    );
    await virsh("vol-create", TEST_POOL, vol);
    const diskPath = (await virsh("vol-path", "--pool", TEST_POOL, `${name}.qcow2`)).trim();
    await Deno.writeTextFile(dom, testGuestXml({ name, memoryMb: 96, kernel, initrd, diskPath }));
    await virsh("define", dom);
    return { name, uuid: (await virsh("domuuid", name)).trim(), diskPath };
  } finally {
    await Deno.remove(vol).catch(() => {});
    await Deno.remove(dom).catch(() => {});
  }
}

/** Removes this file's guests (named `prefix`*), their disks and serial logs. */
const cleanup = (prefix = PREFIX) => cleanupGuestsNamed(prefix);

/** Starts the real server on loopback for `fn`; always removes this file's guests after. */
const withServer = (fn: (s: Server) => Promise<void>) =>
  withRealServer({ cleanup, prepare: () => Promise.resolve() }, (s) => fn(s));

/** One request as admin; the status and, for errors, the body's code and message. */
async function call(s: Server, method: string, path: string) {
  const res = await fetch(s.url + path, { method, headers: adminHeaders(s) });
  const body = await res.text();
  return { status: res.status, body };
}

/** Counts answers by status; remembers the bodies of anything but 200 and 409. */
class Tally {
  counts: Record<number, number> = {};
  odd: string[] = [];
  add(what: string, r: { status: number; body: string }) {
    this.counts[r.status] = (this.counts[r.status] ?? 0) + 1;
    if (r.status !== 200 && r.status !== 409) this.odd.push(`${what} ${r.status} ${r.body}`);
  }
  assertNo5xx(what: string) {
    console.log(`${what}: ${JSON.stringify(this.counts)}`);
    assertEquals(this.odd, [], `${what}: answers other than 200/409`);
  }
}

/**
 * `rounds` rounds in `CHAINS` chains side by side, one round after another in each; `round` gets
 * its number (0 to rounds - 1) and its chain's. A failed round stops every chain after its
 * current round; the first failure is thrown once all have stopped.
 */
async function inChains(rounds: number, round: (n: number, chain: number) => Promise<void>) {
  const perChain = Math.ceil(rounds / CHAINS);
  let failed = false;
  const chains = await Promise.allSettled(Array.from({ length: CHAINS }, async (_, c) => {
    for (let n = c * perChain; n < Math.min(rounds, (c + 1) * perChain) && !failed; n++) {
      await round(n, c).catch((e) => {
        failed = true;
        throw e;
      });
    }
  }));
  const lost = chains.find((r) => r.status === "rejected");
  if (lost) throw lost.reason;
}

/** Chains of rounds that run side by side, each on guests of its own. */
const CHAINS = 2;

/** Brings a guest back to "shut off" (virsh, outside the server). */
async function destroy(name: string) {
  await virsh("destroy", name).catch(() => {});
  assertEquals(await domstate(name), "shut off");
}

Deno.test("qemu race - 100 concurrent starts of one VM answer 200 or 409, never 5xx", async () => {
  await withServer(async (s) => {
    const g = await defineGuest("starts");
    const tally = new Tally();
    // 10 rounds of 10 starts at once (5 concurrent pairs each), each round from "shut off".
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => call(s, "POST", `/api/vms/${g.uuid}/start`)),
      );
      answers.forEach((r) => tally.add(`round ${round} start`, r));
      // Each round starts the VM exactly once: the others are 409 "already running".
      assertEquals(answers.filter((r) => r.status === 200).length, 1, `round ${round}`);
      assertEquals(await domstate(g.name), "running", `round ${round}`);
      await destroy(g.name);
    }
    tally.assertNo5xx("concurrent starts");
  });
});

Deno.test("qemu race - start racing force-stop answers 200 or 409, never 5xx", async () => {
  await withServer(async (s) => {
    const guests = await Promise.all(
      Array.from({ length: CHAINS }, (_, c) => defineGuest(`stop-${c}`)),
    );
    const tally = new Tally();
    // From "shut off" each round: a force-stop landing while QEMU starts made the start fail
    // with "process exited while connecting to monitor" (500) in some rounds.
    await inChains(20, async (round, chain) => {
      const g = guests[chain];
      const [start, stop] = await Promise.all([
        call(s, "POST", `/api/vms/${g.uuid}/start`),
        call(s, "POST", `/api/vms/${g.uuid}/force-stop`),
      ]);
      tally.add(`round ${round} start`, start);
      tally.add(`round ${round} force-stop`, stop);
      await destroy(g.name);
    });
    tally.assertNo5xx("start vs force-stop");
  });
});

Deno.test("qemu race - delete with disks racing start never leaves a running VM without its disk", async () => {
  await withServer(async (s) => {
    const tally = new Tally();
    const outcomes: Record<string, number> = {};
    const cleanups: Promise<void>[] = [];
    const rounds = Promise.allSettled([inChains(20, async (round) => {
      // Two digits: a round's clean-up (by name prefix) must not reach round 1x's guest.
      const g = await defineGuest(`del-${String(round).padStart(2, "0")}`);
      const [del, start] = await Promise.all([
        call(s, "DELETE", `/api/vms/${g.uuid}?deleteDisks=true`),
        call(s, "POST", `/api/vms/${g.uuid}/start`),
      ]);
      tally.add(`round ${round} delete`, del);
      // A start after the delete finds no VM: 404 is its honest answer.
      if (start.status !== 404) tally.add(`round ${round} start`, start);
      const state = await domstate(g.name).catch(() => "gone");
      const disk = await exists(g.diskPath);
      const outcome = `${state}, disk ${disk ? "kept" : "deleted"}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      assert(state !== "running" || disk, `round ${round}: running without its disk`);
      assert(del.status !== 200 || (state === "gone" && !disk), `round ${round}: ${outcome}`);
      cleanups.push(cleanup(g.name));
    })]);
    // Every clean-up awaited, also after a failed round; a clean-up's own error fails the test.
    const settled = [...await rounds, ...await Promise.allSettled(cleanups)];
    const lost = settled.find((r) => r.status === "rejected");
    if (lost) throw lost.reason;
    console.log(`delete vs start outcomes: ${JSON.stringify(outcomes)}`);
    tally.assertNo5xx("delete vs start");
  });
});
