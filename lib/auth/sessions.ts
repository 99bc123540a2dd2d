// Browser sessions: a random secret in an HttpOnly cookie, its SHA-256 in SQLite (so sessions
// survive a restart), an idle timeout and a hard lifetime, and a CSRF token per session.

import type { Store } from "../store.ts";
import { hashSecret, randomSecret } from "../secrets.ts";
import type { Identity, Role } from "../../shared/auth.ts";
import { decodeVms, encodeVms } from "./vm_scope.ts";

/** A session is never older than this, however active. */
export const SESSION_MAX_MS = 24 * 3600_000;
// last_seen is rewritten at most this often, not on every request.
const TOUCH_EVERY_MS = 30_000;

export interface SessionView {
  identity: Identity;
  csrf: string;
  createdAt: number;
}

interface Row {
  id_hash: string;
  user: string;
  role: Role;
  vms: string;
  csrf: string;
  created_at: number;
  last_seen: number;
}

export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session; the secret goes into the cookie and nowhere else. */
  create(user: string, role: Role, vms: "*" | string[], ip: string | null) {
    const secret = randomSecret();
    const csrf = randomSecret();
    const now = this.now();
    this.store.write(() => {
      this.#purge(now);
      this.store.db.prepare(
        `INSERT INTO sessions (id_hash, user, role, vms, csrf, ip, created_at, last_seen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(hashSecret(secret), user, role, encodeVms(vms), csrf, ip, now, now);
    });
    return { secret, csrf };
  }

  /**
   * The live session behind a cookie value, or null; an expired one is deleted. `touch: false`
   * leaves its idle time alone (an open console asking again is not the user's activity).
   */
  lookup(secret: string, { touch = true }: { touch?: boolean } = {}): SessionView | null {
    if (!secret || secret.length > 100) return null;
    const idHash = hashSecret(secret);
    const row = this.store.db.prepare("SELECT * FROM sessions WHERE id_hash = ?").get(idHash) as
      | Row
      | undefined;
    if (!row) return null;
    const now = this.now();
    // Tidying and touching can wait while another process holds the store's lock: the next
    // request does them.
    if (now - row.last_seen > this.idleMs || now - row.created_at > SESSION_MAX_MS) {
      this.store.tryWrite(() =>
        this.store.db.prepare("DELETE FROM sessions WHERE id_hash = ?").run(idHash)
      );
      return null;
    }
    if (touch && now - row.last_seen > TOUCH_EVERY_MS) {
      this.store.tryWrite(() =>
        this.store.db.prepare("UPDATE sessions SET last_seen = ? WHERE id_hash = ?").run(
          now,
          idHash,
        )
      );
    }
    return {
      identity: { user: row.user, role: row.role, vms: decodeVms(row.vms), via: "session" },
      csrf: row.csrf,
      createdAt: row.created_at,
    };
  }

  /** Logs one session out. */
  end(secret: string): void {
    this.store.write(() =>
      this.store.db.prepare("DELETE FROM sessions WHERE id_hash = ?").run(hashSecret(secret))
    );
  }

  /** Applies an admin's change of an account's role to its open sessions at once. */
  updateUser(user: string, role: Role, vms: "*" | string[]): void {
    this.store.write(() =>
      this.store.db.prepare("UPDATE sessions SET role = ?, vms = ? WHERE user = ?").run(
        role,
        encodeVms(vms),
        user,
      )
    );
  }

  /** Ends every session of an account (access removed). */
  endUser(user: string): void {
    this.store.write(() => this.store.db.prepare("DELETE FROM sessions WHERE user = ?").run(user));
  }

  /** Ends every session of a realm's accounts (`name@realm`: the realm was removed). */
  endRealm(realm: string): void {
    this.store.write(() =>
      this.store.db.prepare("DELETE FROM sessions WHERE substr(user, -length(?)) = ?").run(
        `@${realm}`,
        `@${realm}`,
      )
    );
  }

  /** Open sessions per account, for the access page. */
  countByUser(): Map<string, number> {
    const rows = this.store.db.prepare(
      "SELECT user, count(*) AS n FROM sessions WHERE last_seen > ? GROUP BY user",
    ).all(this.now() - this.idleMs) as { user: string; n: number }[];
    return new Map(rows.map((r) => [r.user, Number(r.n)]));
  }

  #purge(now: number) {
    this.store.db.prepare("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?").run(
      now - this.idleMs,
      now - SESSION_MAX_MS,
    );
  }
}
