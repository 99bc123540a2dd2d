// The event stream on a real libvirtd (qemu:///system): each state change of a VM reaches
// /api/events once, though libvirt's QEMU driver reports a start as RESUMED then STARTED and a
// stop as SHUTDOWN then STOPPED.

import { assertEquals } from "./support/assert.ts";
import { cleanupGuestsNamed, defineDisklessGuest } from "./support/guest.ts";
import { withRealApp } from "./support/real_app.ts";

const PREFIX = "kvmm-events-";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The stream's vm-state-changed events for `id`, as they arrive, read until `close()`. */
function stateEvents(res: Response, id: string) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const states: string[] = [];
  const pump = (async () => {
    let buf = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      buf += r.value;
      for (let i; (i = buf.indexOf("\n\n")) >= 0; buf = buf.slice(i + 2)) {
        const data = /^data: (.*)$/m.exec(buf.slice(0, i))?.[1];
        const event = data ? JSON.parse(data) : null;
        if (event?.type === "vm-state-changed" && event.id === id) states.push(event.state);
      }
    }
  })().catch(() => {});
  return {
    states,
    /** Waits until `count` states have arrived (failing after 30 s). */
    async waitFor(count: number) {
      const end = Date.now() + 30_000;
      while (states.length < count) {
        if (Date.now() > end) throw new Error(`only ${states} after 30 s`);
        await sleep(50);
      }
    },
    async close() {
      await reader.cancel();
      await pump;
    },
  };
}

Deno.test("events - each state change of a real VM reaches the stream once", async () => {
  await cleanupGuestsNamed(PREFIX);
  try {
    await withRealApp({}, async (t) => {
      // Defined while the app runs: the hub learns it from libvirt's DEFINED event.
      const id = await defineDisklessGuest(`${PREFIX}${crypto.randomUUID().slice(0, 8)}`);
      const res = await t.request("/api/events");
      assertEquals(res.status, 200);
      const events = stateEvents(res, id);
      try {
        const steps: [string, string][] = [
          ["start", "running"],
          ["pause", "paused"],
          ["resume", "running"],
          ["force-stop", "stopped"],
          ["start", "running"],
          ["force-stop", "stopped"],
        ];
        for (const [i, [action, state]] of steps.entries()) {
          const done = await t.call("POST", `/api/vms/${id}/${action}`);
          assertEquals(done.status, 200, `${action}: ${JSON.stringify(done.body)}`);
          await events.waitFor(i + 1);
          assertEquals(events.states[i], state, `after ${action}: ${events.states}`);
          // libvirt's second event of the change comes within milliseconds of the first.
          await sleep(1000);
          assertEquals(events.states.length, i + 1, `after ${action}: ${events.states}`);
        }
      } finally {
        await events.close();
      }
    });
  } finally {
    await cleanupGuestsNamed(PREFIX);
  }
});
