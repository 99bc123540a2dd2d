// The notification forms' drafts (strings, as the fields hold them) and the API bodies made from
// them; the words for event and target kinds. A secret field left empty keeps the saved secret.

import { tKey } from "../../shared/i18n/t.ts";
import type {
  NotifyKind,
  NotifyRule,
  NotifyTarget,
  SmtpSecurity,
  TargetKind,
} from "../../shared/notify.ts";

export const KIND_LABELS: Record<NotifyKind, string> = {
  "backup-failed": tKey("Backup failed"),
  "backup-succeeded": tKey("Backup succeeded"),
  "job-failed": tKey("Scheduled job failed"),
  "alert-fired": tKey("Alert fired"),
  "alert-resolved": tKey("Alert resolved"),
  "host-disconnected": tKey("Host disconnected"),
  "host-reconnected": tKey("Host reconnected"),
  "pool-full": tKey("Storage pool nearly full"),
  "vm-crashed": tKey("VM crashed"),
  "cluster-recovered": tKey("VM recovered by the cluster"),
  "node-fenced": tKey("Cluster node fenced"),
  "login-lockout": tKey("Sign-in lockout"),
};

export const TARGET_LABELS: Record<TargetKind, string> = {
  email: tKey("E-mail (SMTP)"),
  ntfy: tKey("ntfy"),
  gotify: tKey("Gotify"),
  webhook: tKey("Webhook"),
};

export const SECURITY_LABELS: Record<SmtpSecurity, string> = {
  starttls: tKey("STARTTLS (port 587)"),
  tls: tKey("TLS (port 465)"),
  none: tKey("None (trusted network only)"),
};

/** What the secret field is called for each kind. */
export const SECRET_LABELS: Record<TargetKind, string> = {
  email: tKey("SMTP password"),
  ntfy: tKey("Access token (optional)"),
  gotify: tKey("Application token"),
  webhook: tKey("Authorization header (optional)"),
};

export interface TargetDraft {
  name: string;
  kind: TargetKind;
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  from: string;
  to: string;
  url: string;
  topic: string;
  method: "POST" | "PUT";
  headers: string;
  bodyTemplate: string;
  contentType: string;
  secret: string;
}

export const NEW_TARGET: TargetDraft = {
  name: "",
  kind: "email",
  host: "",
  port: "587",
  security: "starttls",
  user: "",
  from: "",
  to: "",
  url: "",
  topic: "",
  method: "POST",
  headers: "",
  bodyTemplate: "",
  contentType: "application/json",
  secret: "",
};

export function targetDraft(target: NotifyTarget): TargetDraft {
  const d = { ...NEW_TARGET, name: target.name, kind: target.kind };
  switch (target.kind) {
    case "email": {
      const c = target.config;
      return {
        ...d,
        host: c.host,
        port: String(c.port),
        security: c.security,
        user: c.user,
        from: c.from,
        to: c.to.join(", "),
      };
    }
    case "ntfy":
      return { ...d, url: target.config.url, topic: target.config.topic };
    case "gotify":
      return { ...d, url: target.config.url };
    case "webhook": {
      const c = target.config;
      return {
        ...d,
        url: c.url,
        method: c.method,
        headers: Object.entries(c.headers).map(([k, v]) => `${k}: ${v}`).join("\n"),
        bodyTemplate: c.bodyTemplate,
        contentType: c.contentType,
      };
    }
  }
}

/** "Name: value" lines as an object; a line without a colon is sent as a name (the API says). */
function headersOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(":");
    if (colon < 0) out[line] = "";
    else out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** The API body; the port as typed (the API's words say what is wrong with it). */
export function targetInput(d: TargetDraft): Record<string, unknown> {
  const secret = d.secret === "" ? {} : { secret: d.secret };
  const config = (() => {
    switch (d.kind) {
      case "email":
        return {
          host: d.host.trim(),
          port: d.port.trim() === "" ? NaN : Number(d.port),
          security: d.security,
          user: d.user.trim(),
          from: d.from.trim(),
          to: d.to.split(/[,\s]+/).filter(Boolean),
        };
      case "ntfy":
        return { url: d.url.trim(), topic: d.topic.trim() };
      case "gotify":
        return { url: d.url.trim() };
      case "webhook":
        return {
          url: d.url.trim(),
          method: d.method,
          headers: headersOf(d.headers),
          bodyTemplate: d.bodyTemplate,
          contentType: d.contentType.trim(),
        };
    }
  })();
  return { name: d.name, kind: d.kind, config, ...secret };
}

export interface RuleDraft {
  name: string;
  kinds: NotifyKind[];
  minSeverity: string;
  hostId: string;
  poolPercent: string;
  targetIds: string[];
  digestMinutes: string;
  enabled: boolean;
}

export const NEW_RULE: RuleDraft = {
  name: "",
  kinds: ["backup-failed", "alert-fired"],
  minSeverity: "info",
  hostId: "",
  poolPercent: "90",
  targetIds: [],
  digestMinutes: "0",
  enabled: true,
};

export function ruleDraft(rule: NotifyRule): RuleDraft {
  return {
    name: rule.name,
    kinds: rule.kinds,
    minSeverity: rule.minSeverity,
    hostId: rule.hostId ?? "",
    poolPercent: String(rule.poolPercent),
    targetIds: rule.targetIds,
    digestMinutes: String(rule.digestMinutes),
    enabled: rule.enabled,
  };
}

const numberOf = (text: string) => text.trim() === "" ? NaN : Number(text);

export function ruleInput(d: RuleDraft): Record<string, unknown> {
  return {
    name: d.name,
    kinds: d.kinds,
    minSeverity: d.minSeverity,
    hostId: d.hostId || null,
    poolPercent: numberOf(d.poolPercent),
    targetIds: d.targetIds,
    digestMinutes: numberOf(d.digestMinutes),
    enabled: d.enabled,
  };
}
