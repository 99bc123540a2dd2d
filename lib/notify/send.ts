// Sending one notification to one target: e-mail through SMTP (nodemailer), ntfy, Gotify or a
// webhook. Every connection follows the outbound rules (lib/outbound): the host's addresses are
// checked (public only, unless an admin allowed them) and connected to as checked; no redirect is
// followed. A failure throws an Error whose message is what the target's last result shows (any
// URL in it without user, password or query).

import { AppError } from "../errors.ts";
import {
  checkedHostAddress,
  type FetchRules,
  guardedFetch,
  withoutUrlSecrets,
} from "../outbound/guarded_fetch.ts";
import type {
  EmailConfig,
  GotifyConfig,
  NotifyEvent,
  NtfyConfig,
  WebhookConfig,
} from "../../shared/notify.ts";
import type { StoredTarget } from "./records.ts";

/** How long one attempt may take: connected, answered (HTTP) or the mail accepted (SMTP). */
export const SEND_TIMEOUT_MS = 15_000;

/** What a sender needs besides the target and the event. */
export interface SendContext {
  /** What the target's host may be beyond public addresses (the admin's allowed sources). */
  outbound: FetchRules;
  /** A host id as people call it ("local" → this machine's name). */
  hostName: (id: string | null) => string;
  /** The server's own address ("https://kvm1:8443"), for a link back; null until it listens. */
  serverUrl?: string | null;
  /** The time zone times are written in (the server's, from TZ or the system; tests set it). */
  timeZone?: string;
  timeoutMs?: number;
}

/** The page an event of each kind is looked into on. */
const PAGE_OF: Record<NotifyEvent["kind"], string> = {
  "backup-failed": "/backups",
  "backup-succeeded": "/backups",
  "job-failed": "/schedules",
  "alert-fired": "/alerts",
  "alert-resolved": "/alerts",
  "host-disconnected": "/hosts",
  "host-reconnected": "/hosts",
  "pool-full": "/storage",
  "vm-crashed": "/vms",
  "cluster-recovered": "/cluster",
  "node-fenced": "/cluster",
  "login-lockout": "/audit",
  test: "/settings",
  digest: "/tasks",
};

/**
 * `iso` in the server's time zone, as people read a clock, with the zone and the UTC instant:
 * "2026-11-27 17:45:02 GMT+1 (2026-11-27T16:45:02.000Z)".
 */
export function localTime(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName} (${at.toISOString()})`;
}

/**
 * The event as plain text: its title, details, host, severity, the time in the server's zone, and
 * where to look into it when the server's address is known.
 */
export function plainText(
  event: NotifyEvent,
  host: string,
  { serverUrl = null, timeZone }: Pick<SendContext, "serverUrl" | "timeZone"> = {},
): string {
  return [
    event.title,
    "",
    event.text,
    "",
    `Host: ${host}`,
    `Severity: ${event.severity}`,
    `Time: ${localTime(event.at, timeZone)}`,
    ...(serverUrl ? [`Open: ${serverUrl}${PAGE_OF[event.kind] ?? "/"}`] : []),
  ].join("\n");
}

/** Sends `event` to `target`; throws an Error saying why it was not delivered. */
export async function sendTo(
  target: StoredTarget,
  event: NotifyEvent,
  ctx: SendContext,
): Promise<void> {
  try {
    switch (target.kind) {
      case "email":
        return await sendMail(target.config, target.secret, event, ctx);
      case "ntfy":
        return await sendNtfy(target.config, target.secret, event, ctx);
      case "gotify":
        return await sendGotify(target.config, target.secret, event, ctx);
      case "webhook":
        return await sendWebhook(target.config, target.secret, event, ctx);
    }
  } catch (err) {
    // What a target's last result shows keeps no URL's user, password or query (tokens).
    throw new Error(withoutUrlSecrets(failureText(err)), { cause: err });
  }
}

/** A failure in one line: refused by the address rules, the server's answer, or the cause. */
function failureText(err: unknown): string {
  if (err instanceof AppError) {
    return err.code === "URL_REFUSED" ? `Refused: ${err.message}` : err.message;
  }
  const e = err as Error & { response?: string; code?: string };
  const cause = e.cause as Error | undefined;
  return `${e.message}${cause && !e.message.includes(cause.message) ? ` (${cause.message})` : ""}`;
}

async function sendMail(
  config: EmailConfig,
  password: string | null,
  event: NotifyEvent,
  ctx: SendContext,
): Promise<void> {
  const timeout = ctx.timeoutMs ?? SEND_TIMEOUT_MS;
  const address = await checkedHostAddress(
    config.host,
    ctx.outbound,
    AbortSignal.timeout(timeout),
  );
  // nodemailer is a seventh of the server's code and serves only e-mail targets: it is loaded
  // at the first mail, not at start.
  const { default: nodemailer } = await import("nodemailer");
  // Connected to the checked address; TLS still checks the name's certificate.
  const transport = nodemailer.createTransport({
    host: address,
    port: config.port,
    secure: config.security === "tls",
    requireTLS: config.security === "starttls",
    ignoreTLS: config.security === "none",
    servername: config.host,
    tls: { servername: config.host, ca: ctx.outbound.caCerts },
    auth: config.user ? { user: config.user, pass: password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: `[KVM Manager] ${event.title}`,
      text: plainText(event, ctx.hostName(event.hostId), ctx),
      headers: { "X-KVM-Manager-Event": event.kind },
    });
  } finally {
    transport.close();
  }
}

/** ntfy's priorities: 5 urgent, 4 high, 3 default. */
const NTFY_PRIORITY = { critical: "5", warning: "4", info: "3" } as const;
/** Gotify's priorities: 8 and up makes phones ring. */
const GOTIFY_PRIORITY = { critical: 8, warning: 5, info: 2 } as const;

/** Header values carry no line breaks or non-Latin-1 text (a VM's name may). */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, "?").slice(0, 250);

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  ctx: SendContext,
  method: "POST" | "PUT" = "POST",
): Promise<void> {
  const { response } = await guardedFetch(
    url,
    { ...ctx.outbound, headersTimeoutMs: ctx.timeoutMs ?? SEND_TIMEOUT_MS },
    {
      method,
      headers: { "user-agent": "kvm-manager", ...headers },
      body,
      redirects: 0,
      credentials: "send",
    },
  );
  await response.body?.cancel();
  if (response.status >= 300 && response.status < 400) {
    throw new Error(
      `Answered ${response.status} ${response.statusText}`.trim() +
        " (redirects are not followed)",
    );
  }
  if (!response.ok) throw new Error(`Answered ${response.status} ${response.statusText}`.trim());
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path}`;
}

function sendNtfy(
  config: NtfyConfig,
  token: string | null,
  event: NotifyEvent,
  ctx: SendContext,
): Promise<void> {
  return post(
    joinUrl(config.url, encodeURIComponent(config.topic)),
    {
      "content-type": "text/plain; charset=utf-8",
      "title": headerSafe(event.title),
      "priority": NTFY_PRIORITY[event.severity],
      "tags": headerSafe(`kvm-manager,${event.kind}`),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    plainText(event, ctx.hostName(event.hostId), ctx),
    ctx,
  );
}

function sendGotify(
  config: GotifyConfig,
  token: string | null,
  event: NotifyEvent,
  ctx: SendContext,
): Promise<void> {
  if (!token) throw new Error("No application token set");
  return post(
    joinUrl(config.url, "message"),
    { "content-type": "application/json", "x-gotify-key": token },
    JSON.stringify({
      title: event.title,
      message: plainText(event, ctx.hostName(event.hostId), ctx),
      priority: GOTIFY_PRIORITY[event.severity],
      extras: { "kvm-manager": { kind: event.kind, host: event.hostId } },
    }),
    ctx,
  );
}

/** The placeholders a webhook's body template may hold. */
export function templateValues(event: NotifyEvent, host: string): Record<string, string> {
  return {
    kind: event.kind,
    severity: event.severity,
    host,
    title: event.title,
    text: event.text,
    at: event.at,
  };
}

/**
 * The webhook's body: its template with each {{placeholder}} filled in (JSON-escaped when the
 * content type is JSON, so a VM's name cannot break the document), or the event as JSON.
 */
export function webhookBody(config: WebhookConfig, event: NotifyEvent, host: string): string {
  const values = templateValues(event, host);
  if (!config.bodyTemplate) return JSON.stringify({ event: event.kind, ...values });
  const json = /json/i.test(config.contentType);
  return config.bodyTemplate.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) return whole;
    return json ? JSON.stringify(value).slice(1, -1) : value;
  });
}

function sendWebhook(
  config: WebhookConfig,
  authorization: string | null,
  event: NotifyEvent,
  ctx: SendContext,
): Promise<void> {
  return post(
    config.url,
    {
      ...config.headers,
      "content-type": config.contentType,
      ...(authorization ? { authorization } : {}),
    },
    webhookBody(config, event, ctx.hostName(event.hostId)),
    ctx,
    config.method,
  );
}
