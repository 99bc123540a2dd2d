import { assertEquals } from "../../tests/support/assert.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import type { AppEvent } from "../../shared/events.ts";
import { AgentHeartbeatMonitor, guestSourceOf } from "./heartbeat.ts";

const A = "6b5a6f1e-0000-4000-8000-0000000000b1";
const B = "6b5a6f1e-0000-4000-8000-0000000000b2";
const C = "6b5a6f1e-0000-4000-8000-0000000000b3";

/** A live domain XML with our channel (open or not), QEMU's, or none. */
function xml(
  channels: { kvmm?: "connected" | "disconnected"; qemu?: "connected" | "disconnected" },
): string {
  const ch = (name: string, state: string, path: string) =>
    `<channel type='unix'><source mode='bind' path='${path}'/>` +
    `<target type='virtio' name='${name}' state='${state}'/></channel>`;
  return `<domain type='qemu' id='3'><devices>${
    channels.qemu ? ch("org.qemu.guest_agent.0", channels.qemu, "/run/q.sock") : ""
  }${
    channels.kvmm ? ch("org.kvmmanager.agent.0", channels.kvmm, "/run/k.sock") : ""
  }</devices></domain>`;
}

/** libvirt as the heartbeat sees it: counts each call by op. */
function fakeClient(domains: Record<string, string>, qemuAnswers: () => boolean) {
  const calls: string[] = [];
  const client = {
    state: { connected: true },
    read(op: string) {
      calls.push(op);
      if (op === "runningDomainIds") return Promise.resolve(Object.keys(domains));
      return Promise.reject(new Error(op));
    },
    call(op: string, uuid?: string) {
      calls.push(op);
      if (op === "domainXml") return Promise.resolve(domains[uuid!]);
      return Promise.reject(new Error(op));
    },
    callAgent(op: string) {
      calls.push(op);
      return qemuAnswers() ? Promise.resolve(0) : Promise.reject(new Error("agent not responding"));
    },
    addEventListener() {},
    removeEventListener() {},
  };
  return { client: client as unknown as LibvirtClient, calls };
}

Deno.test("heartbeat - pings ours, else QEMU's, records last seen and says when it changes", async () => {
  let now = Date.UTC(2026, 10, 1, 10, 0, 0);
  let oursAnswers = true;
  const { client, calls } = fakeClient(
    {
      [A]: xml({ kvmm: "connected", qemu: "connected" }),
      [B]: xml({ qemu: "connected" }),
      [C]: xml({}),
    },
    () => true,
  );
  const events: AppEvent[] = [];
  const pings: string[] = [];
  const hb = new AgentHeartbeatMonitor({
    client,
    emit: (e) => events.push(e),
    pingOurs: (uuid, _socket, withVersion) => {
      pings.push(`${uuid}:${withVersion}`);
      return oursAnswers
        ? Promise.resolve(withVersion ? "1.3.0" : null)
        : Promise.reject(new Error("timeout"));
    },
    now: () => now,
  });
  await hb.round();
  const first = new Date(now).toISOString();
  assertEquals(hb.get(A), {
    vmId: A,
    agent: "kvmm",
    version: "1.3.0",
    responding: true,
    channelOpen: true,
    lastSeenAt: first,
    notRespondingSince: null,
    checkedAt: first,
    intervalSeconds: 30,
  });
  assertEquals([hb.get(B)?.agent, hb.get(B)?.responding], ["qemu", true]);
  assertEquals([hb.get(C)?.agent, hb.get(C)?.responding], [null, false]);
  assertEquals(hb.ourSocket(A), "/run/k.sock");
  assertEquals(hb.ourSocket(B), null);
  assertEquals(guestSourceOf(hb.get(A)), "kvmm");
  assertEquals(guestSourceOf(hb.get(B)), "qemu-only");
  assertEquals(events.length, 3, "each VM's first heartbeat is news");
  // First round: the list, three XML reads, one QEMU ping; ours went over its socket.
  assertEquals(calls.sort(), [
    "domainXml",
    "domainXml",
    "domainXml",
    "guestTime",
    "runningDomainIds",
  ]);

  // Second round: one libvirt call per VM at most (the list, B's ping), no XML, no event.
  calls.length = 0;
  now += 30_000;
  await hb.round();
  assertEquals(calls.sort(), ["guestTime", "runningDomainIds"]);
  assertEquals(pings, [`${A}:true`, `${A}:false`], "the version is asked once");
  assertEquals(hb.get(A)?.lastSeenAt, new Date(now).toISOString());
  assertEquals(events.length, 3);

  // Our agent stops answering: not responding since this round, last seen kept, one event.
  oursAnswers = false;
  const lastSeen = hb.get(A)!.lastSeenAt;
  now += 30_000;
  await hb.round();
  const stopped = new Date(now).toISOString();
  assertEquals(hb.get(A)?.responding, false);
  assertEquals(hb.get(A)?.lastSeenAt, lastSeen);
  assertEquals(hb.get(A)?.notRespondingSince, stopped);
  assertEquals(hb.ourSocket(A), null, "not sampled while it does not answer");
  assertEquals(events.at(-1), { type: "agent-heartbeat", id: A, heartbeat: hb.get(A)! });
  now += 30_000;
  await hb.round();
  assertEquals(hb.get(A)?.notRespondingSince, stopped, "since the first silent round");
  assertEquals(events.length, 4);

  // Back again: responding, one more event.
  oursAnswers = true;
  now += 30_000;
  await hb.round();
  assertEquals([hb.get(A)?.responding, hb.get(A)?.notRespondingSince], [true, null]);
  assertEquals(events.length, 5);
});

Deno.test("heartbeat - a closed channel that never answered says so (channelOpen false)", async () => {
  const now = Date.UTC(2026, 10, 1, 10, 0, 0);
  const { client } = fakeClient(
    // The wizard's channels in a guest without agents: both there, neither opened by the guest.
    { [A]: xml({ kvmm: "disconnected", qemu: "disconnected" }), [C]: xml({}) },
    () => false,
  );
  const hb = new AgentHeartbeatMonitor({
    client,
    emit: () => {},
    pingOurs: () => Promise.reject(new Error("timeout")),
    now: () => now,
  });
  await hb.round();
  const a = hb.get(A)!;
  assertEquals(
    [a.agent, a.responding, a.channelOpen, a.lastSeenAt],
    ["kvmm", false, false, null],
  );
  assertEquals([hb.get(C)?.agent, hb.get(C)?.channelOpen], [null, false]);
});
