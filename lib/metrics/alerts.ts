// Alerts: rules checked against every collector reading; a rule fires for a VM after N readings
// in a row above its threshold and resolves after N below. Firings are kept in the app store,
// sent on the event stream and, when the rule has one, POSTed to a webhook. Besides the table's
// rules, each VM's effective policy (lib/profiles) brings rules of its own, checked alike.
// Webhooks go through the one outbound client (lib/outbound): the addresses an admin allowed.

import { AppError } from "../errors.ts";
import { type FetchRules, guardedFetch } from "../outbound/guarded_fetch.ts";
import { t } from "../../shared/i18n/t.ts";
import { redactAlertEvent } from "../auth/redact.ts";
import { isStoreBusy, type Store } from "../store.ts";
import type { PolicyAlertRule } from "../../shared/profiles.ts";
import type { AppEvent } from "../../shared/events.ts";
import { AlertRuleStore, checkAlertRuleInput } from "./alert_rules.ts";
import type { VmSample } from "./sampler.ts";
import type { AlertEvent, AlertMetric, AlertRule } from "../../shared/metrics.ts";

const MiB = 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 5000;

/** The rule_id of a policy rule's alerts: the rule's name, as a VM's policy has it once. */
export const POLICY_RULE_PREFIX = "policy:";

/** What check() applies to a VM: a table rule, or one of the VM's policy rules. */
type CheckedRule = Pick<
  AlertRule,
  "id" | "name" | "metric" | "threshold" | "consecutive" | "severity" | "webhookUrl"
>;

/** What a policy rule's alerts depend on; a change of any of these restarts them. */
type RuleShape = Pick<PolicyAlertRule, "metric" | "threshold" | "severity"> & {
  consecutive?: number;
};

function sameShape(a: RuleShape, b: RuleShape): boolean {
  return a.metric === b.metric && a.threshold === b.threshold && a.severity === b.severity &&
    (a.consecutive === undefined || b.consecutive === undefined ||
      a.consecutive === b.consecutive);
}

/** The "ruleId|vmId" key of streaks and open alerts, split (a policy rule's name may hold "|"). */
function splitKey(key: string): { ruleId: string; vmId: string } {
  const bar = key.lastIndexOf("|");
  return { ruleId: key.slice(0, bar), vmId: key.slice(bar + 1) };
}

/** A rule's reading of one VM sample, in the rule's unit; null when the sample lacks it. */
export function readingOf(metric: AlertMetric, s: VmSample): number | null {
  switch (metric) {
    case "cpu":
      return s.cpu;
    case "memory":
      return s.memUsedMb === null || !s.memTotalMb ? null : s.memUsedMb / s.memTotalMb * 100;
    case "disk":
      return s.diskRead === null || s.diskWrite === null ? null : (s.diskRead + s.diskWrite) / MiB;
    case "network":
      return s.netRx === null || s.netTx === null ? null : (s.netRx + s.netTx) / MiB;
  }
}

/** A delivery's failure as kept on the alert: refused by the address rules, or failed. */
function webhookFailure(err: unknown): string {
  if (err instanceof AppError) {
    return `${err.code === "URL_REFUSED" ? "Webhook refused" : "Webhook failed"}: ${err.message}`;
  }
  const cause = (err as Error).cause as Error | undefined;
  return `Webhook failed: ${(err as Error).message}${cause ? ` (${cause.message})` : ""}`;
}

function eventOf(row: Record<string, unknown>): AlertEvent {
  const text = (v: unknown) => v === null ? null : String(v);
  return {
    id: Number(row.id),
    ruleId: String(row.rule_id),
    ruleName: String(row.rule_name),
    metric: row.metric as AlertMetric,
    severity: row.severity as AlertEvent["severity"],
    vmId: String(row.vm_id),
    vmName: String(row.vm_name),
    threshold: Number(row.threshold),
    value: Number(row.value),
    firedAt: String(row.fired_at),
    resolvedAt: text(row.resolved_at),
    resolvedReason: text(row.resolved_reason),
    webhookError: text(row.webhook_error),
  };
}

export interface AlertServiceOptions {
  emit: (e: AppEvent) => void;
  /** The VM's name for an id; throws AppError 404 when there is no such VM. */
  findVm: (id: string) => Promise<{ id: string; name: string }>;
  now?: () => Date;
  /**
   * What a webhook may reach beyond public addresses, read at each delivery: the image settings'
   * allowedSources (tests add their resolver). None by default: public addresses only.
   */
  outbound?: () => FetchRules;
  /**
   * Each VM's effective policy rules by lower-case UUID (VMs without any may be absent); read
   * once per check and by policyChanged.
   */
  policyRules?: () => Map<string, PolicyAlertRule[]>;
}

interface Streak {
  above: number;
  below: number;
}

export class AlertService {
  readonly rules: AlertRuleStore;
  #store: Store;
  #opts: Required<AlertServiceOptions>;
  #enabled: AlertRule[];
  /** Each VM's policy rules as last read: what an open policy alert is compared against. */
  #policy = new Map<string, PolicyAlertRule[]>();
  /** Readings in a row above/below, per rule and VM. */
  #streaks = new Map<string, Streak>();
  /** Firing alerts per rule and VM; loaded at start so a restart does not fire them twice. */
  #open = new Map<string, AlertEvent>();
  /** Webhook deliveries under way, so tests and shutdown can wait for them. */
  #deliveries = new Set<Promise<void>>();

  constructor(store: Store, opts: AlertServiceOptions) {
    this.#store = store;
    // Spelled out: a caller's `outbound: undefined` must not replace the default.
    this.#opts = {
      ...opts,
      now: opts.now ?? (() => new Date()),
      outbound: opts.outbound ?? (() => ({ allowed: [] })),
      policyRules: opts.policyRules ?? (() => new Map()),
    };
    this.rules = new AlertRuleStore(store);
    this.#enabled = this.rules.list().filter((r) => r.enabled);
    for (
      const row of store.db.prepare("SELECT * FROM alert_events WHERE resolved_at IS NULL").all()
    ) {
      const e = eventOf(row);
      this.#open.set(`${e.ruleId}|${e.vmId}`, e);
    }
  }

  async #checked(input: unknown) {
    const rule = checkAlertRuleInput(input);
    if (rule.vmId) {
      try {
        await this.#opts.findVm(rule.vmId);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) {
          throw new AppError(
            "INVALID_ALERT_RULE",
            t("vmId: VM not found: {{id}}", { id: String(rule.vmId) }),
          );
        }
        throw err;
      }
    }
    return rule;
  }

  async createRule(input: unknown): Promise<AlertRule> {
    const rule = this.rules.create(await this.#checked(input), this.#opts.now());
    this.#reload();
    return rule;
  }

  /** Replaces a rule; its firing alerts resolve ("rule changed") and its streaks restart. */
  async replaceRule(id: string, input: unknown): Promise<AlertRule> {
    this.rules.get(id);
    const rule = this.rules.replace(id, await this.#checked(input), this.#opts.now());
    this.#forgetRule(id, "rule changed");
    this.#reload();
    return rule;
  }

  deleteRule(id: string): void {
    this.rules.delete(id);
    this.#forgetRule(id, "rule deleted");
    this.#reload();
  }

  #reload() {
    this.#enabled = this.rules.list().filter((r) => r.enabled);
  }

  #forgetRule(ruleId: string, reason: string) {
    for (const [key, event] of this.#open) {
      if (event.ruleId === ruleId) this.#resolve(key, event, reason, null);
    }
    for (const key of this.#streaks.keys()) {
      if (key.startsWith(`${ruleId}|`)) this.#streaks.delete(key);
    }
  }

  /** Alert events, newest first. */
  events(
    { state = "all", vmId, limit = 100 }: {
      state?: "active" | "all";
      vmId?: string;
      limit?: number;
    } = {},
  ): AlertEvent[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (state === "active") where.push("resolved_at IS NULL");
    if (vmId) {
      where.push("vm_id = ?");
      args.push(vmId.toLowerCase());
    }
    return this.#store.db.prepare(
      `SELECT * FROM alert_events ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY id DESC LIMIT ?`,
    ).all(...args, limit).map(eventOf);
  }

  /** How many alerts are firing now. */
  activeCount(): number {
    return this.#open.size;
  }

  /**
   * Checks the reading taken at `atMs` of the running VMs against every enabled rule and each
   * VM's enabled policy rules. A VM missing from `vms` is no longer running: its firing alerts
   * resolve ("VM stopped").
   */
  check(atMs: number, vms: VmSample[]): void {
    try {
      this.#check(atMs, vms);
    } catch (err) {
      // Another process holds the store's lock: an alert's row is written before its state
      // changes, so nothing is half-done and the next tick fires or resolves it.
      if (!isStoreBusy(err)) throw err;
      if (!this.#storeBusy) {
        console.error("Alerts: the store is busy; checks resume once it is free");
      }
      this.#storeBusy = true;
      return;
    }
    this.#storeBusy = false;
  }

  /** Whether the last check found the store locked (so it is said once, not every tick). */
  #storeBusy = false;

  #check(atMs: number, vms: VmSample[]): void {
    const at = new Date(atMs);
    const policy = this.#opts.policyRules();
    this.#applyPolicy(
      policy,
      new Set([...this.#policy.keys(), ...policy.keys(), ...this.#openPolicyVms()]),
      at,
    );
    const running = new Set<string>();
    for (const vm of vms) {
      running.add(vm.vmId);
      for (const rule of this.#rulesOn(vm.vmId)) this.#step(rule, vm, at);
    }
    for (const [key, event] of this.#open) {
      if (!running.has(event.vmId)) this.#resolve(key, event, "VM stopped", null, at);
    }
    for (const key of this.#streaks.keys()) {
      if (!running.has(splitKey(key).vmId)) this.#streaks.delete(key);
    }
  }

  /**
   * The effective policy of these VMs changed: their open policy alerts whose rule is gone,
   * disabled or changed (metric, threshold, consecutive, severity) resolve ("policy changed")
   * and those rules' streaks restart; alerts of unchanged rules stay open.
   */
  policyChanged(vmIds: string[]): void {
    this.#applyPolicy(
      this.#opts.policyRules(),
      vmIds.map((id) => id.toLowerCase()),
      this.#opts.now(),
    );
  }

  /** The enabled table rules for every VM or this one, then its enabled policy rules. */
  #rulesOn(vmId: string): CheckedRule[] {
    const own = (this.#policy.get(vmId) ?? []).filter((r) => r.enabled)
      .map((r) => ({ ...r, id: POLICY_RULE_PREFIX + r.name }));
    return [...this.#enabled.filter((r) => r.vmId === null || r.vmId === vmId), ...own];
  }

  /** One reading of a VM against one rule: the streak moves on; the alert fires or resolves. */
  #step(rule: CheckedRule, vm: VmSample, at: Date) {
    const value = readingOf(rule.metric, vm);
    if (value === null) return;
    const key = `${rule.id}|${vm.vmId}`;
    const streak = this.#streaks.get(key) ?? { above: 0, below: 0 };
    if (value > rule.threshold) {
      streak.above++;
      streak.below = 0;
    } else {
      streak.below++;
      streak.above = 0;
    }
    this.#streaks.set(key, streak);
    const open = this.#open.get(key);
    if (!open && streak.above >= rule.consecutive) this.#fire(key, rule, vm, value, at);
    else if (open && streak.below >= rule.consecutive) {
      this.#resolve(key, open, "below threshold", rule, at);
    }
  }

  #openPolicyVms(): string[] {
    return [...this.#open.values()].filter((e) => e.ruleId.startsWith(POLICY_RULE_PREFIX))
      .map((e) => e.vmId);
  }

  /**
   * Compares the policy rules of `vmIds` with those last read and keeps `fresh` as theirs: an
   * open alert of a rule gone, disabled or changed resolves; that rule's streak restarts. An
   * alert loaded at start (no rule read yet) is compared with what it recorded when it fired.
   */
  #applyPolicy(fresh: Map<string, PolicyAlertRule[]>, vmIds: Iterable<string>, at: Date) {
    const ids = new Set(vmIds);
    // One pass over the open alerts and one over the streaks, whatever the VM count: this runs
    // at every collector tick. A VM's rules by name, before and after, are built when needed.
    type ByName = Map<string, PolicyAlertRule>;
    const views = new Map<string, { before: ByName; after: ByName }>();
    const view = (vmId: string) => {
      let v = views.get(vmId);
      if (!v) {
        v = {
          before: new Map((this.#policy.get(vmId) ?? []).map((r) => [r.name, r])),
          after: new Map(
            (fresh.get(vmId) ?? []).filter((r) => r.enabled).map((r) => [r.name, r]),
          ),
        };
        views.set(vmId, v);
      }
      return v;
    };
    const stale = (vmId: string, name: string, recorded?: RuleShape) => {
      const { before, after } = view(vmId);
      const now = after.get(name);
      const old = before.get(name) ?? recorded;
      return !now || (old !== undefined && !sameShape(old, now));
    };
    for (const [key, event] of this.#open) {
      if (!event.ruleId.startsWith(POLICY_RULE_PREFIX) || !ids.has(event.vmId)) continue;
      const name = event.ruleId.slice(POLICY_RULE_PREFIX.length);
      if (!stale(event.vmId, name, event)) continue;
      // The rule as it was; after a restart (nothing read yet) the rule as it is now.
      const rule = view(event.vmId).before.get(name) ??
        fresh.get(event.vmId)?.find((r) => r.name === name) ?? null;
      this.#resolve(key, event, "policy changed", rule, at);
    }
    for (const key of this.#streaks.keys()) {
      if (!key.startsWith(POLICY_RULE_PREFIX)) continue;
      const { ruleId, vmId } = splitKey(key);
      if (ids.has(vmId) && stale(vmId, ruleId.slice(POLICY_RULE_PREFIX.length))) {
        this.#streaks.delete(key);
      }
    }
    for (const vmId of ids) {
      const rules = fresh.get(vmId);
      if (rules) this.#policy.set(vmId, rules);
      else this.#policy.delete(vmId);
    }
  }

  #fire(key: string, rule: CheckedRule, vm: VmSample, value: number, at: Date) {
    const row = this.#store.write(() =>
      this.#store.db.prepare(
        `INSERT INTO alert_events (rule_id, rule_name, metric, severity, vm_id, vm_name,
          threshold, value, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      ).get(
        rule.id,
        rule.name,
        rule.metric,
        rule.severity,
        vm.vmId,
        vm.name,
        rule.threshold,
        Math.round(value * 10) / 10,
        at.toISOString(),
      )!
    );
    const event = eventOf(row);
    this.#open.set(key, event);
    this.#opts.emit({ type: "alert-fired", alert: redactAlertEvent(event) });
    if (rule.webhookUrl) this.#deliver(rule.webhookUrl, "alert-fired", event);
  }

  #resolve(
    key: string,
    open: AlertEvent,
    reason: string,
    rule: Pick<AlertRule, "webhookUrl"> | null,
    at = this.#opts.now(),
  ) {
    const row = this.#store.write(() =>
      this.#store.db.prepare(
        `UPDATE alert_events SET resolved_at = ?, resolved_reason = ? WHERE id = ? RETURNING *`,
      ).get(at.toISOString(), reason, open.id)!
    );
    const event = eventOf(row);
    this.#open.delete(key);
    // The stream reaches every role: a delivery error (which may name the URL) only as a sign.
    this.#opts.emit({ type: "alert-resolved", alert: redactAlertEvent(event) });
    const url = rule?.webhookUrl ?? this.#webhookOf(open);
    if (url) this.#deliver(url, "alert-resolved", event);
  }

  /** The webhook of the rule an alert fired for: a table rule, or the VM's policy rule. */
  #webhookOf(alert: AlertEvent): string | null {
    if (!alert.ruleId.startsWith(POLICY_RULE_PREFIX)) {
      return this.#enabled.find((r) => r.id === alert.ruleId)?.webhookUrl ?? null;
    }
    const name = alert.ruleId.slice(POLICY_RULE_PREFIX.length);
    return this.#policy.get(alert.vmId)?.find((r) => r.name === name)?.webhookUrl ?? null;
  }

  /**
   * POSTs `{event, alert}`; a failure is kept on the alert, never thrown at the collector. The
   * URL's addresses are checked at each delivery, as downloads' are: one the rules refuse is never
   * connected to, and the refusal is the alert's webhook error. A redirect is not followed (it
   * could lead a root process's POST anywhere): its 3xx is a failure.
   */
  #deliver(url: string, kind: "alert-fired" | "alert-resolved", alert: AlertEvent) {
    const delivery = (async () => {
      let error: string | null = null;
      try {
        const { response: res } = await guardedFetch(
          url,
          { headersTimeoutMs: WEBHOOK_TIMEOUT_MS, ...this.#opts.outbound() },
          {
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": "kvm-manager" },
            body: JSON.stringify({ event: kind, alert }),
            redirects: 0,
            credentials: "send",
          },
        );
        await res.body?.cancel();
        if (res.status >= 300 && res.status < 400) {
          error = `Webhook answered ${res.status} ${res.statusText}`.trim() +
            " (redirects are not followed)";
        } else if (!res.ok) error = `Webhook answered ${res.status} ${res.statusText}`.trim();
      } catch (err) {
        error = webhookFailure(err);
      }
      try {
        this.#store.write(() =>
          this.#store.db.prepare("UPDATE alert_events SET webhook_error = ? WHERE id = ?")
            .run(error, alert.id)
        );
      } catch {
        // The store closed meanwhile (shutdown): nothing left to record into.
      }
      if (error) console.error(`Alert ${alert.ruleName} on ${alert.vmName}: ${error}`);
    })();
    this.#deliveries.add(delivery);
    delivery.finally(() => this.#deliveries.delete(delivery));
  }

  /** Waits for webhook deliveries under way. */
  async settled(): Promise<void> {
    while (this.#deliveries.size) await Promise.all([...this.#deliveries]);
  }
}
