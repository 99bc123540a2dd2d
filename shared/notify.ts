// Notifications: what happened (event kinds and their severity), where it is sent (targets:
// e-mail, ntfy, Gotify, webhook) and which rule sends what where. Browser-safe: the settings
// page and the API share these shapes. Secrets (SMTP password, tokens, a webhook's Authorization)
// are write-only: a target as read says only whether each is set.

import type { AlertSeverity } from "./metrics.ts";

/** What can be notified, each from where it happens (lib/notify/sources.ts). */
export const NOTIFY_KINDS = [
  "backup-failed",
  "backup-succeeded",
  "job-failed",
  "alert-fired",
  "alert-resolved",
  "host-disconnected",
  "host-reconnected",
  "pool-full",
  "vm-crashed",
  "cluster-recovered",
  "node-fenced",
  "login-lockout",
] as const;
export type NotifyKind = typeof NOTIFY_KINDS[number];

export type NotifySeverity = AlertSeverity;
export const NOTIFY_SEVERITIES = ["info", "warning", "critical"] as const;

/** Each kind's severity (an alert's is its rule's). */
export const KIND_SEVERITY: Record<NotifyKind, NotifySeverity> = {
  "backup-failed": "critical",
  "backup-succeeded": "info",
  "job-failed": "warning",
  "alert-fired": "warning",
  "alert-resolved": "info",
  "host-disconnected": "critical",
  "host-reconnected": "info",
  "pool-full": "warning",
  "vm-crashed": "critical",
  "cluster-recovered": "warning",
  "node-fenced": "critical",
  "login-lockout": "warning",
};

/** One thing that happened, as the bus carries it and a delivery keeps it. */
export interface NotifyEvent {
  kind: NotifyKind | "test" | "digest";
  severity: NotifySeverity;
  /** The host it happened on ("local" or a remote host's id); null for app-wide events. */
  hostId: string | null;
  /** One line: "Backup of db failed". */
  title: string;
  /** Details, a few lines. */
  text: string;
  /** ISO time. */
  at: string;
  /** For pool-full: the pool's use in percent, and what it was at the last check. */
  percent?: number;
  previousPercent?: number;
}

export const TARGET_KINDS = ["email", "ntfy", "gotify", "webhook"] as const;
export type TargetKind = typeof TARGET_KINDS[number];

export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;
export type SmtpSecurity = typeof SMTP_SECURITY[number];

export interface EmailConfig {
  host: string;
  port: number;
  /** starttls: plain, then STARTTLS required; tls: TLS from the start (465); none: plain. */
  security: SmtpSecurity;
  /** The SMTP user; empty for none (no AUTH). */
  user: string;
  from: string;
  to: string[];
}

export interface NtfyConfig {
  /** The server, e.g. https://ntfy.sh */
  url: string;
  topic: string;
}

export interface GotifyConfig {
  /** The server, e.g. https://gotify.example */
  url: string;
}

export const WEBHOOK_METHODS = ["POST", "PUT"] as const;

export interface WebhookConfig {
  url: string;
  method: typeof WEBHOOK_METHODS[number];
  /** Headers sent besides content-type (names and values are not secret). */
  headers: Record<string, string>;
  /** The body, with {{kind}}, {{severity}}, {{host}}, {{title}}, {{text}}, {{at}}; "" for JSON. */
  bodyTemplate: string;
  contentType: string;
}

export type TargetConfig =
  | { kind: "email"; config: EmailConfig }
  | { kind: "ntfy"; config: NtfyConfig }
  | { kind: "gotify"; config: GotifyConfig }
  | { kind: "webhook"; config: WebhookConfig };

/** A delivery's outcome as shown beside its target or rule. */
export interface DeliveryResult {
  /** sent; pending (queued or retrying); failed (given up). */
  status: "sent" | "pending" | "failed";
  /** When it was last tried (or queued). */
  at: string;
  /** The last attempt's error, null after a success. */
  error: string | null;
  attempts: number;
}

/** A target as read: the secret itself never, only whether it is set. */
export type NotifyTarget = TargetConfig & {
  id: string;
  name: string;
  /** Whether the kind's secret (SMTP password, token, Authorization) is set. */
  secretSet: boolean;
  /** Deliveries waiting (queued or retrying). */
  pending: number;
  last: DeliveryResult | null;
  createdAt: string;
  updatedAt: string;
};

export interface NotifyRule {
  id: string;
  name: string;
  kinds: NotifyKind[];
  /** Events at least this severe. */
  minSeverity: NotifySeverity;
  /** Only this host's events; null for every host (and app-wide ones). */
  hostId: string | null;
  /** For pool-full: the percent a pool must rise past. */
  poolPercent: number;
  targetIds: string[];
  /** 0: each event at once; else one message per this many minutes with what gathered. */
  digestMinutes: number;
  enabled: boolean;
  last: DeliveryResult | null;
  createdAt: string;
  updatedAt: string;
}

/** What a Test button answers: sent, or the error. */
export interface TestResult {
  ok: boolean;
  error: string | null;
  /** The refusal's code: `URL_REFUSED` when the target's address needs an admin's allowance. */
  code: string | null;
}
