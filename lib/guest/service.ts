// What KVM Manager knows and does inside a guest: through our agent (agent/, over its
// virtio-serial channel) and through the QEMU guest agent (libvirt's agent calls). Either,
// both or neither may answer; every other feature keeps working when none does. The agents'
// replies are shaped in replies.ts and the info page's questions asked in ask.ts.

import { BOUNDS, clip, clipOrNull, finite } from "./bounds.ts";
import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AddressSource, GuestInfoTypes, PowerFlags } from "../../ffi/libvirt/guest_agent.ts";
import type { HostPolicy, UsageResult } from "../../agent/protocol.ts";
import { decodeBase64, encodeBase64 } from "../../agent/base64.ts";
import { checkVmId, vmState } from "../vm_basics.ts";
import { AppError, conflict, fromLibvirt } from "../errors.ts";
import type { AgentPermissions } from "../../shared/profiles.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { VmState } from "../../shared/vms.ts";
import { t } from "../../shared/i18n/t.ts";
import { AgentClient } from "./agent_client.ts";
import { askOurAgent, askQemuAgent, QUICK_MS } from "./ask.ts";
import { type ChannelFacts, channelFacts } from "./channels.ts";
import { agentUnavailable, fromAgent } from "./errors.ts";
import { actOnService, checkServiceName, servicesOf, updatesOf } from "./units.ts";
import { guestClock, setGuestClock } from "./clock.ts";
import { freezeOrThaw } from "./freeze.ts";
import { updateOurAgent } from "./agent_update.ts";
import { checkExecRequest, checkGuestPath } from "./input.ts";
import { flattenAddresses } from "./addresses.ts";
import { processesFromOurs, usersFromOurs, usersFromQemu } from "./activity.ts";
import {
  filesystemsFromQemu,
  fromLibvirtInterfaces,
  fromOurDisks,
  fromOurNetwork,
  hostPolicyOf,
  osFromOurs,
  osFromQemu,
  ourAgentState,
  reasonFor,
  stringOf,
} from "./replies.ts";
import type {
  AddressSource as Source,
  AgentUpdate,
  ExecOutput,
  GuestActivity,
  GuestAgentState,
  GuestClock,
  GuestInfo,
  GuestInterface,
  GuestProcessRow,
  GuestUserSession,
  PowerMethod,
  ServiceAction,
} from "../../shared/guest.ts";

/** How long a shutdown or reboot request may take our agent to acknowledge. */
const POWER_MS = 5000;
/** How long the activity and directory calls may take (a process sample is 0.5 s). */
const ACTIVITY_MS = 10_000;
/** Extra time over a command's own timeout for the agent to answer and the reply to travel. */
const EXEC_SLACK_MS = 5000;

export interface GuestServiceOptions {
  client: LibvirtClient;
  emit: (e: AppEvent) => void;
  /**
   * The agent permissions of a VM's effective policy (profile or local override), by its
   * lower-case UUID; null when it has none. Commands and file calls then carry them and our
   * agent refuses what they do not allow, on top of its own config.
   */
  agentPolicyFor?: (uuid: string) => AgentPermissions | null;
}

/** One running VM as far as the guest API needs it. */
interface Target {
  uuid: string;
  state: VmState;
  facts: ChannelFacts;
}

export class GuestService {
  #client: LibvirtClient;
  #emit: (e: AppEvent) => void;
  #agents = new Map<string, AgentClient>();
  #addresses = new Map<string, string[]>();
  #agentPolicyFor: (uuid: string) => AgentPermissions | null;

  constructor({ client, emit, agentPolicyFor = () => null }: GuestServiceOptions) {
    this.#client = client;
    this.#emit = emit;
    this.#agentPolicyFor = agentPolicyFor;
  }

  /** The last known addresses of a VM, for the VM list (never asks the guest). */
  cachedAddresses(uuid: string): string[] | undefined {
    return this.#addresses.get(uuid);
  }

  /** Forgets a stopped or deleted VM's connection and addresses. */
  forget(uuid: string): void {
    this.#agents.get(uuid)?.close();
    this.#agents.delete(uuid);
    if (this.#addresses.delete(uuid)) this.#emit({ type: "guest-changed", id: uuid });
  }

  /** Everything the agents tell about a VM; "none" with the reason when none answers. */
  async info(id: string): Promise<GuestInfo> {
    const { uuid, facts } = await this.#target(id);
    const empty: GuestInfo = {
      agent: {
        status: "none",
        qemu: { ...facts.qemu, connected: false },
        kvmm: ourAgentState(facts.kvmm.configured, false, null),
        reason: null,
      },
      os: null,
      hostname: null,
      interfaces: [],
      ipAddresses: [],
      addressSource: null,
      filesystems: null,
      cut: [],
    };
    if (!facts.active) {
      this.forget(uuid);
      return { ...empty, agent: { ...empty.agent, reason: t("VM is not running") } };
    }
    // What the guest said beyond the bounds (bounds.ts), told on its page.
    const cut: string[] = [];
    const [ours, qemu] = await Promise.all([
      askOurAgent(facts, (socket) => this.#agentFor(uuid, socket)),
      askQemuAgent(this.#client, uuid, facts, cut),
    ]);
    const agent: GuestAgentState = {
      status: ours.ok && qemu.ok ? "both" : ours.ok ? "kvmm" : qemu.ok ? "qemu" : "none",
      qemu: { configured: facts.qemu.configured, connected: qemu.ok },
      kvmm: ourAgentState(facts.kvmm.configured, ours.ok, ours.info ?? null),
      reason: reasonFor(facts, ours, qemu),
    };
    let interfaces: GuestInterface[] = [];
    let source: Source | null = null;
    if (qemu.interfaces) [interfaces, source] = [qemu.interfaces, "qemu-agent"];
    else if (ours.network) {
      [interfaces, source] = [fromOurNetwork(ours.network, cut), "kvmm-agent"];
    } else if (facts.macs.length) {
      const leases = await this.#leases(uuid);
      if (leases.length) [interfaces, source] = [leases, "dhcp-lease"];
    }
    const ipAddresses = flattenAddresses(interfaces);
    this.#remember(uuid, ipAddresses);
    return {
      agent,
      os: ours.system ? osFromOurs(ours.system) : qemu.params ? osFromQemu(qemu.params) : null,
      hostname: stringOf(ours.system?.hostname) ?? stringOf(qemu.params?.hostname),
      interfaces,
      ipAddresses,
      addressSource: source,
      filesystems: ours.disks
        ? fromOurDisks(ours.disks, cut)
        : qemu.params
        ? filesystemsFromQemu(qemu.params, cut)
        : null,
      cut: [...new Set(cut)],
    };
  }

  /** Runs a command our agent's config and the VM's policy allow. */
  async exec(id: string, input: unknown): Promise<ExecOutput> {
    const req = checkExecRequest(input);
    const { agent, policy } = await this.#ours(id);
    try {
      const out = await agent.call("exec_command", {
        command: req.command,
        args: req.args,
        ...(req.timeoutMs ? { timeout_ms: req.timeoutMs } : {}),
        ...policy,
      }, (req.timeoutMs ?? 60_000) + EXEC_SLACK_MS);
      return {
        exitCode: finite(out?.exit_code),
        signal: clipOrNull(out?.signal, BOUNDS.short),
        stdout: clip(out?.stdout, BOUNDS.output),
        stderr: clip(out?.stderr, BOUNDS.output),
        durationMs: finite(out?.duration_ms) ?? 0,
      };
    } catch (err) {
      throw fromAgent(err);
    }
  }

  /**
   * Who is logged in (our agent, else QEMU's) and the busiest processes (our agent only). What
   * an agent cannot tell is missing with the reason, never made up.
   */
  async activity(
    id: string,
    { sort, limit }: { sort: "cpu" | "memory"; limit: number },
  ): Promise<GuestActivity> {
    const { uuid, facts } = await this.#target(id);
    if (!facts.active) throw conflict(t("VM is not running"));
    const reasons: string[] = [];
    let users: GuestUserSession[] | null = null;
    let usersSource: GuestActivity["usersSource"] = null;
    let processes: GuestProcessRow[] | null = null;
    let processCount: number | null = null;
    if (facts.kvmm.connected && facts.kvmm.socket) {
      const agent = this.#agentFor(uuid, facts.kvmm.socket);
      const [who, procs] = await Promise.allSettled([
        agent.call("get_users", {}, ACTIVITY_MS),
        agent.call("get_processes", { sort, limit }, ACTIVITY_MS),
      ]);
      if (who.status === "fulfilled") {
        [users, usersSource] = [usersFromOurs(who.value?.users), "kvmm-agent"];
      }
      if (procs.status === "fulfilled") {
        processes = processesFromOurs(procs.value);
        processCount = finite(procs.value?.total);
      } else {
        reasons.push(fromAgent(procs.reason).message);
      }
    } else {
      reasons.push(t("Processes need the KVM Manager agent running in the guest"));
    }
    if (!users && facts.qemu.connected) {
      try {
        const params = await this.#client.callAgent("guestInfo", uuid, GuestInfoTypes.USERS);
        [users, usersSource] = [usersFromQemu(params), "qemu-agent"];
      } catch (err) {
        reasons.push((err as Error).message);
      }
    }
    if (!users) reasons.unshift(t("No guest agent told who is logged in"));
    return {
      usersSource,
      users: users ?? [],
      processes,
      processCount,
      sort,
      reason: reasons.length ? [...new Set(reasons)].join("; ") : null,
    };
  }

  /** Makes or removes an (empty) directory in the guest through our agent, in allowed places. */
  async directory(id: string, action: "make" | "remove", pathInput: unknown): Promise<string> {
    const path = checkGuestPath(pathInput);
    const { agent, policy } = await this.#ours(id);
    try {
      const method = action === "make" ? "make_directory" : "remove_directory";
      return clip((await agent.call(method, { path, ...policy }, ACTIVITY_MS))?.path, BOUNDS.text);
    } catch (err) {
      throw fromAgent(err);
    }
  }

  /** The guest's systemd services, each saying whether it may be acted on (units.ts). */
  async services(id: string) {
    const { agent, permissions } = await this.#ours(id);
    return await servicesOf(agent, permissions?.allowedServices ?? []);
  }

  /** Starts, stops or restarts a service the VM's policy and the agent's config allow. */
  async serviceAction(id: string, nameInput: unknown, action: ServiceAction) {
    const unit = checkServiceName(nameInput);
    const { agent, permissions } = await this.#ours(id);
    return await actOnService(agent, permissions?.allowedServices ?? [], unit, action);
  }

  /** Pending package updates in the guest (read-only, as of its last refresh). */
  async updates(id: string) {
    return await updatesOf((await this.#ours(id)).agent);
  }

  /** A file from the guest through our agent. */
  async readFile(
    id: string,
    pathInput: unknown,
  ): Promise<{ path: string; bytes: Uint8Array<ArrayBuffer> }> {
    const path = checkGuestPath(pathInput);
    const { agent, policy } = await this.#ours(id);
    try {
      const out = await agent.call("file_read", { path, ...policy }, 60_000);
      const bytes = decodeBase64(out.content);
      if (!bytes) {
        throw new AppError("AGENT_ERROR", t("The agent sent a file that is not base64"));
      }
      // Decoded into a fresh ArrayBuffer either way.
      return { path: out.path, bytes: bytes as Uint8Array<ArrayBuffer> };
    } catch (err) {
      throw fromAgent(err);
    }
  }

  /** Writes a file into the guest through our agent. */
  async writeFile(
    id: string,
    pathInput: unknown,
    bytes: Uint8Array,
  ): Promise<{ path: string; bytesWritten: number }> {
    const path = checkGuestPath(pathInput);
    const { agent, policy } = await this.#ours(id);
    try {
      const out = await agent.call(
        "file_write",
        { path, content: encodeBase64(bytes), ...policy },
        60_000,
      );
      return { path: out.path, bytesWritten: out.bytes_written };
    } catch (err) {
      throw fromAgent(err);
    }
  }

  /**
   * Asks the guest to shut down or reboot through an agent: ours first, then QEMU's. Null
   * when neither answered, so the caller presses the ACPI button instead.
   */
  async power(id: string, action: "shutdown" | "reboot"): Promise<PowerMethod | null> {
    const { uuid, state, facts } = await this.#target(id);
    // A paused guest cannot answer; the caller's own state check refuses it.
    if (state !== "running") return null;
    if (facts.kvmm.connected && facts.kvmm.socket) {
      try {
        await this.#agentFor(uuid, facts.kvmm.socket).call(action, {}, POWER_MS);
        return "kvmm-agent";
      } catch { /* falls through to the QEMU agent */ }
    }
    if (facts.qemu.connected) {
      try {
        await this.#client.callAgent("guestPower", uuid, action, PowerFlags.GUEST_AGENT);
        return "qemu-agent";
      } catch { /* falls through to ACPI */ }
    }
    return null;
  }

  /** The guest's clock beside the host's, through the QEMU agent (clock.ts). */
  async clock(id: string): Promise<GuestClock> {
    return await guestClock(this.#client, (await this.#qemuTarget(id)).uuid, id);
  }

  /** Sets the guest's clock to the host's (after a pause or a restore it lags), then reads it. */
  async setClock(id: string): Promise<GuestClock> {
    return await setGuestClock(this.#client, (await this.#qemuTarget(id)).uuid, id);
  }

  /** Replaces our agent in the guest with this server's bundle, when both policies allow it. */
  async updateAgent(id: string): Promise<AgentUpdate> {
    return await updateOurAgent(await this.#ours(id), async () => (await this.#ours(id)).agent);
  }

  /** Freezes the guest's filesystems through the QEMU agent; returns how many (freeze.ts). */
  async fsFreeze(id: string): Promise<number> {
    return await freezeOrThaw(this.#client, (await this.#qemuTarget(id)).uuid, id, "freeze");
  }

  async fsThaw(id: string): Promise<number> {
    return await freezeOrThaw(this.#client, (await this.#qemuTarget(id)).uuid, id, "thaw");
  }

  /** Thaws, retrying: a guest left frozen stops every write. Throws after the last try. */
  async thawSurely(id: string, tries = 5): Promise<void> {
    for (let i = 1;; i++) {
      try {
        await this.fsThaw(id);
        return;
      } catch (err) {
        if (i >= tries) throw err;
        await new Promise((r) => setTimeout(r, 500 * i));
      }
    }
  }

  /** True when a freeze can be asked for now: the VM runs and QEMU's agent has its port open. */
  async canFreeze(id: string): Promise<boolean> {
    const { facts } = await this.#target(id);
    return facts.active && facts.qemu.connected;
  }

  /**
   * Re-reads one running VM's addresses the cheapest way that works (QEMU agent, ours, DHCP
   * leases) and tells the browser when they changed. For the background refresh.
   */
  async refreshAddresses(uuid: string): Promise<void> {
    let facts: ChannelFacts;
    try {
      facts = channelFacts(await this.#client.call("domainXml", uuid, 0));
    } catch {
      return this.forget(uuid);
    }
    if (!facts.active) return this.forget(uuid);
    let interfaces: GuestInterface[] = [];
    if (facts.qemu.connected) {
      interfaces = await this.#client.callAgent("guestAddresses", uuid, AddressSource.AGENT)
        .then(fromLibvirtInterfaces, () => []);
    }
    if (!interfaces.length && facts.kvmm.connected && facts.kvmm.socket) {
      interfaces = await this.#agentFor(uuid, facts.kvmm.socket)
        .call("get_network_info", {}, QUICK_MS).then(fromOurNetwork, () => []);
    }
    if (!interfaces.length && facts.macs.length) interfaces = await this.#leases(uuid);
    this.#remember(uuid, flattenAddresses(interfaces));
  }

  /**
   * Pings our agent on a running VM's channel `socket` (the heartbeat); with `withVersion` its
   * get_agent_info too, resolving to the version. Rejects when it does not answer quickly.
   */
  async pingOurs(uuid: string, socket: string, withVersion: boolean): Promise<string | null> {
    const agent = this.#agentFor(uuid, socket);
    await agent.call("ping", {}, QUICK_MS);
    if (!withVersion) return null;
    // Kept per VM and sent to every browser: a version, not whatever the guest put there.
    return clip((await agent.call("get_agent_info", {}, QUICK_MS))?.agent_version, BOUNDS.short);
  }

  /** Our agent's get_usage on a running VM's channel `socket` (the guest sampler). */
  async usageOf(uuid: string, socket: string): Promise<UsageResult> {
    return await this.#agentFor(uuid, socket).call("get_usage", {}, QUICK_MS);
  }

  close(): void {
    for (const a of this.#agents.values()) a.close();
    this.#agents.clear();
  }

  #remember(uuid: string, addresses: string[]) {
    const before = this.#addresses.get(uuid);
    if (before && before.join() === addresses.join()) return;
    this.#addresses.set(uuid, addresses);
    this.#emit({ type: "guest-changed", id: uuid });
  }

  async #leases(uuid: string): Promise<GuestInterface[]> {
    return await this.#client.callAgent("guestAddresses", uuid, AddressSource.LEASE)
      .then(fromLibvirtInterfaces, () => []);
  }

  async #target(id: string): Promise<Target> {
    checkVmId(id);
    try {
      const { uuid, state } = await this.#client.call("domainState", id);
      const facts = channelFacts(await this.#client.call("domainXml", uuid, 0));
      return { uuid, state: vmState(state), facts };
    } catch (err) {
      throw fromLibvirt(err, { id, failed: t("Failed to read VM") });
    }
  }

  async #qemuTarget(id: string): Promise<Target> {
    const target = await this.#target(id);
    if (!target.facts.active) throw conflict(t("VM is not running"));
    if (!target.facts.qemu.configured) {
      throw agentUnavailable(t("this VM has no QEMU guest agent channel"));
    }
    if (!target.facts.qemu.connected) {
      throw agentUnavailable(t("the QEMU guest agent is not running in the guest"));
    }
    return target;
  }

  /**
   * Our agent's client for a running VM whose channel the guest has open, and the `policy`
   * param its calls carry (empty when the VM's policy has no agent permissions). An agent too
   * old to apply it refuses the call (fromAgent: AGENT_OUTDATED); it is never sent without.
   */
  async #ours(id: string): Promise<{
    agent: AgentClient;
    policy: { policy?: HostPolicy };
    permissions: AgentPermissions | null;
  }> {
    const { uuid, facts } = await this.#target(id);
    if (!facts.active) throw conflict(t("VM is not running"));
    if (!facts.kvmm.configured || !facts.kvmm.socket) {
      throw agentUnavailable(
        t("this VM has no {{channel}} channel (VMs made by the wizard have one)", {
          channel: "org.kvmmanager.agent.0",
        }),
      );
    }
    if (!facts.kvmm.connected) {
      throw agentUnavailable(t("the KVM Manager agent is not running in the guest"));
    }
    const permissions = this.#agentPolicyFor(uuid);
    return {
      agent: this.#agentFor(uuid, facts.kvmm.socket),
      policy: permissions ? { policy: hostPolicyOf(permissions) } : {},
      permissions,
    };
  }

  /** The open client for this VM's socket; a new one after the VM restarted (new path). */
  #agentFor(uuid: string, socket: string): AgentClient {
    const known = this.#agents.get(uuid);
    if (known && !known.closed && known.path === socket) return known;
    known?.close();
    const client = new AgentClient(socket);
    this.#agents.set(uuid, client);
    return client;
  }
}
