// The guest-agent heartbeat: every round (30 s) each running VM's agent is pinged once — ours
// (its `ping`, over the channel socket, no libvirt call) when its channel is there and open, else
// QEMU's (guest-get-time through virDomainGetTime on the client's agent workers: libvirt binds
// no guest-ping without libvirt-qemu's arbitrary-command API) — and when it last answered is
// kept in memory. A change (answering again, not any more, another agent or version) is sent as
// an `agent-heartbeat` event. A round lists the running VMs in one call, reads a VM's XML only
// when it is new, restarted or did not answer last time, and pings a few VMs at a time; the next
// round starts an interval after this one started, never while one runs.

import { Ticker } from "../ticker.ts";
import type { LibvirtClient, LifecycleEvent } from "../../ffi/libvirt/client.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { AgentHeartbeat } from "../../shared/guest.ts";
import { type ChannelFacts, channelFacts } from "./channels.ts";

/** The shortest round: the heartbeat is a liveness sign, not a probe to lean on. */
export const HEARTBEAT_MS = 30_000;
/** VMs pinged at once: a guest that does not answer holds one of them for its timeout. */
const CONCURRENCY = 4;
/** virDomainEventType values after which a VM's channel facts are read again. */
const STARTED = 2;
const STOPPED = 5;
const CRASHED = 8;
const UNDEFINED = 1;

/** Which agent's figures a VM's guest graphs can have, from its heartbeat. */
export function guestSourceOf(beat: AgentHeartbeat | undefined): "kvmm" | "qemu-only" | "none" {
  if (!beat?.responding) return "none";
  return beat.agent === "kvmm" ? "kvmm" : "qemu-only";
}

export interface HeartbeatOptions {
  client: LibvirtClient;
  emit: (e: AppEvent) => void;
  /**
   * Pings our agent over `socket`; resolves with its version when `withVersion` (else null),
   * rejects when it does not answer in time.
   */
  pingOurs(uuid: string, socket: string, withVersion: boolean): Promise<string | null>;
  /** Between rounds, ms: HEARTBEAT_MS or longer (tests drive rounds themselves). */
  intervalMs?: number;
  now?: () => number;
}

interface Known {
  /** The VM's channels as last read; null: read them again next round. */
  facts: ChannelFacts | null;
  beat: AgentHeartbeat;
}

export class AgentHeartbeatMonitor {
  #opts: HeartbeatOptions;
  #now: () => number;
  #known = new Map<string, Known>();
  #ticker: Ticker;
  #onLifecycle = (e: Event) => {
    const ev = (e as CustomEvent<LifecycleEvent>).detail;
    const known = this.#known.get(ev.uuid);
    if (!known) return;
    if (ev.event === STOPPED || ev.event === CRASHED || ev.event === UNDEFINED) {
      this.#known.delete(ev.uuid);
    } else if (ev.event === STARTED) known.facts = null;
  };

  constructor(opts: HeartbeatOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#ticker = new Ticker(
      () =>
        this.#round().catch((err) => {
          if (this.#opts.client.state.connected) console.error("Agent heartbeat:", err);
        }),
      { everyMs: () => this.intervalMs, fromStart: true, firstDelayMs: 0, now: this.#now },
    );
  }

  get intervalMs(): number {
    return Math.max(HEARTBEAT_MS, this.#opts.intervalMs ?? HEARTBEAT_MS);
  }

  /** The last heartbeat of a running VM; undefined before its first round or when stopped. */
  get(uuid: string): AgentHeartbeat | undefined {
    return this.#known.get(uuid)?.beat;
  }

  /** Our agent's channel socket of a VM whose agent answered the last round, else null. */
  ourSocket(uuid: string): string | null {
    const known = this.#known.get(uuid);
    if (known?.beat.agent !== "kvmm" || !known.beat.responding) return null;
    return known.facts?.kvmm.socket ?? null;
  }

  start(): void {
    if (this.#ticker.start()) {
      this.#opts.client.addEventListener("lifecycle", this.#onLifecycle);
    }
  }

  async stop(): Promise<void> {
    this.#opts.client.removeEventListener("lifecycle", this.#onLifecycle);
    await this.#ticker.stop();
  }

  /** One round over every running VM; never two at once, never throws. */
  round(): Promise<void> {
    return this.#ticker.tick();
  }

  async #round(): Promise<void> {
    const { client } = this.#opts;
    if (!client.state.connected) return;
    const running = await client.read("runningDomainIds");
    const live = new Set(running);
    for (const uuid of this.#known.keys()) if (!live.has(uuid)) this.#known.delete(uuid);
    const queue = [...running];
    const worker = async () => {
      for (let uuid = queue.shift(); uuid; uuid = queue.shift()) await this.#check(uuid);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  async #check(uuid: string): Promise<void> {
    const { client } = this.#opts;
    const known = this.#known.get(uuid);
    let facts = known?.facts ?? null;
    if (!facts) {
      try {
        facts = channelFacts(await client.call("domainXml", uuid, 0));
      } catch {
        return; // Gone or unreadable: the next round (or the list) tells.
      }
      if (!facts.active) return;
    }
    const before = known?.beat;
    const useOurs = facts.kvmm.configured && !!facts.kvmm.socket &&
      (facts.kvmm.connected || !facts.qemu.connected);
    const agent = useOurs ? "kvmm" : facts.qemu.configured ? "qemu" : null;
    let ok = false;
    let version = before?.agent === agent ? before?.version ?? null : null;
    if (agent === "kvmm" && facts.kvmm.connected) {
      try {
        const v = await this.#opts.pingOurs(uuid, facts.kvmm.socket!, version === null);
        version ??= v;
        ok = true;
      } catch { /* not answering */ }
    } else if (agent === "qemu" && facts.qemu.connected) {
      ok = await client.callAgent("guestTime", uuid).then(() => true, () => false);
    }
    const at = new Date(this.#now()).toISOString();
    const beat: AgentHeartbeat = {
      vmId: uuid,
      agent,
      version: agent === "kvmm" ? version : null,
      responding: ok,
      channelOpen: agent === "kvmm"
        ? facts.kvmm.connected
        : agent === "qemu"
        ? facts.qemu.connected
        : false,
      lastSeenAt: ok ? at : before?.agent === agent ? before.lastSeenAt : null,
      notRespondingSince: ok || agent === null
        ? null
        : before?.agent === agent && before.notRespondingSince
        ? before.notRespondingSince
        : at,
      checkedAt: at,
      intervalSeconds: Math.round(this.intervalMs / 1000),
    };
    // An answer (or no channel to ask) keeps the facts; a silence reads them again next round
    // (a restart, a channel the guest closed or opened).
    this.#known.set(uuid, { facts: ok || agent === null ? facts : null, beat });
    if (
      !before || before.agent !== beat.agent || before.version !== beat.version ||
      before.responding !== beat.responding
    ) {
      this.#opts.emit({ type: "agent-heartbeat", id: uuid, heartbeat: beat });
    }
  }
}
