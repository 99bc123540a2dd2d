// What the profile routes answer (routes/api/profiles.ts): profiles, their files and imports, and
// one VM's assignment, overrides and effective policy.

import { z } from "zod";
import type * as P from "../../../shared/profiles.ts";
import { ALERT_METRICS, ALERT_SEVERITIES } from "../../../shared/metrics.ts";
import { BACKUP_MODES } from "../../../shared/scheduler.ts";
import { describes } from "./describes.ts";

const AgentPermissions = describes<P.AgentPermissions>()(
  z.object({
    allowedDirectories: z.array(z.string()).meta({
      description: "Absolute directories file reads and writes must stay inside",
    }),
    allowedCommands: z.array(z.string()).meta({
      description: "Program names or absolute paths exec may run",
    }),
    disallowedCommands: z.array(z.string()).meta({
      description: "Refused even when allowed",
    }),
    allowedServices: z.array(z.string()).optional().meta({
      description: 'systemd services ("*" for any characters) that may be started, stopped and ' +
        "restarted; absent or empty: none",
    }),
    allowAgentUpdate: z.boolean().optional().meta({
      description: "An admin may replace the guest's agent with this server's; absent: no",
    }),
  }).meta({ description: "What our guest agent may do in the VM" }),
);

const PolicyAlertRule = describes<P.PolicyAlertRule>()(
  z.object({
    name: z.string().meta({ description: "Unique within a profile" }),
    metric: z.enum(ALERT_METRICS),
    threshold: z.number(),
    consecutive: z.number().int(),
    severity: z.enum(ALERT_SEVERITIES),
    enabled: z.boolean(),
    webhookUrl: z.string().nullable().meta({
      description: "null for none, and for non-admins, who get webhookOrigin instead",
    }),
    webhookOrigin: z.string().optional().meta({
      description: "To non-admins only, when a webhook is set: its scheme and host",
    }),
  }),
);

const TIME = z.string().meta({ description: "HH:MM (24 h)" });

const BackupPolicy = describes<P.BackupPolicy>()(
  z.object({
    timing: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("daily"), time: TIME }),
      z.object({
        kind: z.literal("weekly"),
        days: z.array(z.number().int()).meta({ description: "0 (Sunday) to 6" }),
        time: TIME,
      }),
      z.object({ kind: z.literal("monthly"), day: z.number().int(), time: TIME }),
      z.object({ kind: z.literal("cron"), expression: z.string() }),
    ]).nullable().meta({ description: "null keeps only the retention (no scheduled backups)" }),
    timezone: z.string().meta({ description: "IANA zone the timing is read in" }),
    mode: z.enum(BACKUP_MODES),
    keep: z.number().int().meta({ description: "Backups kept per VM" }),
    repository: z.string().optional().meta({
      description: "A restic repository (id or name) the backups go into; absent: the pool",
    }),
  }),
);

/** A profile's (or a VM's effective) policy. */
const PolicyShape = {
  agent: AgentPermissions.nullable(),
  alerts: z.array(PolicyAlertRule),
  backup: BackupPolicy.nullable(),
  tags: z.array(z.string()),
};

export const ProfilePolicy = describes<P.ProfilePolicy>()(
  z.object(PolicyShape).meta({ id: "ProfilePolicy" }),
);

const SummaryShape = {
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  settingCount: z.number().int().meta({
    description: "Agent and backup count one each, every alert rule and tag one",
  }),
  vmCount: z.number().int().meta({ description: "VMs assigned to it" }),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ProfileSummary = describes<P.ProfileSummary>()(
  z.object(SummaryShape).meta({ id: "ProfileSummary" }),
);

export const ProfileList = describes<P.ProfileSummary[]>()(
  z.array(ProfileSummary).meta({ id: "ProfileList" }),
);

export const ProfileDetails = describes<P.ProfileDetails>()(
  z.object({
    ...SummaryShape,
    ...PolicyShape,
    assignedVms: z.array(z.object({
      id: z.string(),
      name: z.string().nullable().meta({ description: "null when the VM no longer exists" }),
    })),
  }).meta({ id: "ProfileDetails" }),
);

export const ProfileUpdated = describes<P.UpdateProfileResult>()(
  z.object({
    profile: ProfileSummary,
    syncResult: z.object({
      affectedVms: z.number().int().meta({
        description: "Assigned VMs whose effective policy was recomputed",
      }),
      syncedAt: z.string(),
    }),
  }).meta({ id: "ProfileUpdated" }),
);

export const ProfileDeleted = describes<P.DeleteProfileResult>()(
  z.object({
    deleted: z.literal(true),
    convertedVms: z.number().int().meta({
      description: "Assigned VMs whose profile settings became local overrides",
    }),
  }).meta({ id: "ProfileDeleted" }),
);

export const ProfileImportPreview = describes<P.ImportPreview>()(
  z.object({
    name: z.string(),
    description: z.string().nullable(),
    version: z.number().int(),
    settingCount: z.number().int(),
    counts: z.object({
      agent: z.number().int(),
      alerts: z.number().int(),
      backup: z.number().int(),
      tags: z.number().int(),
    }),
    hasNameCollision: z.boolean(),
    existingProfileId: z.string().nullable().meta({
      description: "The id of the profile already named so, or null",
    }),
  }).meta({ id: "ProfileImportPreview" }),
);

export const ProfileImported = describes<P.ImportResult>()(
  z.object({
    profile: ProfileSummary,
    collisionResolved: z.boolean().meta({
      description: "True when it was saved under renameTo because its name was taken",
    }),
  }).meta({ id: "ProfileImported" }),
);

export const ProfileFile = describes<P.ProfileFile>()(
  z.object({
    format: z.literal("kvmm-profile"),
    version: z.number().int(),
    exportedAt: z.string(),
    profile: z.object({
      name: z.string(),
      description: z.string().nullable(),
      ...PolicyShape,
    }),
  }).meta({ id: "ProfileFile", description: "NAME.kvmm-profile.json" }),
);

export const ProfileAssigned = describes<P.AssignResult>()(
  z.object({ vmId: z.string(), profileId: z.string(), assignedAt: z.string() }).meta({
    id: "ProfileAssigned",
  }),
);

export const ProfileUnassigned = describes<P.UnassignResult>()(
  z.object({ vmId: z.string(), unassignedAt: z.string() }).meta({ id: "ProfileUnassigned" }),
);

export const PolicyOverrideAdded = describes<P.AddOverrideResult>()(
  z.object({ vmId: z.string(), key: z.string(), addedAt: z.string() }).meta({
    id: "PolicyOverrideAdded",
  }),
);

export const PolicyOverrideRemoved = describes<P.RemoveOverrideResult>()(
  z.object({ vmId: z.string(), key: z.string(), removed: z.literal(true) }).meta({
    id: "PolicyOverrideRemoved",
  }),
);

const KEY = z.string().meta({ description: '"agent", "backup", "alert:NAME" or "tag:NAME"' });

/** A setting with its key, and `more` fields beside. */
function keyed<M extends z.core.$ZodLooseShape>(more: M) {
  return z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("agent"), agent: AgentPermissions, key: KEY, ...more }),
    z.object({ kind: z.literal("alert"), alert: PolicyAlertRule, key: KEY, ...more }),
    z.object({ kind: z.literal("backup"), backup: BackupPolicy, key: KEY, ...more }),
    z.object({ kind: z.literal("tag"), tag: z.string(), key: KEY, ...more }),
  ]);
}

export const VmPolicy = describes<P.VmPolicy>()(
  z.object({
    vmId: z.string(),
    vmName: z.string(),
    profile: z.object({ id: z.string(), name: z.string() }).nullable(),
    assignedAt: z.string().nullable(),
    profileSettings: z.array(keyed({
      source: z.literal("profile"),
      overridden: z.boolean().meta({ description: "A local setting of the same key wins" }),
    })),
    localSettings: z.array(keyed({ source: z.literal("local"), addedAt: z.string() })),
    settings: z.array(keyed({
      source: z.enum(["profile", "local"]),
      overridesProfile: z.boolean().meta({
        description: "A local setting that replaces the profile's setting of the same key",
      }),
    })).meta({
      description: "What applies: local settings, then the profile's not overridden, by key",
    }),
    // The same, folded into one policy (what the agent, alerts and backups use).
    effective: ProfilePolicy,
  }).meta({ id: "VmProfilePolicy" }),
);
