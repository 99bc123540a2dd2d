// Notification targets and rules in the app store. A target's secret is kept in its own column
// and read only by the sender (secretOf); what the API reads says whether it is set.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { t } from "../../shared/i18n/t.ts";
import type {
  DeliveryResult,
  NotifyKind,
  NotifyRule,
  NotifySeverity,
  NotifyTarget,
  TargetConfig,
} from "../../shared/notify.ts";
import type { RuleInput, TargetInput } from "./input.ts";

type Row = Record<string, unknown>;

export const targetNotFound = (id: string) =>
  new AppError("NOTIFY_TARGET_NOT_FOUND", t("Notification target not found: {{id}}", { id }));
export const ruleNotFound = (id: string) =>
  new AppError("NOTIFY_RULE_NOT_FOUND", t("Notification rule not found: {{id}}", { id }));

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();

/** The last delivery of a target or rule, from a notify_deliveries row. */
export function resultOf(row: Row | undefined): DeliveryResult | null {
  if (!row) return null;
  return {
    status: row.status as DeliveryResult["status"],
    at: iso(row.last_at),
    error: row.last_error === null ? null : String(row.last_error),
    attempts: Number(row.attempts),
  };
}

/** A target as stored, with its secret: for the sender only. */
export type StoredTarget = TargetConfig & { id: string; name: string; secret: string | null };

function storedOf(row: Row): StoredTarget {
  return {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind,
    config: JSON.parse(String(row.config)),
    secret: row.secret === null ? null : String(row.secret),
  } as StoredTarget;
}

function ruleOf(row: Row, last: DeliveryResult | null): NotifyRule {
  return {
    id: String(row.id),
    name: String(row.name),
    kinds: JSON.parse(String(row.kinds)) as NotifyKind[],
    minSeverity: row.min_severity as NotifySeverity,
    hostId: row.host_id === null ? null : String(row.host_id),
    poolPercent: Number(row.pool_percent),
    targetIds: JSON.parse(String(row.target_ids)) as string[],
    digestMinutes: Number(row.digest_minutes),
    enabled: Boolean(row.enabled),
    last,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The unique-name refusal, from SQLite's constraint. */
function nameTaken(err: unknown, code: "INVALID_NOTIFY_TARGET" | "INVALID_NOTIFY_RULE"): never {
  if (String((err as Error).message).includes("UNIQUE")) {
    throw new AppError(code, t("That name is taken"));
  }
  throw err;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * Why a kept secret may not follow `next` (same kind as `old`): it would go to another server —
 * a URL of another scheme, host or port, or another SMTP host, port, security or user (a secret
 * re-pointed at a server of the editor's choosing would be sent there). Null: the same server.
 */
export function serverChange(old: TargetConfig, next: TargetConfig): string | null {
  if (old.kind === "email" && next.kind === "email") {
    const [a, b] = [old.config, next.config];
    const same = a.host.toLowerCase().replace(/\.$/, "") ===
        b.host.toLowerCase().replace(/\.$/, "") &&
      a.port === b.port && a.security === b.security && a.user === b.user;
    return same ? null : t(
      "secret: give the SMTP password again: the server changed (host, port, security or user)",
    );
  }
  if (old.kind === "email" || next.kind === "email") return null;
  if (originOf(old.config.url) === originOf(next.config.url)) return null;
  return next.kind === "webhook"
    ? t("secret: give the Authorization header again: the URL's server changed")
    : t("secret: give the token again: the URL's server changed");
}

export class NotifyRecords {
  #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  get #db() {
    return this.#store.db;
  }

  #lastOf(column: "target_id" | "rule_id", id: string): DeliveryResult | null {
    return resultOf(
      this.#db.prepare(
        `SELECT * FROM notify_deliveries WHERE ${column} = ? ORDER BY id DESC LIMIT 1`,
      ).get(id),
    );
  }

  #viewOf(row: Row): NotifyTarget {
    const stored = storedOf(row);
    const pending = Number(
      this.#db.prepare(
        "SELECT count(*) AS n FROM notify_deliveries WHERE target_id = ? AND status = 'pending'",
      ).get(stored.id)!.n,
    );
    const { secret, ...rest } = stored;
    return {
      ...rest,
      secretSet: secret !== null,
      pending,
      last: this.#lastOf("target_id", stored.id),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  listTargets(): NotifyTarget[] {
    return this.#db.prepare("SELECT * FROM notify_targets ORDER BY name").all()
      .map((r) => this.#viewOf(r));
  }

  getTarget(id: string): NotifyTarget {
    const row = this.#db.prepare("SELECT * FROM notify_targets WHERE id = ?").get(id);
    if (!row) throw targetNotFound(id);
    return this.#viewOf(row);
  }

  /** The target with its secret, for sending; undefined when it is gone. */
  storedTarget(id: string): StoredTarget | undefined {
    const row = this.#db.prepare("SELECT * FROM notify_targets WHERE id = ?").get(id);
    return row ? storedOf(row) : undefined;
  }

  createTarget(input: TargetInput, now = Date.now()): NotifyTarget {
    const id = crypto.randomUUID();
    this.#store.write(() => {
      try {
        this.#db.prepare(
          `INSERT INTO notify_targets (id, name, kind, config, secret, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          input.name,
          input.kind,
          JSON.stringify(input.config),
          input.secret ?? null,
          now,
          now,
        );
      } catch (err) {
        nameTaken(err, "INVALID_NOTIFY_TARGET");
      }
    });
    return this.getTarget(id);
  }

  /**
   * Replaces a target; an omitted secret is kept only for the server it was given for: a kind
   * change drops it (it meant another), a changed server refuses (400 INVALID_NOTIFY_TARGET).
   */
  replaceTarget(id: string, input: TargetInput, now = Date.now()): NotifyTarget {
    this.#store.write(() => {
      const old = this.storedTarget(id);
      if (!old) throw targetNotFound(id);
      const keep = input.secret === undefined && old.kind === input.kind && old.secret !== null;
      const moved = keep ? serverChange(old, input) : null;
      if (moved) throw new AppError("INVALID_NOTIFY_TARGET", moved);
      const secret = input.secret === undefined ? (keep ? old.secret : null) : input.secret;
      try {
        this.#db.prepare(
          `UPDATE notify_targets SET name = ?, kind = ?, config = ?, secret = ?, updated_at = ?
           WHERE id = ?`,
        ).run(input.name, input.kind, JSON.stringify(input.config), secret, now, id);
      } catch (err) {
        nameTaken(err, "INVALID_NOTIFY_TARGET");
      }
    });
    return this.getTarget(id);
  }

  /** Deletes a target no rule sends to; its queued deliveries go with it. */
  deleteTarget(id: string): void {
    this.#store.write(() => {
      this.getTarget(id);
      const users = this.listRules().filter((r) => r.targetIds.includes(id)).map((r) => r.name);
      if (users.length) {
        throw new AppError(
          "NOTIFY_TARGET_IN_USE",
          t("Rules send to this target: {{rules}}", { rules: users.join(", ") }),
        );
      }
      this.#db.prepare("DELETE FROM notify_deliveries WHERE target_id = ?").run(id);
      this.#db.prepare("DELETE FROM notify_targets WHERE id = ?").run(id);
    });
  }

  listRules(): NotifyRule[] {
    return this.#db.prepare("SELECT * FROM notify_rules ORDER BY name").all()
      .map((r) => ruleOf(r, this.#lastOf("rule_id", String(r.id))));
  }

  /**
   * Whether an enabled rule sends events of `kind` from host `hostId`: work that only feeds one
   * kind (a host's pool reads) is left undone while none would.
   */
  wants(kind: NotifyKind, hostId: string): boolean {
    return this.listRules().some((r) =>
      r.enabled && r.kinds.includes(kind) && (r.hostId === null || r.hostId === hostId)
    );
  }

  getRule(id: string): NotifyRule {
    const row = this.#db.prepare("SELECT * FROM notify_rules WHERE id = ?").get(id);
    if (!row) throw ruleNotFound(id);
    return ruleOf(row, this.#lastOf("rule_id", id));
  }

  #checkTargets(ids: string[]) {
    for (const id of ids) {
      if (!this.storedTarget(id)) {
        throw new AppError(
          "INVALID_NOTIFY_RULE",
          t("targetIds: no such target: {{id}}", { id }),
        );
      }
    }
  }

  createRule(input: RuleInput, now = Date.now()): NotifyRule {
    const id = crypto.randomUUID();
    this.#store.write(() => {
      this.#checkTargets(input.targetIds);
      try {
        this.#db.prepare(
          `INSERT INTO notify_rules (id, name, kinds, min_severity, host_id, pool_percent,
             target_ids, digest_minutes, enabled, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, ...ruleValues(input), now, now);
      } catch (err) {
        nameTaken(err, "INVALID_NOTIFY_RULE");
      }
    });
    return this.getRule(id);
  }

  replaceRule(id: string, input: RuleInput, now = Date.now()): NotifyRule {
    this.#store.write(() => {
      this.getRule(id);
      this.#checkTargets(input.targetIds);
      try {
        this.#db.prepare(
          `UPDATE notify_rules SET name = ?, kinds = ?, min_severity = ?, host_id = ?,
             pool_percent = ?, target_ids = ?, digest_minutes = ?, enabled = ?, updated_at = ?
           WHERE id = ?`,
        ).run(...ruleValues(input), now, id);
      } catch (err) {
        nameTaken(err, "INVALID_NOTIFY_RULE");
      }
    });
    return this.getRule(id);
  }

  deleteRule(id: string): void {
    this.#store.write(() => {
      this.getRule(id);
      this.#db.prepare("DELETE FROM notify_digest_items WHERE rule_id = ?").run(id);
      this.#db.prepare("DELETE FROM notify_rules WHERE id = ?").run(id);
    });
  }
}

function ruleValues(input: RuleInput): (string | number | null)[] {
  return [
    input.name,
    JSON.stringify(input.kinds),
    input.minSeverity,
    input.hostId,
    input.poolPercent,
    JSON.stringify([...new Set(input.targetIds)]),
    input.digestMinutes,
    input.enabled ? 1 : 0,
  ];
}
