// Maintenance mode on real parts (issue 46): two running TCG guests on this machine's libvirtd
// (qemu:///system) are moved to the second libvirtd of scripts/second-libvirtd.sh by entering
// maintenance, two at a time, staying up throughout (their state sampled on both ends, and
// what each keeps in memory read back after); the host refuses new VMs meanwhile; leaving with
// "bring them back" returns them. Needs root, scripts/install-test-deps.sh, about a minute.

import type { Config } from "../lib/config.ts";
import { startServer } from "../main.ts";
import { adminToken } from "./harness/test_app.ts";
import type { HostStatus } from "../shared/hosts.ts";
import type { MaintenancePlan, MaintenanceStatus } from "../shared/maintenance.ts";
import { assert, assertEquals } from "./support/assert.ts";
import {
  assertLibvirtReachable,
  ensureGuestImages,
  serialLogPath,
  testGuestXml,
  virsh,
  waitForGuestReady,
} from "./support/guest.ts";
import {
  domstateOn,
  removeDomainsOn,
  SECOND_LOG_DIR,
  startSecondLibvirtd,
  stopSecondLibvirtd,
  virshOn,
} from "./support/second_libvirtd.ts";

const MAIN = "qemu:///system";
// Our own prefix: other tests on the shared libvirtd clean up kvmm-test-* (tests/support/guest.ts).
const PREFIX = "kvmm-maint-";
const RUN = `${PREFIX}${Deno.pid}`;
// A number each guest computes: its result never appears in the command we type.
const TOKEN = 10_000 + Math.floor(Math.random() * 80_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCG guest booting the test kernel without a disk, defined and started on MAIN. */
async function startGuest(name: string): Promise<void> {
  const { kernel, initrd } = await ensureGuestImages();
  const xml = testGuestXml({ name, memoryMb: 160, kernel, initrd, diskPath: "" })
    .replace(/ *<disk [\s\S]*?<\/disk>\n/, "");
  const file = await Deno.makeTempFile({ prefix: PREFIX, suffix: ".xml" });
  try {
    await Deno.writeTextFile(file, xml);
    await virsh("define", file);
  } finally {
    await Deno.remove(file).catch(() => {});
  }
  await virsh("start", name);
  await waitForGuestReady(name);
}

function logOn(uri: string, name: string): string {
  return uri === MAIN ? serialLogPath(name) : `${SECOND_LOG_DIR}/${name}-serial.log`;
}

/** Types `line` into the guest's serial shell (QEMU reads the pty while its other end is open). */
async function typeInto(uri: string, name: string, line: string): Promise<void> {
  const xml = await virshOn(uri, "dumpxml", name);
  const pty = /<serial type='pty'>\s*<source path='([^']+)'/.exec(xml)?.[1];
  assert(pty, `${name} on ${uri} has a serial pty`);
  const file = await Deno.open(pty, { write: true });
  try {
    await sleep(1500);
    await file.write(new TextEncoder().encode(line + "\n"));
    await sleep(500);
  } finally {
    file.close();
  }
}

async function waitForLog(path: string, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await Deno.readTextFile(path).catch(() => "")).includes(text)) return;
    await sleep(200);
  }
  throw new Error(`no "${text}" in ${path} within ${timeoutMs} ms`);
}

async function cleanup(second: string | null) {
  await removeDomainsOn(MAIN, PREFIX);
  if (second) await removeDomainsOn(second, PREFIX);
  for await (const e of Deno.readDir("/var/log/libvirt/qemu")) {
    if (e.name.startsWith(PREFIX)) await Deno.remove(`/var/log/libvirt/qemu/${e.name}`);
  }
}

Deno.test({
  name:
    "qemu maintenance - two running guests leave for the second libvirtd and come back, up throughout",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await assertLibvirtReachable();
    const SECOND = await startSecondLibvirtd();
    await cleanup(SECOND);
    const dataDir = await Deno.makeTempDir({ prefix: PREFIX });
    const config: Config = {
      uri: MAIN,
      uriSource: "flag",
      demo: false,
      listen: { hostname: "127.0.0.1", port: 0 },
      dataDir,
      tls: { mode: "off" },
    };
    const server = await startServer(config, { quiet: true });
    const token = adminToken(server.ctx);
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...body === undefined ? {} : { "content-type": "application/json" },
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const guests = [`${RUN}-a`, `${RUN}-b`];
    // Sampled on both ends while moves run: a guest never found stopped, crashed or nowhere.
    const down: string[] = [];
    const watch = async (until: () => boolean) => {
      while (!until()) {
        for (const vm of guests) {
          const [here, there] = await Promise.all([domstateOn(MAIN, vm), domstateOn(SECOND, vm)]);
          const states = [here, there].filter((s) => s !== null);
          if (states.length === 0 || states.some((s) => /shut off|crashed/.test(s!))) {
            down.push(`${vm}: main ${here}, second ${there}`);
          }
        }
        await sleep(150);
      }
    };
    const settled = async (kind: string) => {
      let status: MaintenanceStatus;
      let maxMoving = 0;
      const deadline = Date.now() + 180_000;
      const sampling = { done: false };
      const watching = watch(() => sampling.done);
      do {
        await sleep(200);
        status = (await api("GET", "/api/hosts/local/maintenance")).body;
        maxMoving = Math.max(maxMoving, status.run?.moving.length ?? 0);
        assert(Date.now() < deadline, `${kind} still running: ${JSON.stringify(status)}`);
      } while (status.run?.state === "running");
      sampling.done = true;
      await watching;
      return { status, maxMoving };
    };
    try {
      const added = server.ctx.hosts.add({ name: "Second", uri: SECOND });
      for (let i = 0; i < 100 && !server.ctx.hosts.status(added.id).connected; i++) {
        await sleep(100);
      }
      await Promise.all(guests.map(startGuest));
      for (const [i, vm] of guests.entries()) {
        await typeInto(MAIN, vm, `echo mnt-$((${TOKEN} + ${i})) > /m; cat /m`);
        await waitForLog(logOn(MAIN, vm), `mnt-${TOKEN + i}`);
      }
      // Only our guests: the shared libvirtd may run other tests' guests.
      const only = guests;
      const plan: MaintenancePlan =
        (await api("POST", "/api/hosts/local/maintenance/plan", { only })).body;
      const mine = plan.moves.filter((m) => guests.includes(m.name));
      assertEquals(mine.map((m) => [m.kind, m.to]), [["live", added.id], ["live", added.id]]);
      assert(plan.moves.filter((m) => !guests.includes(m.name)).every((m) => m.kind === "stay"));

      const entered = await api("POST", "/api/hosts/local/maintenance/enter", {
        only,
        parallel: 2,
      });
      assertEquals(entered.status, 202, JSON.stringify(entered.body));
      const hostName = server.ctx.hosts.get("local").name;
      // New VMs are refused while it is marked, moves or no moves.
      const xml = `<domain type='qemu'><name>${RUN}-new</name><memory unit='MiB'>32</memory>` +
        `<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`;
      const refused = await api("POST", "/api/vms/import", { xml });
      assertEquals([refused.status, refused.body.code, refused.body.message], [
        409,
        "HOST_IN_MAINTENANCE",
        `Host "${hostName}" is in maintenance: it takes no new VMs until it leaves maintenance`,
      ]);
      assertEquals(await domstateOn(MAIN, `${RUN}-new`), null);

      const enter = await settled("enter");
      assertEquals(enter.status.run?.state, "completed", JSON.stringify(enter.status));
      assertEquals([enter.status.run?.done, enter.status.run?.total], [2, 2]);
      assertEquals(enter.maxMoving, 2, "two moved at a time");
      assertEquals(down, [], "the guests kept running during the moves");
      assertEquals(enter.status.moved.map((m) => [m.name, m.to]).sort(), [
        [guests[0], added.id],
        [guests[1], added.id],
      ]);
      const hosts: HostStatus[] = (await api("GET", "/api/hosts")).body;
      assertEquals(hosts.find((h) => h.id === "local")?.maintenance, true);
      // Each move was a migration task of its own, ended with it.
      const tasks = server.ctx.tasks.list({ limit: 20 });
      const moves = tasks.filter((t) =>
        t.action === "vm.migrate" && guests.includes(t.target?.name ?? "")
      );
      assertEquals(moves.map((t) => t.status), ["succeeded", "succeeded"]);
      assertEquals(tasks.find((t) => t.action === "host.maintenance-enter")?.status, "succeeded");
      for (const [i, vm] of guests.entries()) {
        assertEquals(await domstateOn(SECOND, vm), "running");
        assertEquals(await domstateOn(MAIN, vm), null);
        await typeInto(SECOND, vm, "cat /m");
        await waitForLog(logOn(SECOND, vm), `mnt-${TOKEN + i}`);
      }

      const left = await api("POST", "/api/hosts/local/maintenance/leave", { bringBack: true });
      assertEquals([left.status, left.body.inMaintenance], [202, false], JSON.stringify(left.body));
      const leave = await settled("leave");
      assertEquals(leave.status.run?.state, "completed", JSON.stringify(leave.status));
      assertEquals([leave.status.run?.kind, leave.status.run?.done], ["leave", 2]);
      assertEquals(down, [], "the guests kept running on the way back");
      for (const [i, vm] of guests.entries()) {
        assertEquals(await domstateOn(MAIN, vm), "running");
        assertEquals(await domstateOn(SECOND, vm), null);
        await typeInto(MAIN, vm, "cat /m");
        await waitForLog(logOn(MAIN, vm), `mnt-${TOKEN + i}`);
      }
      const after: HostStatus[] = (await api("GET", "/api/hosts")).body;
      assertEquals(after.find((h) => h.id === "local")?.maintenance, undefined);
    } finally {
      await server.close();
      await cleanup(SECOND).catch((e) => console.error("cleanup:", e));
      await Deno.remove(dataDir, { recursive: true });
      if (Deno.env.get("KVMM_KEEP_SECOND_LIBVIRTD") !== "1") await stopSecondLibvirtd();
    }
  },
});
