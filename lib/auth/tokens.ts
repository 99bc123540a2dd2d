// API tokens for scripts: shown once, stored as a hash, revocable, each with a role.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { hashSecret, randomSecret, sameSecret } from "../secrets.ts";
import { type ApiTokenInfo, type Identity, type Role, ROLES } from "../../shared/auth.ts";
import { decodeVms, encodeVms } from "./vm_scope.ts";
import { badRole, badTokenName, TOKEN_NAME } from "./input.ts";
import { t } from "../../shared/i18n/t.ts";

const TOKEN = /^kvmm_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
// last_used_at is a hint for the token list, not an audit record: one write a minute is enough.
const TOUCH_EVERY_MS = 60_000;

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
}

export class ApiTokens {
  constructor(private readonly store: Store, private readonly now: () => number = Date.now) {}

  /** The secret ("kvmm_<id>_<random>") is returned once; only its SHA-256 is kept. */
  create(
    input: { name: string; owner: string; role: Role; vms?: "*" | string[] },
  ): { token: ApiTokenInfo; secret: string } {
    if (typeof input.name !== "string" || !TOKEN_NAME.test(input.name)) {
      throw new AppError("INVALID_INPUT", badTokenName());
    }
    if (!ROLES.includes(input.role)) throw new AppError("INVALID_INPUT", badRole());
    const id = Array.from(
      crypto.getRandomValues(new Uint8Array(8)),
      (b) => b.toString(16).padStart(2, "0"),
    ).join("");
    const secret = `kvmm_${id}_${randomSecret()}`;
    const vms = input.role === "admin" ? "*" : input.vms ?? "*";
    this.store.write(() => {
      const taken = this.store.db.prepare(
        "SELECT 1 FROM api_tokens WHERE owner = ? AND name = ? AND revoked_at IS NULL",
      ).get(input.owner, input.name);
      if (taken) {
        throw new AppError(
          "TOKEN_EXISTS",
          t('A token named "{{name}}" already exists', { name: input.name }),
        );
      }
      // A revoked token's name may be used again; the old row keeps its history under a new name.
      this.store.db.prepare(
        "UPDATE api_tokens SET name = name || ' (revoked ' || id || ')' WHERE owner = ? AND name = ?",
      ).run(input.owner, input.name);
      this.store.db.prepare(
        `INSERT INTO api_tokens (id, name, owner, role, vms, secret_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.name,
        input.owner,
        input.role,
        encodeVms(vms),
        hashSecret(secret),
        this.now(),
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
    return (rows as unknown as Row[]).map(info);
  }

  get(id: string): ApiTokenInfo | null {
    const row = this.store.db.prepare("SELECT * FROM api_tokens WHERE id = ?").get(id);
    return row ? info(row as unknown as Row) : null;
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

  /** The identity behind a secret, or null for an unknown, malformed or revoked one. */
  /** `touch: false` leaves its last use alone (an open console or event stream asking again). */
  verify(secret: string, { touch = true }: { touch?: boolean } = {}): Identity | null {
    const m = TOKEN.exec(secret);
    if (!m) return null;
    const row = this.store.db.prepare("SELECT * FROM api_tokens WHERE id = ?").get(m[1]) as
      | Row
      | undefined;
    if (!row || row.revoked_at !== null || !sameSecret(row.secret_hash, hashSecret(secret))) {
      return null;
    }
    const now = this.now();
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
      token: { id: row.id, name: row.name },
    };
  }
}

function info(row: Row): ApiTokenInfo {
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
  };
}
