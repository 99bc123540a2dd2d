// The bodies the profile API takes, as zod schemas: a profile (create, change), one setting of
// a local override, an assignment. Their refusals are the contract's: InvalidName for a name,
// InvalidFormat naming the field for anything else (details {field}), the first problem in the
// order the fields are listed. The policy's parts are the same for a profile, an override and an
// imported file (lib/profiles/policy_input.ts), so a policy that was saved is valid.

import { z } from "zod";
import type { AppError } from "../errors.ts";
import { isJsonObject, pathName, validated } from "../validate.ts";
import { isValidName, nameRule } from "../../shared/names.ts";
import { invalidFormat, profileError } from "./errors.ts";
import {
  addProblem,
  AgentField,
  AlertList,
  BackupField,
  closedPart,
  partWords,
  PolicyAlertField,
  TagField,
  TagList,
} from "./policy_input.ts";
import type {
  KeyedSetting,
  PolicySetting,
  ProfilePolicy,
  SettingKind,
} from "../../shared/profiles.ts";
import { SETTING_KINDS } from "../../shared/profiles.ts";
import { t } from "../../shared/i18n/t.ts";

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 500;

export const emptyPolicy = (): ProfilePolicy => ({
  agent: null,
  alerts: [],
  backup: null,
  tags: [],
});

/**
 * A profile name, trimmed: the shared name rule (shared/names.ts), refused in `words` (said when
 * a request is checked, so in its language).
 */
export const nameField = (words: () => string) =>
  z.string({ error: words }).refine((name) => isValidName(name, NAME_MAX), {
    error: words,
  }).meta({
    description: `Unique in any case: ${nameRule(NAME_MAX)}`,
  });

const NAME_RULE = () => t("must be {{rule}}", { rule: nameRule(NAME_MAX) });
const NameField = nameField(NAME_RULE);

const DESCRIPTION = () => t("must be text of at most {{max}} characters", { max: DESCRIPTION_MAX });

/** Text, trimmed; null or "" for none. */
export const DescriptionField = z.string({ error: DESCRIPTION })
  .max(DESCRIPTION_MAX, { error: DESCRIPTION }).nullable().optional()
  .transform((text) => text === undefined ? undefined : text?.trim() || null)
  .meta({ description: `At most ${DESCRIPTION_MAX} characters; null for none` });

/** The policy's fields; an absent one is left as it is (a change) or empty (a new profile). */
export const POLICY_SHAPE = {
  agent: AgentField.nullable().optional(),
  alerts: AlertList.optional(),
  backup: BackupField.nullable().optional(),
  tags: TagList.optional(),
};

const BODY_WORDS = partWords('{"name": "web servers", "tags": ["web"]}');

/** The body of `POST /api/profiles`. */
export const ProfileCreateBody = closedPart(
  { name: NameField, description: DescriptionField, ...POLICY_SHAPE },
  BODY_WORDS,
);

/** The body of `PATCH /api/profiles/:id`: the fields that change. */
export const ProfilePatchBody = closedPart(
  { name: NameField.optional(), description: DescriptionField, ...POLICY_SHAPE },
  BODY_WORDS,
);

const SETTING_EXAMPLE = '{"kind": "tag", "tag": "web"}';

/**
 * The body of `POST /api/vms/:id/policy/overrides`, one setting: `{"kind": "tag", "tag": "web"}`
 * and the like. Its kind is looked at before its other fields.
 */
export const SettingBody: z.ZodType<PolicySetting, unknown> = z.preprocess(
  (value, ctx) => {
    if (!isJsonObject(value)) {
      return addProblem(ctx, value, partWords(SETTING_EXAMPLE).notAnObject());
    }
    const kind = value.kind as SettingKind;
    if (!SETTING_KINDS.includes(kind)) {
      const words = t("must be one of {{list}}", { list: SETTING_KINDS.join(", ") });
      return addProblem(ctx, value, words, ["kind"]);
    }
    const key = Object.keys(value).find((k) => k !== "kind" && k !== kind);
    if (key !== undefined) {
      return addProblem(
        ctx,
        value,
        t('unknown field "{{key}}" (expected kind, {{kind}})', { key, kind }),
      );
    }
    return value;
  },
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("agent"), agent: AgentField }),
    z.strictObject({ kind: z.literal("alert"), alert: PolicyAlertField }),
    z.strictObject({ kind: z.literal("backup"), backup: BackupField }),
    z.strictObject({ kind: z.literal("tag"), tag: TagField }),
  ]),
);

/** The body of `PUT /api/vms/:id/profile`. */
export const AssignBody = z.strictObject({
  profileId: z.string().meta({ description: "The profile's id" }),
});

/**
 * A profile or setting body's first problem in the contract's words: InvalidName for the name,
 * else InvalidFormat naming the field ("alerts[0]", "agent.allowedCommands[1]"; "body" for the
 * whole).
 */
export function profileRefusal(issue: z.core.$ZodIssue): AppError {
  const field = pathName(issue.path) || "body";
  return field === "name"
    ? profileError("InvalidName", `${field} ${issue.message}`, { field })
    : invalidFormat(field, issue.message);
}

/** Any problem of an assignment's body. */
export const assignRefusal = (): AppError =>
  profileError("InvalidFormat", t('Body must be a JSON object like {"profileId": "…"}'), {
    field: "profileId",
  });

/** A body that is not JSON at all. */
export const notJson = (): AppError =>
  profileError("InvalidFormat", t("Body is not valid JSON"), { field: "body" });

/** A create body (name required). */
export const checkCreateBody = (input: unknown) =>
  validated(ProfileCreateBody, input, { refuse: profileRefusal });

/** An update body (every field optional). */
export const checkPatchBody = (input: unknown) =>
  validated(ProfilePatchBody, input, { refuse: profileRefusal });

/** One setting of a local override. */
export const checkSetting = (input: unknown): PolicySetting =>
  validated(SettingBody, input, { refuse: profileRefusal });

/** An assignment's body. */
export const checkAssign = (input: unknown) =>
  validated(AssignBody, input, { refuse: assignRefusal });

/** A profile name once trimmed; InvalidName naming `field` otherwise. */
export function checkName(value: unknown, field = "name"): string {
  return validated(NameField, value, {
    refuse: (issue) => profileError("InvalidName", `${field} ${issue.message}`, { field }),
  });
}

/** A setting's key: one agent and one backup setting per VM, alert rules and tags by name. */
export function keyOf(s: PolicySetting): string {
  switch (s.kind) {
    case "agent":
    case "backup":
      return s.kind;
    case "alert":
      return `alert:${s.alert.name.toLowerCase()}`;
    case "tag":
      return `tag:${s.tag}`;
  }
}

/** A policy as its settings, each with its key. */
export function settingsOf(p: ProfilePolicy): KeyedSetting[] {
  const list: PolicySetting[] = [
    ...(p.agent ? [{ kind: "agent" as const, agent: p.agent }] : []),
    ...p.alerts.map((alert) => ({ kind: "alert" as const, alert })),
    ...(p.backup ? [{ kind: "backup" as const, backup: p.backup }] : []),
    ...p.tags.map((tag) => ({ kind: "tag" as const, tag })),
  ];
  return list.map((s) => ({ ...s, key: keyOf(s) }));
}

/** Settings folded back into one policy (keys are unique, so nothing is dropped). */
export function policyOf(settings: PolicySetting[]): ProfilePolicy {
  const p = emptyPolicy();
  for (const s of settings) {
    if (s.kind === "agent") p.agent = s.agent;
    else if (s.kind === "alert") p.alerts.push(s.alert);
    else if (s.kind === "backup") p.backup = s.backup;
    else p.tags.push(s.tag);
  }
  p.alerts.sort((a, b) => a.name.localeCompare(b.name));
  p.tags.sort();
  return p;
}

/** How many settings a policy holds (the list's count). */
export const settingCount = (p: ProfilePolicy) =>
  (p.agent ? 1 : 0) + p.alerts.length + (p.backup ? 1 : 0) + p.tags.length;

/** A stored setting (JSON from our own store) without a second round of checks. */
export function withoutKey(s: KeyedSetting): PolicySetting {
  const { key: _, ...rest } = s;
  return rest as PolicySetting;
}
