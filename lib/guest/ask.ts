// One round of questions to each agent for the guest info page: our agent's facts (system,
// network, disks) and the QEMU agent's (OS, host name, filesystems, addresses), each answer or
// the reason there is none. Kept apart from the service, which combines the two.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { AddressSource, GuestInfoTypes } from "../../ffi/libvirt/guest_agent.ts";
import { AgentCallError, type AgentClient } from "./agent_client.ts";
import type { ChannelFacts } from "./channels.ts";
import { fromLibvirtInterfaces } from "./replies.ts";

/** How long a quick question to our agent may take before we call it unresponsive. */
export const QUICK_MS = 3000;

/**
 * Our agent's info, system, network and disk usage, when its channel is open; `agentFor`
 * gives the client for the channel's socket.
 */
export async function askOurAgent(
  facts: ChannelFacts,
  agentFor: (socket: string) => AgentClient,
) {
  if (!facts.kvmm.configured || !facts.kvmm.socket || !facts.kvmm.connected) {
    return { ok: false as const, error: null };
  }
  const agent = agentFor(facts.kvmm.socket);
  try {
    const info = await agent.call("get_agent_info", {}, QUICK_MS);
    const [system, network, disks] = await Promise.all([
      agent.call("get_system_info", {}, QUICK_MS).catch(() => null),
      agent.call("get_network_info", {}, QUICK_MS).catch(() => null),
      agent.call("get_disk_usage", {}, QUICK_MS).catch(() => null),
    ]);
    return { ok: true as const, info, system, network, disks, error: null };
  } catch (err) {
    return {
      ok: false as const,
      error: err instanceof AgentCallError ? err.translated() : (err as Error).message,
    };
  }
}

/** The QEMU agent's OS, host name and filesystem figures and its addresses, when connected. */
export async function askQemuAgent(
  client: LibvirtClient,
  uuid: string,
  facts: ChannelFacts,
  cut: string[] = [],
) {
  if (!facts.qemu.configured || !facts.qemu.connected) return { ok: false as const, error: null };
  try {
    const [params, addresses] = await Promise.all([
      client.callAgent(
        "guestInfo",
        uuid,
        GuestInfoTypes.OS | GuestInfoTypes.HOSTNAME | GuestInfoTypes.FILESYSTEM,
      ),
      client.callAgent("guestAddresses", uuid, AddressSource.AGENT).catch(() => null),
    ]);
    return {
      ok: true as const,
      params,
      interfaces: addresses ? fromLibvirtInterfaces(addresses, cut) : null,
      error: null,
    };
  } catch (err) {
    return { ok: false as const, error: (err as Error).message };
  }
}
