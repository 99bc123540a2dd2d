import { assertEquals } from "../../tests/support/assert.ts";
import { StartTimes } from "./start_times.ts";
import type { VmState } from "../../shared/vms.ts";

// libvirt's event numbers (virDomainEventType): STARTED 2, STOPPED 5.
const STARTED = 2;
const STOPPED = 5;

/** A client stand-in that delivers the client's own event shapes; the clock is moved by hand. */
function setup(uri: string, readStart?: (name: string) => Promise<number | null>) {
  const client = Object.assign(new EventTarget(), { uri });
  let now = 1_000_000;
  const starts = new StartTimes({ client, readStart, now: () => now });
  const fire = (type: string, detail: unknown) =>
    client.dispatchEvent(new CustomEvent(type, { detail }));
  return {
    starts,
    connect: (connected = true) => fire("connection", { connected, uri, error: null }),
    lifecycle: (uuid: string, event: number) => fire("lifecycle", { uuid, name: uuid, event }),
    tick: (seconds: number) => now += seconds * 1000,
  };
}

const vm = (id: string, state: VmState = "running") => ({ id, name: id, state });
const settle = () => new Promise((r) => setTimeout(r, 0));

Deno.test("start times - a remote host's VM up before we connected is unknown until it starts", () => {
  const { starts, connect, lifecycle, tick } = setup("qemu+ssh://root@far/system");
  connect();
  tick(60);
  assertEquals(starts.listed([vm("a"), vm("b", "stopped")])("a"), undefined);
  lifecycle("a", STARTED);
  tick(90);
  assertEquals(starts.listed([vm("a")])("a"), 90);
  lifecycle("a", STOPPED);
  assertEquals(starts.listed([vm("a", "stopped")])("a"), undefined);
  starts.close();
});

Deno.test("start times - a reconnection forgets what the outage may have changed", () => {
  const { starts, connect, lifecycle, tick } = setup("qemu+ssh://root@far/system");
  connect();
  lifecycle("a", STARTED);
  tick(30);
  assertEquals(starts.listed([vm("a")])("a"), 30);
  connect(false);
  connect();
  tick(30);
  // It may have stopped and started again while the events could not arrive.
  assertEquals(starts.listed([vm("a")])("a"), undefined);
  starts.close();
});

Deno.test("start times - the test driver's up VMs came to be when the connection opened", () => {
  const { starts, connect, tick } = setup("test:///default");
  connect();
  tick(125);
  const uptime = starts.listed([vm("a"), vm("p", "paused"), vm("s", "stopped")]);
  assertEquals([uptime("a"), uptime("p"), uptime("s")], [125, 125, undefined]);
  starts.close();
});

Deno.test("start times - local starts are read a few at a time; an event beats a late read", async () => {
  const pending = new Map<string, (at: number | null) => void>();
  let most = 0;
  const { starts, connect, lifecycle, tick } = setup(
    "qemu:///system",
    (name) =>
      new Promise((resolve) => {
        pending.set(name, (at) => {
          pending.delete(name);
          resolve(at);
        });
        most = Math.max(most, pending.size);
      }),
  );
  connect();
  const vms = Array.from({ length: 20 }, (_, i) => vm(`vm${i}`));
  assertEquals(starts.listed(vms)("vm0"), undefined, "not read yet");
  assertEquals(pending.size, 8, "eight reads in flight");
  // vm0 restarts while its read is out: the read's answer is older than the event.
  lifecycle("vm0", STARTED);
  pending.get("vm0")!(1);
  for (let i = 0; i < 40 && pending.size; i++) {
    for (const answer of [...pending.values()]) answer(1_000_000 - 3_600_000);
    await settle();
  }
  assertEquals(most, 8);
  tick(10);
  const uptime = starts.listed(vms);
  assertEquals([uptime("vm0"), uptime("vm1"), uptime("vm19")], [10, 3610, 3610]);
  assertEquals(starts.size, 20);
  starts.close();
});

Deno.test("start times - the VM page reads a start the list has not asked for yet", async () => {
  const { starts, connect, tick } = setup("qemu:///system", () => Promise.resolve(1_000_000));
  connect();
  tick(42);
  assertEquals(await starts.uptimeOf(vm("a")), 42);
  assertEquals(await starts.uptimeOf(vm("a", "stopped")), undefined);
  starts.close();
});
