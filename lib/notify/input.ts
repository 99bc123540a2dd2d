// The checks on notification targets and rules as the API receives them, with bounded sizes.
// A target's secret (SMTP password, ntfy or Gotify token, a webhook's Authorization header) is
// write-only: omitted on a replace it stays as it was while the server stays the same (another
// URL origin or SMTP host, port, security or user must be given it again), null removes it.

import { z } from "zod";
import { t } from "../../shared/i18n/t.ts";
import { isValidName, NAME_MAX, nameRule } from "../../shared/names.ts";
import {
  NOTIFY_KINDS,
  NOTIFY_SEVERITIES,
  SMTP_SECURITY,
  TARGET_KINDS,
  WEBHOOK_METHODS,
} from "../../shared/notify.ts";

export const MAX_SECRET = 1024;
export const MAX_URL = 2048;
export const MAX_RECIPIENTS = 20;
export const MAX_HEADERS = 20;
export const MAX_TEMPLATE = 8192;
export const MAX_RULE_TARGETS = 20;
export const MAX_DIGEST_MINUTES = 1440;

const NAME = () => t("name is required: {{rule}}", { rule: nameRule(NAME_MAX) });
const name = z.string({ error: NAME }).refine((n) => isValidName(n, NAME_MAX), {
  error: NAME,
}).meta({ description: `${nameRule(NAME_MAX)}; unique` });

/** An http:// or https:// URL (the outbound rules check its address at each delivery). */
const webUrl = (field: string) =>
  z.string().max(MAX_URL).refine((text) => {
    try {
      const { protocol } = new URL(text);
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  }, { error: () => t("{{field}} must be an http:// or https:// URL", { field }) });

// A host name or address as SMTP takes it: letters, digits, dots, dashes, colons (IPv6).
const HOST = /^[A-Za-z0-9.:-]{1,253}$/;
// A mailbox, loosely: something@something, no spaces, brackets or line breaks.
const MAILBOX = /^[^\s<>@,;"]{1,64}@[A-Za-z0-9.-]{1,190}$/;
// An HTTP header name (RFC 9110 token) and a value without line breaks.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
// deno-lint-ignore no-control-regex
const HEADER_VALUE = /^[^\x00-\x1f\x7f]{0,1024}$/;
/** Headers a webhook target may not set: the request's framing, and the secret's own. */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "content-type",
  "authorization",
  "transfer-encoding",
  "connection",
]);

const mailbox = (field: string) =>
  z.string().regex(MAILBOX, { error: () => t("{{field}} must be an e-mail address", { field }) });

const EmailConfig = z.strictObject({
  host: z.string().regex(HOST, { error: () => t("host must be a host name or address") }),
  port: z.number().int().min(1).max(65535, {
    error: () => t("port must be a whole number from 1 to 65535"),
  }),
  security: z.enum(SMTP_SECURITY, {
    error: () => t("security must be one of {{values}}", { values: SMTP_SECURITY.join(", ") }),
  }),
  user: z.string().max(256).default(""),
  from: mailbox("from"),
  to: z.array(mailbox("to")).min(1).max(MAX_RECIPIENTS, {
    error: () => t("to must list 1 to {{max}} e-mail addresses", { max: MAX_RECIPIENTS }),
  }),
});

const NtfyConfig = z.strictObject({
  url: webUrl("url"),
  topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
    error: () => t("topic must be 1 to 64 letters, digits, - or _"),
  }),
});

const GotifyConfig = z.strictObject({ url: webUrl("url") });

const WebhookConfig = z.strictObject({
  url: webUrl("url"),
  method: z.enum(WEBHOOK_METHODS).default("POST"),
  headers: z.record(
    z.string().regex(HEADER_NAME).refine((h) => !RESERVED_HEADERS.has(h.toLowerCase())),
    z.string().regex(HEADER_VALUE),
    {
      error: () =>
        t("headers must be names and values of one line each (no Host, Content-Type or Authorization)"),
    },
  ).refine((h) => Object.keys(h).length <= MAX_HEADERS, {
    error: () => t("headers may hold at most {{max}} entries", { max: MAX_HEADERS }),
  }).default({}),
  bodyTemplate: z.string().max(MAX_TEMPLATE, {
    error: () => t("bodyTemplate may be at most {{max}} characters", { max: MAX_TEMPLATE }),
  }).default(""),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(;[ \w=.+-]*)?$/).max(128).default(
    "application/json",
  ),
});

const secret = z.string().min(1).max(MAX_SECRET, {
  error: () => t("secret may be at most {{max}} characters", { max: MAX_SECRET }),
}).nullable().optional().meta({
  description: "Write-only: the SMTP password, ntfy/Gotify token or webhook Authorization " +
    "value. Omitted on a replace: kept while the server (URL origin; SMTP host, port, security, " +
    "user) stays the same, else refused; null: removed. Never read back.",
});

/** The body of `POST /api/notify/targets` (and a replace). */
export const TargetBody = z.discriminatedUnion("kind", [
  z.strictObject({ name, kind: z.literal("email"), config: EmailConfig, secret }),
  z.strictObject({ name, kind: z.literal("ntfy"), config: NtfyConfig, secret }),
  z.strictObject({ name, kind: z.literal("gotify"), config: GotifyConfig, secret }),
  z.strictObject({ name, kind: z.literal("webhook"), config: WebhookConfig, secret }),
], {
  error: () => t("kind must be one of {{kinds}}", { kinds: TARGET_KINDS.join(", ") }),
});
export type TargetInput = z.output<typeof TargetBody>;

/** The body of `POST /api/notify/rules` (and a replace). */
export const RuleBody = z.strictObject({
  name,
  kinds: z.array(z.enum(NOTIFY_KINDS)).min(1).max(NOTIFY_KINDS.length).refine(
    (k) => new Set(k).size === k.length,
    { error: () => t("kinds must list each kind once") },
  ).meta({ description: NOTIFY_KINDS.join(", ") }),
  minSeverity: z.enum(NOTIFY_SEVERITIES).default("info"),
  hostId: z.string().min(1).max(64).nullable().default(null),
  poolPercent: z.number().int().min(1).max(100, {
    error: () => t("poolPercent must be a whole number from 1 to 100"),
  }).default(90),
  targetIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_RULE_TARGETS, {
    error: () => t("targetIds must list 1 to {{max}} targets", { max: MAX_RULE_TARGETS }),
  }),
  digestMinutes: z.number().int().min(0).max(MAX_DIGEST_MINUTES, {
    error: () =>
      t("digestMinutes must be a whole number from 0 to {{max}}", { max: MAX_DIGEST_MINUTES }),
  }).default(0),
  enabled: z.boolean().default(true),
});
export type RuleInput = z.output<typeof RuleBody>;
