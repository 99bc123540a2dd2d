// Notifications for the whole app (every host's events): targets and rules kept in the app
// store, the bus events are published on, and the queue that delivers them in the background.

import type { Store } from "../store.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import { validated } from "../validate.ts";
import type {
  NotifyEvent,
  NotifyKind,
  NotifyRule,
  NotifyTarget,
  TestResult,
} from "../../shared/notify.ts";
import { RuleBody, TargetBody } from "./input.ts";
import { NotifyRecords } from "./records.ts";
import { DeliveryQueue, type QueueOptions } from "./queue.ts";
import { NotifyBus } from "./bus.ts";
import { sendTo } from "./send.ts";
import { AppError } from "../errors.ts";

export interface NotifyServiceOptions {
  store: Store;
  /** What targets may reach beyond public addresses, read at each attempt. */
  outbound: () => FetchRules;
  /** A host id in people's words (its name); null: app-wide. */
  hostName?: (id: string) => string;
  now?: () => number;
  /** The queue's timing (tests make retries fast). */
  timing?: Pick<QueueOptions, "baseDelayMs" | "maxDelayMs" | "maxAttempts" | "tickMs">;
  /** How long one attempt may take. */
  timeoutMs?: number;
}

export class NotifyService {
  readonly records: NotifyRecords;
  readonly bus: NotifyBus;
  readonly queue: DeliveryQueue;
  #store: Store;
  #opts: NotifyServiceOptions;

  constructor(opts: NotifyServiceOptions) {
    this.#opts = opts;
    this.#store = opts.store;
    this.records = new NotifyRecords(opts.store);
    this.queue = new DeliveryQueue({
      store: opts.store,
      target: (id) => this.records.storedTarget(id),
      send: (target, event) => sendTo(target, event, this.#sendContext()),
      onTick: (now) => this.bus.flushDigests(now),
      now: opts.now,
      ...opts.timing,
    });
    this.bus = new NotifyBus({
      store: opts.store,
      records: this.records,
      queue: this.queue,
      now: opts.now,
    });
  }

  #serverUrl: string | null = null;

  /**
   * The address messages link back to, once the server listens (main.ts): its own scheme and
   * port, and this machine's name where it listens on every address.
   */
  setServerUrl(url: string | null): void {
    this.#serverUrl = url;
  }

  #sendContext() {
    return {
      outbound: this.#opts.outbound(),
      hostName: (id: string | null) => id === null ? "-" : this.#opts.hostName?.(id) ?? id,
      serverUrl: this.#serverUrl,
      timeoutMs: this.#opts.timeoutMs,
    };
  }

  /** Publishes one event to the rules (never throws). */
  publish(event: NotifyEvent): void {
    this.bus.publish(event);
  }

  listTargets(): NotifyTarget[] {
    return this.records.listTargets();
  }

  createTarget(input: unknown): NotifyTarget {
    return this.records.createTarget(
      validated(TargetBody, input, { code: "INVALID_NOTIFY_TARGET" }),
    );
  }

  replaceTarget(id: string, input: unknown): NotifyTarget {
    this.records.getTarget(id);
    return this.records.replaceTarget(
      id,
      validated(TargetBody, input, { code: "INVALID_NOTIFY_TARGET" }),
    );
  }

  deleteTarget(id: string): void {
    this.records.deleteTarget(id);
  }

  /**
   * Sends a test message to target `id` now (not queued) and keeps the outcome as its last
   * result.
   */
  async test(id: string): Promise<TestResult> {
    this.records.getTarget(id);
    const target = this.records.storedTarget(id)!;
    const at = this.#opts.now?.() ?? Date.now();
    const event: NotifyEvent = {
      kind: "test",
      severity: "info",
      hostId: null,
      title: `Test message for ${target.name}`,
      text: "KVM Manager can reach this target: notifications sent here will arrive.",
      at: new Date(at).toISOString(),
    };
    let error: string | null = null;
    let code: string | null = null;
    try {
      await sendTo(target, event, this.#sendContext());
    } catch (err) {
      error = (err as Error).message.slice(0, 1000);
      // sendTo words the failure for the target's last result; its cause keeps the code.
      const cause = (err as Error).cause;
      code = cause instanceof AppError ? cause.code : null;
    }
    this.#store.write(() =>
      this.#store.db.prepare(
        `INSERT INTO notify_deliveries (target_id, rule_id, event, status, attempts, next_at,
           last_at, last_error, created_at) VALUES (?, NULL, ?, ?, 1, ?, ?, ?, ?)`,
      ).run(id, JSON.stringify(event), error ? "failed" : "sent", at, at, error, at)
    );
    return { ok: error === null, error, code };
  }

  listRules(): NotifyRule[] {
    return this.records.listRules();
  }

  /** Whether an enabled rule sends events of `kind` from host `hostId` (NotifyRecords.wants). */
  wants(kind: NotifyKind, hostId: string): boolean {
    return this.records.wants(kind, hostId);
  }

  createRule(input: unknown): NotifyRule {
    return this.records.createRule(validated(RuleBody, input, { code: "INVALID_NOTIFY_RULE" }));
  }

  replaceRule(id: string, input: unknown): NotifyRule {
    this.records.getRule(id);
    return this.records.replaceRule(
      id,
      validated(RuleBody, input, { code: "INVALID_NOTIFY_RULE" }),
    );
  }

  deleteRule(id: string): void {
    this.records.deleteRule(id);
  }

  start(): void {
    this.queue.start();
  }

  /** Stops delivering; rows still pending are sent after the next start. */
  async close(): Promise<void> {
    await this.queue.stop();
  }
}
