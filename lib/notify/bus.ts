// The notification bus: where each event is published once (backups, the scheduler, alerts,
// hosts' connections, pools, VMs' crashes, sign-in lockouts). The enabled rules that match it by
// kind, severity and host queue it for their targets, or gather it for their next digest.

import type { Store } from "../store.ts";
import {
  NOTIFY_SEVERITIES,
  type NotifyEvent,
  type NotifyRule,
  type NotifySeverity,
} from "../../shared/notify.ts";
import type { NotifyRecords } from "./records.ts";
import type { DeliveryQueue } from "./queue.ts";

const rank = (s: NotifySeverity) => NOTIFY_SEVERITIES.indexOf(s);

/** Whether `rule` sends `event`: its kind, at least its severity, its host, a pool's rise. */
export function ruleMatches(rule: NotifyRule, event: NotifyEvent): boolean {
  if (!rule.enabled || event.kind === "test" || event.kind === "digest") return false;
  if (!rule.kinds.includes(event.kind)) return false;
  if (rank(event.severity) < rank(rule.minSeverity)) return false;
  if (rule.hostId !== null && event.hostId !== rule.hostId) return false;
  if (event.kind === "pool-full") {
    return (event.percent ?? 0) >= rule.poolPercent &&
      (event.previousPercent ?? 0) < rule.poolPercent;
  }
  return true;
}

/** The most a digest lists; the rest are counted. */
const DIGEST_LINES = 50;

export class NotifyBus {
  #store: Store;
  #records: NotifyRecords;
  #queue: DeliveryQueue;
  #now: () => number;

  constructor(
    { store, records, queue, now }: {
      store: Store;
      records: NotifyRecords;
      queue: DeliveryQueue;
      now?: () => number;
    },
  ) {
    this.#store = store;
    this.#records = records;
    this.#queue = queue;
    this.#now = now ?? (() => Date.now());
  }

  /** Publishes one event: never throws at the code where it happened. */
  publish(event: NotifyEvent): void {
    try {
      for (const rule of this.#records.listRules()) {
        if (!ruleMatches(rule, event)) continue;
        if (rule.digestMinutes > 0) {
          this.#store.write(() =>
            this.#store.db.prepare(
              "INSERT INTO notify_digest_items (rule_id, event, created_at) VALUES (?, ?, ?)",
            ).run(rule.id, JSON.stringify(event), this.#now())
          );
        } else {
          for (const target of rule.targetIds) this.#queue.enqueue(target, rule.id, event);
        }
      }
    } catch (err) {
      console.error(`notifications: ${event.kind} not queued:`, err);
    }
  }

  /**
   * Sends each rule's digest whose first item waited its minutes: one message with every item
   * gathered, as severe as the most severe of them.
   */
  flushDigests(now: number): void {
    const db = this.#store.db;
    const due = db.prepare(
      `SELECT rule_id, min(created_at) AS first FROM notify_digest_items GROUP BY rule_id`,
    ).all();
    for (const { rule_id, first } of due) {
      const ruleId = String(rule_id);
      let rule: NotifyRule;
      try {
        rule = this.#records.getRule(ruleId);
      } catch {
        db.prepare("DELETE FROM notify_digest_items WHERE rule_id = ?").run(ruleId);
        continue;
      }
      if (Number(first) + rule.digestMinutes * 60_000 > now) continue;
      this.#store.write(() => {
        const items = db.prepare(
          "SELECT id, event FROM notify_digest_items WHERE rule_id = ? ORDER BY id",
        ).all(ruleId);
        const events = items.map((i) => JSON.parse(String(i.event)) as NotifyEvent);
        const digest = digestOf(rule, events, new Date(now));
        for (const target of rule.targetIds) this.#queue.enqueue(target, rule.id, digest);
        db.prepare("DELETE FROM notify_digest_items WHERE rule_id = ? AND id <= ?")
          .run(ruleId, Number(items.at(-1)!.id));
      });
    }
  }
}

/** One message for a rule's gathered events. */
export function digestOf(rule: NotifyRule, events: NotifyEvent[], at: Date): NotifyEvent {
  const severity = events.reduce<NotifySeverity>(
    (worst, e) => rank(e.severity) > rank(worst) ? e.severity : worst,
    "info",
  );
  const lines = events.slice(0, DIGEST_LINES).map((e) => `${e.at}  ${e.title}`);
  if (events.length > DIGEST_LINES) lines.push(`… and ${events.length - DIGEST_LINES} more`);
  const hosts = new Set(events.map((e) => e.hostId));
  return {
    kind: "digest",
    severity,
    hostId: hosts.size === 1 ? events[0].hostId : null,
    title: `${events.length} notifications (${rule.name})`,
    text: lines.join("\n"),
    at: at.toISOString(),
  };
}
