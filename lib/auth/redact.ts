// Secrets only admins read: a template's cloud-init password hash and raw user-data, an alert
// rule's webhook URL (its path and query often carry a token) and the text of a failed webhook
// delivery (which names the URL). Everyone else gets the same shapes with the secret replaced by
// a sign that it is set: `passwordHash: null, passwordSet: true`, `userData: null,
// userDataSet: true`, `webhookUrl: null, webhookOrigin: "https://host"`, and
// "Webhook delivery failed".

import type { Identity } from "../../shared/auth.ts";
import type { AlertEvent, AlertRule } from "../../shared/metrics.ts";
import type {
  PolicyAlertRule,
  PolicySetting,
  ProfileDetails,
  ProfileFile,
  ProfilePolicy,
  VmPolicy,
} from "../../shared/profiles.ts";
import type { VmTemplate } from "../../shared/templates.ts";
import type { CloudInitConfig } from "../../shared/vms.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** What a non-admin reads instead of a webhook delivery's error. */
export const WEBHOOK_FAILED = tKey("Webhook delivery failed");

/** Whether this caller reads secrets: admins only (no caller, no secrets). */
export function maySeeSecrets(identity: Identity | undefined): boolean {
  return identity?.role === "admin";
}

/** A template's cloud-init as a non-admin reads it. */
export type CloudInitView =
  & Omit<CloudInitConfig, "passwordHash" | "userData">
  & {
    passwordHash?: string | null;
    /** Set (true) when the hash is hidden. */
    passwordSet?: true;
    userData?: string | null;
    /** Set (true) when the user-data is hidden. */
    userDataSet?: true;
  };

export type TemplateView = Omit<VmTemplate, "config"> & {
  config: Omit<VmTemplate["config"], "cloudInit"> & { cloudInit?: CloudInitView };
};

/** The template without its password hash and user-data (marked as set when they are). */
export function redactTemplate(template: VmTemplate): TemplateView {
  const ci = template.config.cloudInit;
  if (!ci || (ci.passwordHash === undefined && ci.userData === undefined)) return template;
  const view: CloudInitView = { ...ci };
  if (ci.passwordHash !== undefined) Object.assign(view, { passwordHash: null, passwordSet: true });
  if (ci.userData !== undefined) Object.assign(view, { userData: null, userDataSet: true });
  return { ...template, config: { ...template.config, cloudInit: view } };
}

/** Templates as this caller may read them. */
export function templatesFor(identity: Identity | undefined, list: VmTemplate[]): TemplateView[] {
  return maySeeSecrets(identity) ? list : list.map(redactTemplate);
}

/** A webhook URL's scheme and host (with port): no user, path or query. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(hidden)";
  }
}

/** A rule (table or policy) with its webhook URL reduced to `webhookOrigin`. */
export function redactWebhook<R extends Pick<AlertRule, "webhookUrl">>(rule: R): R {
  if (rule.webhookUrl === null) return rule;
  return { ...rule, webhookUrl: null, webhookOrigin: webhookOrigin(rule.webhookUrl) };
}

/** An alert with its webhook error reduced to WEBHOOK_FAILED. */
export function redactAlertEvent(alert: AlertEvent): AlertEvent {
  return alert.webhookError === null ? alert : { ...alert, webhookError: t(WEBHOOK_FAILED) };
}

function redactPolicy<P extends ProfilePolicy>(policy: P): P {
  return { ...policy, alerts: policy.alerts.map(redactWebhook<PolicyAlertRule>) };
}

function redactSetting<S extends PolicySetting>(s: S): S {
  return s.kind === "alert" ? { ...s, alert: redactWebhook(s.alert) } : s;
}

/** Alert rules as this caller may read them. */
export function alertRulesFor(identity: Identity | undefined, rules: AlertRule[]): AlertRule[] {
  return maySeeSecrets(identity) ? rules : rules.map(redactWebhook);
}

/** Alerts as this caller may read them. */
export function alertEventsFor(identity: Identity | undefined, alerts: AlertEvent[]): AlertEvent[] {
  return maySeeSecrets(identity) ? alerts : alerts.map(redactAlertEvent);
}

/** A profile as this caller may read it. */
export function profileFor(
  identity: Identity | undefined,
  profile: ProfileDetails,
): ProfileDetails {
  return maySeeSecrets(identity) ? profile : redactPolicy(profile);
}

/**
 * A profile's export file as this caller may read it: a non-admin's has its webhook URLs null
 * (no webhookOrigin either, so the file still imports: the import refuses unknown fields).
 */
export function profileFileFor(identity: Identity | undefined, file: ProfileFile): ProfileFile {
  if (maySeeSecrets(identity)) return file;
  const alerts = file.profile.alerts.map((a) => ({ ...a, webhookUrl: null }));
  return { ...file, profile: { ...file.profile, alerts } };
}

/** A VM's policy as this caller may read it. */
export function vmPolicyFor(identity: Identity | undefined, policy: VmPolicy): VmPolicy {
  if (maySeeSecrets(identity)) return policy;
  return {
    ...policy,
    profileSettings: policy.profileSettings.map(redactSetting),
    localSettings: policy.localSettings.map(redactSetting),
    settings: policy.settings.map(redactSetting),
    effective: redactPolicy(policy.effective),
  };
}
