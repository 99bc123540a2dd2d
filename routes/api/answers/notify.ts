// What the notification routes answer (routes/api/notify.ts): targets (never their secret),
// rules, and a target's test.

import { z } from "zod";
import {
  type DeliveryResult as Delivery,
  NOTIFY_KINDS,
  NOTIFY_SEVERITIES,
  type NotifyRule as Rule,
  type NotifyTarget as Target,
  SMTP_SECURITY,
  type TestResult as Test,
  WEBHOOK_METHODS,
} from "../../../shared/notify.ts";
import { describes } from "./describes.ts";

const ISO = { description: "ISO 8601" };

export const DeliveryResult = describes<Delivery>()(
  z.object({
    status: z.enum(["sent", "pending", "failed"]).meta({
      description: "sent; pending (queued or retrying); failed (given up)",
    }),
    at: z.string().meta({ description: "When it was last tried (or queued), ISO 8601" }),
    error: z.string().nullable().meta({
      description: "The last attempt's error; null after a success",
    }),
    attempts: z.number().int(),
  }).meta({ id: "NotifyDeliveryResult" }),
);

const EmailConfig = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY).meta({
    description: "starttls: plain, then STARTTLS required; tls: TLS from the start; none: plain",
  }),
  user: z.string().meta({ description: "The SMTP user; empty for no AUTH" }),
  from: z.string(),
  to: z.array(z.string()),
});

const WebhookConfig = z.object({
  url: z.string(),
  method: z.enum(WEBHOOK_METHODS),
  headers: z.record(z.string(), z.string()).meta({
    description: "Headers sent besides content-type (not secret)",
  }),
  bodyTemplate: z.string().meta({
    description: "With {{kind}}, {{severity}}, {{host}}, {{title}}, {{text}}, {{at}}; empty: JSON",
  }),
  contentType: z.string(),
});

/** A target as read: the secret never, only whether it is set. */
export const NotifyTarget = describes<Target>()(
  z.intersection(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("email"), config: EmailConfig }),
      z.object({
        kind: z.literal("ntfy"),
        config: z.object({ url: z.string(), topic: z.string() }),
      }),
      z.object({ kind: z.literal("gotify"), config: z.object({ url: z.string() }) }),
      z.object({ kind: z.literal("webhook"), config: WebhookConfig }),
    ]),
    z.object({
      id: z.string(),
      name: z.string(),
      secretSet: z.boolean().meta({
        description: "Whether the kind's secret (SMTP password, token, Authorization) is set",
      }),
      pending: z.number().int().meta({ description: "Deliveries waiting (queued or retrying)" }),
      last: DeliveryResult.nullable(),
      createdAt: z.string().meta(ISO),
      updatedAt: z.string().meta(ISO),
    }),
  ).meta({ id: "NotifyTarget" }),
);

export const NotifyTargetList = z.array(NotifyTarget).meta({ description: "By name" });

export const NotifyRule = describes<Rule>()(
  z.object({
    id: z.string(),
    name: z.string(),
    kinds: z.array(z.enum(NOTIFY_KINDS)),
    minSeverity: z.enum(NOTIFY_SEVERITIES).meta({ description: "Events at least this severe" }),
    hostId: z.string().nullable().meta({
      description: "Only this host's events; null for every host (and app-wide ones)",
    }),
    poolPercent: z.number().int().meta({
      description: "For pool-full: the percent a pool must rise past",
    }),
    targetIds: z.array(z.string()),
    digestMinutes: z.number().int().meta({
      description: "0: each event at once; else one message per this many minutes",
    }),
    enabled: z.boolean(),
    last: DeliveryResult.nullable(),
    createdAt: z.string().meta(ISO),
    updatedAt: z.string().meta(ISO),
  }).meta({ id: "NotifyRule" }),
);

export const NotifyRuleList = z.array(NotifyRule).meta({ description: "By name" });

export const NotifyTestResult = describes<Test>()(
  z.object({
    ok: z.boolean(),
    error: z.string().nullable(),
    code: z.string().nullable().meta({
      description: "The refusal's code: URL_REFUSED when the address needs an admin's allowance",
    }),
  }).meta({ id: "NotifyTestResult" }),
);
