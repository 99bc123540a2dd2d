// API tokens for scripts: shown once, stored as a hash, each with a role; they may expire, be
// rotated (a new secret, the old one kept for a grace period) and be revoked.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { hashSecret, randomSecret, sameSecret } from "../secrets.ts";
import { type ApiTokenInfo, type Identity, type Role, ROLES } from "../../shared/auth.ts";
import { decodeVms, encodeVms } from "./vm_scope.ts";
import {
  badExpiry,
  badGrace,
  badRole,
  badTokenName,
  MAX_EXPIRY_DAYS,
  MAX_GRACE_SECONDS,
  TOKEN_NAME,
} from "./input.ts";
import { t } from "../../shared/i18n/t.ts";

const TOKEN = /^kvmm_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
// last_used_at is a hint for the token list, not an audit record: one write a minute is enough.
const TOUCH_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

interface Row {
  id: string;
  name: string;
  owner: string;
  role: Role;
  vms: string;
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  expires_at: number | null;
  previous_hash: string | null;
  previous_until: number | null;
}

export class ApiTokens {
  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {}

  /**
   * The secret ("kvmm_<id>_<random>") is returned once; only its SHA-256 is kept. Without
   * `expiresInDays` (1 to MAX_EXPIRY_DAYS) the token works until it is revoked.
   */
  create(
    input: {
      name: string;
      owner: string;
      role: Role;
      vms?: "*" | string[];
      expiresInDays?: number | null;
    },
  ): { token: ApiTokenInfo; secret: string } {
    if (typeof input.name !== "string" || !TOKEN_NAME.test(input.name)) {
      throw new AppError("INVALID_INPUT", badTokenName());
    }
    if (!ROLES.includes(input.role)) throw new AppError("INVALID_INPUT", badRole());
    const days = input.expiresInDays ?? null;
    if (days !== null && !wholeIn(days, 1, MAX_EXPIRY_DAYS)) {
      throw new AppError("INVALID_INPUT", badExpiry());
    }
    const id = Array.from(
      crypto.getRandomValues(new Uint8Array(8)),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("");
    const secret = `kvmm_${id}_${randomSecret()}`;
    const vms = input.role === "admin" ? "*" : input.vms ?? "*";
    this.store.write(() => {
      const now = this.now();
      const same = this.store.db.prepare(
        "SELECT * FROM api_tokens WHERE owner = ? AND name = ?",
      ).get(input.owner, input.name) as Row | undefined;
      if (same && same.revoked_at === null && !expired(same, now)) {
        throw new AppError(
          "TOKEN_EXISTS",
          t('A token named "{{name}}" already exists', { name: input.name }),
        );
      }
      // A revoked or expired token's name may be used again; the old row keeps its history under
      // a new name.
      if (same) {
        const why = same.revoked_at !== null ? "revoked" : "expired";
        this.store.db.prepare("UPDATE api_tokens SET name = ? WHERE id = ?")
          .run(`${same.name} (${why} ${same.id})`, same.id);
      }
      this.store.db.prepare(
        `INSERT INTO api_tokens (id, name, owner, role, vms, secret_hash, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.name,
        input.owner,
        input.role,
        encodeVms(vms),
        hashSecret(secret),
        now,
        days === null ? null : now + days * DAY_MS,
      );
    });
    return { token: this.get(id)!, secret };
  }

  /** Every token (or one account's), newest first, revoked ones included. */
  list(owner?: string): ApiTokenInfo[] {
    const rows = owner === undefined
      ? this.store.db.prepare("SELECT * FROM api_tokens ORDER BY created_at DESC").all()
      : this.store.db.prepare("SELECT * FROM api_tokens WHERE owner = ? ORDER BY created_at DESC")
        .all(owner);
    const now = this.now();
    return (rows as unknown as Row[]).map((row) => info(row, now));
  }

  get(id: string): ApiTokenInfo | null {
    const row = this.#row(id);
    return row ? info(row, this.now()) : null;
  }

  /** Revokes a token at once; 404 when there is no such token. */
  revoke(id: string): ApiTokenInfo {
    const changed = this.store.write(() =>
      this.store.db.prepare(
        "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
      ).run(this.now(), id).changes
    );
    const token = this.get(id);
    if (!token) throw new AppError("TOKEN_NOT_FOUND", t("No API token with id {{id}}", { id }));
    if (!changed && token.revokedAt === null) throw new Error("revoke did not apply");
    return token;
  }

  /**
   * Gives the token a new secret, returned once, and keeps its id, name, role, VMs and expiry.
   * The old secret keeps working for `graceSeconds` (0: it stops at once), then never again; a
   * secret from an earlier rotation stops now. 404 TOKEN_NOT_FOUND, 409 TOKEN_REVOKED or
   * TOKEN_PAST_EXPIRY for a token that no longer works.
   */
  rotate(id: string, graceSeconds = 0): { token: ApiTokenInfo; secret: string } {
    if (!wholeIn(graceSeconds, 0, MAX_GRACE_SECONDS)) {
      throw new AppError("INVALID_INPUT", badGrace());
    }
    const secret = `kvmm_${id}_${randomSecret()}`;
    this.store.write(() => {
      const row = this.#row(id);
      if (!row) throw new AppError("TOKEN_NOT_FOUND", t("No API token with id {{id}}", { id }));
      const now = this.now();
      if (row.revoked_at !== null) {
        throw new AppError(
          "TOKEN_REVOKED",
          t("The token {{name}} is revoked: make a new one instead", { name: row.name }),
        );
      }
      if (expired(row, now)) {
        throw new AppError(
          "TOKEN_PAST_EXPIRY",
          t("The token {{name}} has expired: make a new one instead", { name: row.name }),
        );
      }
      const graceEnd = graceSeconds > 0 ? now + graceSeconds * 1000 : null;
      this.store.db.prepare(
        `UPDATE api_tokens SET secret_hash = ?, previous_hash = ?, previous_until = ?
         WHERE id = ?`,
      ).run(hashSecret(secret), graceEnd === null ? null : row.secret_hash, graceEnd, id);
    });
    return { token: this.get(id)!, secret };
  }

  /**
   * The identity behind a secret, or null for an unknown, malformed, revoked or expired one, or
   * a rotated-away secret past its grace period. `touch: false` leaves its last use alone (an
   * open console or event stream asking again).
   */
  verify(secret: string, { touch = true }: { touch?: boolean } = {}): Identity | null {
    const m = TOKEN.exec(secret);
    if (!m) return null;
    const row = this.#row(m[1]);
    const now = this.now();
    const which = row && row.revoked_at === null && !expired(row, now)
      ? matching(row, secret, now)
      : null;
    if (!row || which === null) return null;
    if (touch && (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS)) {
      this.store.tryWrite(() =>
        this.store.db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").run(
          now,
          row.id,
        )
      );
    }
    return {
      user: row.owner,
      role: row.role,
      vms: decodeVms(row.vms),
      via: "token",
      token: {
        id: row.id,
        name: row.name,
        ...(which === "old" ? { oldSecret: true as const } : {}),
      },
    };
  }

  /**
   * The expiry (ms) of the token `secret` belongs to when it is past it, else null. Only the
   * holder of the token's current secret learns that it expired; any other secret is unknown.
   */
  expiredAt(secret: string): number | null {
    const m = TOKEN.exec(secret);
    const row = m ? this.#row(m[1]) : undefined;
    if (!row || row.revoked_at !== null || !expired(row, this.now())) return null;
    return sameSecret(row.secret_hash, hashSecret(secret)) ? row.expires_at : null;
  }

  #row(id: string): Row | undefined {
    return this.store.db.prepare("SELECT * FROM api_tokens WHERE id = ?").get(id) as
      | Row
      | undefined;
  }
}

const wholeIn = (n: unknown, min: number, max: number) =>
  Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

const expired = (row: Row, now: number) => row.expires_at !== null && now >= row.expires_at;

const oldSecretWorks = (row: Row, now: number) =>
  row.previous_hash !== null && row.previous_until !== null && now < row.previous_until;

/** Which secret `secret` is: the current one, the one before the last rotation while its grace
 * period runs, or neither (null). */
function matching(row: Row, secret: string, now: number): "current" | "old" | null {
  const hash = hashSecret(secret);
  if (sameSecret(row.secret_hash, hash)) return "current";
  return oldSecretWorks(row, now) && sameSecret(row.previous_hash!, hash) ? "old" : null;
}

function info(row: Row, now: number): ApiTokenInfo {
  const iso = (ms: number | null) => ms === null ? null : new Date(ms).toISOString();
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    role: row.role,
    vms: decodeVms(row.vms),
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    expiresAt: iso(row.expires_at),
    oldSecretUntil: oldSecretWorks(row, now) ? iso(row.previous_until) : null,
  };
}
