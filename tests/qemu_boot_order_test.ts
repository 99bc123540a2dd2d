// Start at boot in order on the real libvirtd (qemu:///system): three TCG guests with boot orders
// start in their order, each after the one before it and its up-delay, when the server starts
// after a host boot; then shut down in reverse order. The times are libvirt's own, from its
// lifecycle events (`virsh event --timestamp`), not the server's.

import { assert, assertEquals, assertMatch } from "./support/assert.ts";
import { cleanupGuestsNamed, defineDisklessGuest, virsh } from "./support/guest.ts";
import { adminCall, startRealServer } from "./support/real_server.ts";
import { adminHeaders } from "./support/browser_helpers.ts";
import { runCli } from "./support/cli.ts";
import { openStore } from "../lib/store.ts";
import { currentBootId, lastBootId, recordBootId } from "../lib/startup/host_boot.ts";
import type { Server } from "../main.ts";
import type { Task } from "../shared/tasks.ts";

const PREFIX = "kvmm-bootorder-";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** libvirt's lifecycle events as they happen, each with libvirt's timestamp. */
function lifecycleEvents() {
  const child = new Deno.Command("virsh", {
    args: ["-c", "qemu:///system", "event", "--loop", "--event", "lifecycle", "--timestamp"],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const seen: { at: number; name: string; event: string }[] = [];
  const pump = (async () => {
    let buf = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      buf += chunk;
      for (let i; (i = buf.indexOf("\n")) >= 0; buf = buf.slice(i + 1)) {
        // 2026-11-26 00:24:39.393+0000: event 'lifecycle' for domain 'x': Started Booted
        const m = /^(\S+ \S+?)([+-]\d{4}): event 'lifecycle' for domain '([^']+)': (\w+)/
          .exec(buf.slice(0, i));
        if (m && m[3].startsWith(PREFIX)) {
          const at = Date.parse(`${m[1].replace(" ", "T")}${m[2].slice(0, 3)}:${m[2].slice(3)}`);
          seen.push({ at, name: m[3], event: m[4] });
        }
      }
    }
  })();
  return {
    /** When each of `names` last had `event`, waiting for all (30 s at most). */
    async times(names: string[], event: string): Promise<number[]> {
      const end = Date.now() + 30_000;
      for (;;) {
        const at = names.map((n) => seen.findLast((e) => e.name === n && e.event === event)?.at);
        if (at.every((x) => x !== undefined)) return at as number[];
        if (Date.now() > end) {
          throw new Error(`no ${event} for all of ${names}: ${JSON.stringify(seen)}`);
        }
        await sleep(100);
      }
    },
    count: (event: string) => seen.filter((e) => e.event === event).length,
    async close() {
      child.kill();
      await child.status;
      await pump.catch(() => {});
    },
  };
}

/** The server's latest task of `action`, once it ended (60 s at most). */
async function endedTask(server: Server, action: string, after = 0): Promise<Task> {
  const end = Date.now() + 60_000;
  for (;;) {
    const tasks = await adminCall<Task[]>(server, "GET", "/api/tasks?limit=200");
    const task = tasks.find((x) => x.action === action && x.id > after);
    if (task && task.status !== "running") return task;
    if (Date.now() > end) throw new Error(`${action}: no ended task in 60 s`);
    await sleep(200);
  }
}

Deno.test("boot order - three real guests start in order with their delays after a host boot", async () => {
  await cleanupGuestsNamed(PREFIX);
  const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
  const events = lifecycleEvents();
  // Name order is the reverse of the boot order: the order, not the name, decides.
  const [first, second, third] = ["zeta", "mid", "alpha"].map((n) => `${PREFIX}${n}`);
  let server: Server | null = null;
  try {
    for (const name of [first, second, third]) await defineDisklessGuest(name);
    // libvirt's autostart on one: a boot order takes the start at boot over from it.
    await virsh("autostart", second);

    // The first run over a data dir starts nothing (libvirtd started the autostart VMs itself);
    // it keeps this boot's id.
    server = await startRealServer(dataDir);
    await adminCall(server, "PUT", `/api/vms/${first}/startup`, {
      order: 1,
      upDelay: 4,
      downTimeout: 1,
    });
    // No agent in these guests: the wait for it ends at the up-delay.
    await adminCall(server, "PUT", `/api/vms/${second}/startup`, {
      order: 2,
      upDelay: 3,
      waitForAgent: true,
      downTimeout: 1,
    });
    await adminCall(server, "PUT", `/api/vms/${third}/startup`, { order: 3, downTimeout: 1 });
    assertMatch(await virsh("dominfo", second), /Autostart:\s+disable/);
    await server.close();
    server = null;
    assertEquals(events.count("Started"), 0, "nothing starts on a first run");

    // As after a host boot: the kept boot id is an earlier one.
    {
      using store = openStore(dataDir);
      assertEquals(lastBootId(store), currentBootId());
      recordBootId(store, "an-earlier-boot");
    }
    server = await startRealServer(dataDir);
    const task = await endedTask(server, "host.start-in-order");
    assertEquals(task.status, "succeeded", JSON.stringify(task));
    assertEquals(task.title, "Start VMs in boot order");
    assertMatch(
      task.message!,
      /zeta started; .*mid started, no agent answer in 3 s; .*alpha started/,
    );
    const [a, b, c] = await events.times([first, second, third], "Started");
    // Each after the one before it and its up-delay (libvirt's clock, 100 ms of slack). How much
    // later is TCG's and the host's load, not the order's: no upper bound.
    assert(b - a >= 3900, `zeta→mid ${b - a} ms, up-delay 4 s`);
    assert(c - b >= 2900, `mid→alpha ${c - b} ms, up-delay 3 s`);
    {
      using store = openStore(dataDir);
      assertEquals(lastBootId(store), currentBootId(), "the boot is kept as done");
    }

    // The reverse, as a host's shutdown would ask it through the command line: from the last,
    // each forced off after its timeout (these guests ignore ACPI).
    const home = await Deno.makeTempDir({ prefix: PREFIX });
    const token = adminHeaders(server).authorization.slice("Bearer ".length);
    const cli = await runCli(["host", "stop-in-order", "--url", server.url, "--token", token], home)
      .finally(() => Deno.remove(home, { recursive: true }));
    assertEquals(cli.code, 0, cli.stderr);
    assertMatch(
      cli.stdout,
      /alpha forced off after 1 s; .*mid forced off after 1 s; .*zeta forced off/,
    );
    const [za, ma, al] = await events.times([first, second, third], "Stopped");
    assert(al < ma && ma < za, `stopped alpha, mid, zeta: ${[al, ma, za]}`);
    await server.close();
    server = null;

    // The same boot again: a restart of the server starts nothing.
    server = await startRealServer(dataDir);
    await sleep(2000);
    const again = await adminCall<Task[]>(server, "GET", "/api/tasks?limit=200");
    assertEquals(again.filter((x) => x.action === "host.start-in-order").length, 1);
    assertEquals((await virsh("domstate", first)).trim(), "shut off");
  } finally {
    await server?.close();
    await events.close();
    await cleanupGuestsNamed(PREFIX);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
