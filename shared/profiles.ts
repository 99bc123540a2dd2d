// Profiles: the shapes the API sends and receives; shared with the islands (type imports only).
// A profile is a named bundle of VM policy (guest-agent permissions, alert rules, backup schedule
// and retention, tags) that many VMs share; a VM's local overrides win over its profile's.

import type { AlertMetric, AlertSeverity } from "./metrics.ts";
import type { BackupMode, ScheduleTiming } from "./scheduler.ts";

/** What our guest agent may do in the VM, on top of (never beyond) the guest's own config. */
export interface AgentPermissions {
  /** Absolute directories file reads and writes must stay inside. */
  allowedDirectories: string[];
  /** Program names or absolute paths exec may run. */
  allowedCommands: string[];
  /** Refused even when allowed (by name or by path). */
  disallowedCommands: string[];
  /**
   * systemd services (names, "*" for any characters) that may be started, stopped and restarted;
   * absent or empty: none. Absent in settings saved before it existed.
   */
  allowedServices?: string[];
  /**
   * Whether an admin may replace the guest's agent with this server's newer bundle (the guest's
   * own config must allow it too); absent: no.
   */
  allowAgentUpdate?: boolean;
}

/** An alert rule of a policy: checked on each VM the policy applies to. */
export interface PolicyAlertRule {
  /** Unique within a profile; a local override with the same name replaces it. */
  name: string;
  metric: AlertMetric;
  threshold: number;
  consecutive: number;
  severity: AlertSeverity;
  enabled: boolean;
  /** null for none, and for non-admins, who get webhookOrigin instead (lib/auth/redact.ts). */
  webhookUrl: string | null;
  /** To non-admins only, when a webhook is set: its scheme and host (the URL is a secret). */
  webhookOrigin?: string;
}

/** When backups of a VM run and how many are kept. */
export interface BackupPolicy {
  /** Daily, weekly, monthly or cron; null keeps only the retention (no scheduled backups). */
  timing: Exclude<ScheduleTiming, { kind: "once" }> | null;
  /** IANA zone the timing is read in. */
  timezone: string;
  mode: BackupMode;
  /** Backups kept per VM. */
  keep: number;
  /**
   * A restic repository (id or name) the scheduled backups go into instead of the backup pool;
   * absent: the pool. Its own keep policy applies there, at its prune.
   */
  repository?: string;
}

/** Everything a profile (or a VM's effective policy) holds. */
export interface ProfilePolicy {
  agent: AgentPermissions | null;
  alerts: PolicyAlertRule[];
  backup: BackupPolicy | null;
  tags: string[];
}

/** One setting: the unit a local override adds or replaces. */
export type PolicySetting =
  | { kind: "agent"; agent: AgentPermissions }
  | { kind: "alert"; alert: PolicyAlertRule }
  | { kind: "backup"; backup: BackupPolicy }
  | { kind: "tag"; tag: string };

export type SettingKind = PolicySetting["kind"];
export const SETTING_KINDS: readonly SettingKind[] = ["agent", "alert", "backup", "tag"];

/** Where an effective setting comes from. */
export type PolicySource = "profile" | "local";

/** A setting with its key: "agent", "backup", "alert:NAME" or "tag:NAME". */
export type KeyedSetting = PolicySetting & { key: string };

export interface ProfileSummary {
  id: string;
  name: string;
  description: string | null;
  /** Settings in the profile: agent and backup count one each, every alert rule and tag one. */
  settingCount: number;
  /** VMs assigned to it. */
  vmCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A VM as a profile lists it; name null when it no longer exists on this host. */
export interface VmRef {
  id: string;
  name: string | null;
}

export interface ProfileDetails extends ProfileSummary, ProfilePolicy {
  assignedVms: VmRef[];
}

/** POST /api/profiles: name required; the rest default to empty. PATCH takes any subset. */
export interface ProfileInput extends Partial<ProfilePolicy> {
  name: string;
  description?: string | null;
}

export interface SyncResult {
  /** Assigned VMs whose effective policy was recomputed. */
  affectedVms: number;
  syncedAt: string;
}

export interface UpdateProfileResult {
  profile: ProfileSummary;
  syncResult: SyncResult;
}

export interface DeleteProfileResult {
  deleted: true;
  /** Assigned VMs whose profile settings became local overrides. */
  convertedVms: number;
}

export interface AssignResult {
  vmId: string;
  profileId: string;
  assignedAt: string;
}

export interface UnassignResult {
  vmId: string;
  unassignedAt: string;
}

export interface AddOverrideResult {
  vmId: string;
  key: string;
  addedAt: string;
}

export interface RemoveOverrideResult {
  vmId: string;
  key: string;
  removed: true;
}

/** A setting of the VM's effective policy and where it comes from. */
export type EffectiveSetting = KeyedSetting & {
  source: PolicySource;
  /** A local setting that replaces the profile's setting of the same key. */
  overridesProfile: boolean;
};

/** GET /api/vms/:id/policy. */
export interface VmPolicy {
  vmId: string;
  vmName: string;
  profile: { id: string; name: string } | null;
  assignedAt: string | null;
  /** The profile's settings; `overridden` when a local one of the same key wins. */
  profileSettings: (KeyedSetting & { source: "profile"; overridden: boolean })[];
  localSettings: (KeyedSetting & { source: "local"; addedAt: string })[];
  /** What applies: local settings, then the profile's not overridden, sorted by key. */
  settings: EffectiveSetting[];
  /** The same, folded into one policy (what the agent, alerts and backups use). */
  effective: ProfilePolicy;
}

/** The export file, `NAME.kvmm-profile.json`. */
export const PROFILE_FILE_FORMAT = "kvmm-profile";
export const PROFILE_FILE_VERSION = 1;
export const PROFILE_FILE_SUFFIX = ".kvmm-profile.json";

export interface ProfileFile {
  format: typeof PROFILE_FILE_FORMAT;
  version: number;
  exportedAt: string;
  profile: { name: string; description: string | null } & ProfilePolicy;
}

/** POST /api/profiles/import/preview. */
export interface ImportPreview {
  name: string;
  description: string | null;
  version: number;
  settingCount: number;
  counts: { agent: number; alerts: number; backup: number; tags: number };
  hasNameCollision: boolean;
  /** The id of the profile already named so, or null. */
  existingProfileId: string | null;
}

/** POST /api/profiles/import. */
export interface ImportResult {
  profile: ProfileSummary;
  /** True when the profile was saved under `renameTo` because its name was taken. */
  collisionResolved: boolean;
}

/** The `code` of every profile API error: `{code, message, details}`. */
export const PROFILE_ERROR_CODES = [
  "ProfileNotFound",
  "ProfileNameExists",
  "InvalidName",
  "VmNotFound",
  "VmAlreadyAssigned",
  "NoProfileAssigned",
  "OverrideExists",
  "OverrideNotFound",
  "InvalidFormat",
  "VersionUnsupported",
  "NameCollision",
  "IoError",
] as const;
export type ProfileErrorCode = typeof PROFILE_ERROR_CODES[number];
