// Who may sign in, and with which role: host groups decide, unless an admin assigned a role
// (and, for operators, the VMs they may power and open) to the account here.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { isPlausibleAccountName } from "./pam.ts";
import { isRealmUserName } from "./realms/input.ts";
import { type Assignment, type AuthSettings, type Role, ROLES } from "../../shared/auth.ts";
import { decodeVms, encodeVms } from "./vm_scope.ts";
import { badRole } from "./input.ts";
import { t } from "../../shared/i18n/t.ts";

export interface Grant {
  role: Role;
  vms: "*" | string[];
  /** root, a host group, or an admin's assignment on the access page. */
  source: "root" | "group" | "assigned" | "realm";
}

export class UserAccess {
  constructor(private readonly store: Store, private readonly settings: AuthSettings) {}

  /**
   * The grant of an account with these host groups, or null when it may not sign in: only
   * root and members of a configured group may, whatever is assigned here.
   */
  grantFor(user: string, groups: string[]): Grant | null {
    if (user === "root") return { role: "admin", vms: "*", source: "root" };
    const s = this.settings;
    const inAny = (list: string[]) => list.some((g) => groups.includes(g));
    const fromGroups: Role | null = inAny(s.adminGroups)
      ? "admin"
      : inAny(s.operatorGroups)
      ? "operator"
      : inAny(s.viewerGroups)
      ? "viewer"
      : null;
    if (!fromGroups) return null;
    return this.#assigned(user) ?? { role: fromGroups, vms: "*", source: "group" };
  }

  /** The grant an admin assigned `user`, which wins over what groups give; null: none. */
  #assigned(user: string): Grant | null {
    const assigned = this.get(user);
    if (!assigned) return null;
    return {
      role: assigned.role,
      vms: assigned.role === "admin" ? "*" : assigned.vms,
      source: "assigned",
    };
  }

  /**
   * The grant of a realm's user (`name@realm`) whose directory groups give `role`: an admin's
   * assignment wins over it, as over host groups.
   */
  grantForRealm(user: string, role: Role): Grant {
    return this.#assigned(user) ?? { role, vms: "*", source: "realm" };
  }

  get(user: string): Assignment | null {
    const row = this.store.db.prepare("SELECT * FROM user_access WHERE user = ?").get(user);
    return row ? assignment(row) : null;
  }

  list(): Assignment[] {
    return this.store.db.prepare("SELECT * FROM user_access ORDER BY user").all().map(assignment);
  }

  /** Assigns a role (and VMs for operators and viewers) to an account. */
  set(user: string, role: unknown, vms: "*" | string[], by: string): Assignment {
    if (typeof user !== "string" || !(isPlausibleAccountName(user) || isRealmUserName(user))) {
      throw new AppError("INVALID_INPUT", t("Not a valid account name"));
    }
    if (user === "root") {
      throw new AppError("INVALID_INPUT", t("root is always an admin"));
    }
    if (!ROLES.includes(role as Role)) {
      throw new AppError("INVALID_INPUT", badRole());
    }
    this.store.write(() =>
      this.store.db.prepare(
        `INSERT INTO user_access (user, role, vms, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user) DO UPDATE SET role = excluded.role, vms = excluded.vms,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(user, role as Role, encodeVms(role === "admin" ? "*" : vms), Date.now(), by)
    );
    return this.get(user)!;
  }

  /** Drops an assignment: the account's host groups decide again. */
  remove(user: string): void {
    const { changes } = this.store.write(() =>
      this.store.db.prepare("DELETE FROM user_access WHERE user = ?").run(user)
    );
    if (!changes) {
      throw new AppError("ASSIGNMENT_NOT_FOUND", t("No role is assigned to {{user}}", { user }));
    }
  }
}

function assignment(row: Record<string, unknown>): Assignment {
  return {
    user: String(row.user),
    role: row.role as Role,
    vms: decodeVms(String(row.vms)),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    updatedBy: String(row.updated_by),
  };
}
