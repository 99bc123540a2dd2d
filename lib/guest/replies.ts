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
    version: info?.agent_version ?? null,
    policy: info ? policyOf(info) : null,
    latestVersion: AGENT_VERSION,
    updateAvailable: !!info && compareVersions(info.agent_version, AGENT_VERSION) < 0,
  };
}

/** Our agent's own policy (agent/protocol.ts AgentInfo) in the API's words. */
export function policyOf(info: AgentInfo) {
  const p = info.policy;
  return {
    allowedDirs: p.allowed_dirs,
    allowedCommands: p.allowed_commands,
    deniedCommands: p.denied_commands,
    commandTimeoutMs: p.command_timeout_ms,
    maxCommandTimeoutMs: p.max_command_timeout_ms,
    maxOutputBytes: p.max_output_bytes,
    maxFileBytes: p.max_file_bytes,
    allowSelfUpdate: p.allow_self_update === true,
  };
}

/** Interfaces as the QEMU agent reports them through libvirt. */
export function fromLibvirtInterfaces(list: InterfaceRecord[]): GuestInterface[] {
  return list.map((i) => ({ name: i.name, mac: i.mac, addresses: i.addresses }));
}

/** Interfaces as our agent reports them. */
export function fromOurNetwork(net: NetworkInfo): GuestInterface[] {
  return net.interfaces.map((i) => ({ name: i.name, mac: i.mac, addresses: i.addresses }));
}

/** Mounted filesystems as our agent reports them. */
export function fromOurDisks(d: DiskUsage): GuestFilesystem[] {
  return d.filesystems.map((f) => ({
    mountPoint: f.mount_point,
    device: f.device,
    fsType: f.fs_type,
    totalBytes: f.total_bytes,
    usedBytes: f.used_bytes,
    availableBytes: f.available_bytes,
  }));
}

/** A non-empty string figure, else null. */
export const stringOf = (v: unknown) => typeof v === "string" && v ? v : null;
const numberOf = (v: unknown) => typeof v === "number" ? v : null;

/** The OS as our agent reports it. */
export function osFromOurs(s: SystemInfo): GuestOs {
  return {
    id: s.os_id,
    name: s.os_name,
    version: s.os_version,
    prettyName: s.os_pretty_name,
    kernelRelease: s.kernel_release,
    machine: s.arch,
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
export function filesystemsFromQemu(p: TypedParams): GuestFilesystem[] | null {
  const count = numberOf(p["fs.count"]);
  if (count === null) return null;
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
