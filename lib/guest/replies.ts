// The agents' replies in the API's shape: our agent's and QEMU's answers turned into the
// guest info the browser shows, the policy in the agent's words, and why a silent agent is
// silent. Pure, kept apart from the service, which asks the questions.

import type { InterfaceRecord } from "../../ffi/libvirt/guest_agent.ts";
import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";
import type {
  AgentInfo,
  DiskUsage,
  HostPolicy,
  NetworkInfo,
  SystemInfo,
} from "../../agent/protocol.ts";
import type { AgentPermissions } from "../../shared/profiles.ts";
import type {
  GuestAgentState,
  GuestFilesystem,
  GuestInterface,
  GuestOs,
} from "../../shared/guest.ts";
import { AGENT_VERSION, compareVersions } from "../../agent/version.ts";
import type { ChannelFacts } from "./channels.ts";
import { BOUNDS, clip, clipOrNull, countOf, finite, firstOf, stringsOf } from "./bounds.ts";
import { t } from "../../shared/i18n/t.ts";

/** Whether an agent answered, and its error when it did not. */
export type Answer = { ok: boolean; error: string | null };

/** Why the agents that do not answer are silent; null when both answer. */
export function reasonFor(facts: ChannelFacts, ours: Answer, qemu: Answer): string | null {
  if (!facts.qemu.configured && !facts.kvmm.configured) {
    return t("This VM has no guest agent channel (VMs made by the wizard have both)");
  }
  const reason = (a: Answer) => a.error ?? t("not running in the guest");
  const parts = [
    ...ours.ok ? [] : [
      facts.kvmm.configured
        ? t("KVM Manager agent: {{reason}}", { reason: reason(ours) })
        : t("KVM Manager agent: no channel in this VM"),
    ],
    ...qemu.ok ? [] : [
      facts.qemu.configured
        ? t("QEMU guest agent: {{reason}}", { reason: reason(qemu) })
        : t("QEMU guest agent: no channel in this VM"),
    ],
  ];
  return parts.length ? parts.join("; ") : null;
}

/** A policy's agent permissions in the agent's words (agent/protocol.ts HostPolicy). */
export function hostPolicyOf(p: AgentPermissions): HostPolicy {
  return {
    allowed_dirs: p.allowedDirectories,
    allowed_commands: p.allowedCommands,
    denied_commands: p.disallowedCommands,
  };
}

/** What the Guest card says of our agent: `info` when it answered, and whether it is outdated. */
export function ourAgentState(
  configured: boolean,
  connected: boolean,
  info: AgentInfo | null,
): GuestAgentState["kvmm"] {
  return {
    configured,
    connected,
    version: info ? clip(info.agent_version, BOUNDS.short) : null,
    policy: info ? policyOf(info) : null,
    latestVersion: AGENT_VERSION,
    updateAvailable: !!info &&
      compareVersions(clip(info.agent_version, BOUNDS.short), AGENT_VERSION) < 0,
  };
}

/** Our agent's own policy (agent/protocol.ts AgentInfo) in the API's words. */
export function policyOf(info: AgentInfo) {
  // A guest's answer may lack its policy, or hold anything in it.
  const p: Partial<AgentInfo["policy"]> = info.policy && typeof info.policy === "object"
    ? info.policy
    : {};
  // The agent's own lists, as long as a config could sensibly be (a hostile agent's are not).
  const names = (list: unknown) => stringsOf(list, 256);
  return {
    allowedDirs: names(p.allowed_dirs),
    allowedCommands: names(p.allowed_commands),
    deniedCommands: names(p.denied_commands),
    commandTimeoutMs: finite(p.command_timeout_ms) ?? 0,
    maxCommandTimeoutMs: finite(p.max_command_timeout_ms) ?? 0,
    maxOutputBytes: finite(p.max_output_bytes) ?? 0,
    maxFileBytes: finite(p.max_file_bytes) ?? 0,
    allowSelfUpdate: p.allow_self_update === true,
  };
}

/** One interface held to the bounds (bounds.ts): its name, MAC and first addresses. */
function boundedInterface(
  i: { name?: unknown; mac?: unknown; addresses?: unknown },
  cut: string[],
): GuestInterface {
  const addresses = firstOf<{ address?: unknown; prefix?: unknown; family?: unknown }>(
    i.addresses,
    "addresses",
    cut,
  ).map((a) => ({
    address: clip(a.address, BOUNDS.short),
    prefix: finite(a.prefix) ?? 0,
    family: a.family === "ipv6" ? "ipv6" as const : "ipv4" as const,
  }));
  return { name: clip(i.name, BOUNDS.name), mac: clipOrNull(i.mac, BOUNDS.short), addresses };
}

/**
 * Interfaces as the QEMU agent reports them through libvirt, held to the bounds; `cut` hears
 * what was left out.
 */
export function fromLibvirtInterfaces(list: InterfaceRecord[], cut: string[] = []) {
  return firstOf<InterfaceRecord>(list, "interfaces", cut)
    .map((i) => boundedInterface(i, cut));
}

/** Interfaces as our agent reports them, held to the bounds. */
export function fromOurNetwork(net: NetworkInfo, cut: string[] = []): GuestInterface[] {
  return firstOf<NetworkInfo["interfaces"][number]>(net?.interfaces, "interfaces", cut).map((i) =>
    boundedInterface(i, cut)
  );
}

/** Mounted filesystems as our agent reports them, held to the bounds. */
export function fromOurDisks(d: DiskUsage, cut: string[] = []): GuestFilesystem[] {
  return firstOf<DiskUsage["filesystems"][number]>(d?.filesystems, "filesystems", cut).map((f) => ({
    mountPoint: clip(f.mount_point, BOUNDS.name),
    device: clip(f.device, BOUNDS.name),
    fsType: clip(f.fs_type, BOUNDS.short),
    totalBytes: finite(f.total_bytes),
    usedBytes: finite(f.used_bytes),
    availableBytes: finite(f.available_bytes),
  }));
}

/** A non-empty string figure, held to the bounds, else null. */
export const stringOf = (v: unknown) => clipOrNull(v);
const numberOf = finite;

/** The OS as our agent reports it. */
export function osFromOurs(s: SystemInfo): GuestOs {
  return {
    id: clipOrNull(s.os_id, BOUNDS.short),
    name: clipOrNull(s.os_name),
    version: clipOrNull(s.os_version),
    prettyName: clipOrNull(s.os_pretty_name),
    kernelRelease: clip(s.kernel_release),
    machine: clip(s.arch, BOUNDS.short),
  };
}

/** The OS from the QEMU agent's "os.*" figures; null when there are none. */
export function osFromQemu(p: TypedParams): GuestOs | null {
  if (!Object.keys(p).some((k) => k.startsWith("os."))) return null;
  return {
    id: stringOf(p["os.id"]),
    name: stringOf(p["os.name"]),
    version: stringOf(p["os.version"]),
    prettyName: stringOf(p["os.pretty-name"]),
    kernelRelease: stringOf(p["os.kernel-release"]),
    machine: stringOf(p["os.machine"]),
  };
}

/** Filesystems from the QEMU agent's "fs.*" figures; null when there are none. */
export function filesystemsFromQemu(p: TypedParams, cut: string[] = []): GuestFilesystem[] | null {
  if (numberOf(p["fs.count"]) === null) return null;
  const count = countOf(p["fs.count"], "filesystems", cut);
  const out: GuestFilesystem[] = [];
  for (let i = 0; i < count; i++) {
    const total = numberOf(p[`fs.${i}.total-bytes`]);
    const used = numberOf(p[`fs.${i}.used-bytes`]);
    out.push({
      mountPoint: stringOf(p[`fs.${i}.mountpoint`]) ?? "",
      device: stringOf(p[`fs.${i}.name`]) ?? "",
      fsType: stringOf(p[`fs.${i}.fstype`]) ?? "",
      totalBytes: total,
      usedBytes: used,
      availableBytes: total !== null && used !== null ? total - used : null,
    });
  }
  return out;
}
