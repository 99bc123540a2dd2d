// The profile tables (lib/profiles/schema.ts): rows in, shapes out. Callers wrap changes in
// Store.write; values were checked by input.ts before they got here.

import type { Store } from "../store.ts";
import { settingCount } from "./input.ts";
import type { KeyedSetting, ProfilePolicy, ProfileSummary } from "../../shared/profiles.ts";

export interface ProfileRow extends Omit<ProfileSummary, "vmCount" | "settingCount"> {
  policy: ProfilePolicy;
}

export interface OverrideRow {
  vmId: string;
  setting: KeyedSetting;
  addedAt: string;
}

export interface AssignmentRow {
  vmId: string;
  profileId: string;
  assignedAt: string;
}

function profileOf(r: Record<string, unknown>): ProfileRow {
  return {
    id: String(r.id),
    name: String(r.name),
    description: r.description === null ? null : String(r.description),
    policy: JSON.parse(String(r.policy)),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

const assignmentOf = (r: Record<string, unknown>): AssignmentRow => ({
  vmId: String(r.vm_id),
  profileId: String(r.profile_id),
  assignedAt: String(r.assigned_at),
});

const overrideOf = (r: Record<string, unknown>): OverrideRow => ({
  vmId: String(r.vm_id),
  setting: { ...JSON.parse(String(r.setting)), key: String(r.key) },
  addedAt: String(r.added_at),
});

export class ProfileRepo {
  constructor(readonly store: Store) {}

  get #db() {
    return this.store.db;
  }

  profiles(): ProfileRow[] {
    return this.#db.prepare("SELECT * FROM profiles ORDER BY name COLLATE NOCASE").all()
      .map(profileOf);
  }

  profile(id: string): ProfileRow | null {
    const row = this.#db.prepare("SELECT * FROM profiles WHERE id = ?").get(id);
    return row ? profileOf(row) : null;
  }

  profileNamed(name: string): ProfileRow | null {
    const row = this.#db.prepare("SELECT * FROM profiles WHERE name = ? COLLATE NOCASE").get(name);
    return row ? profileOf(row) : null;
  }

  summary(p: ProfileRow, vmCount: number): ProfileSummary {
    const { policy, ...rest } = p;
    return { ...rest, settingCount: settingCount(policy), vmCount };
  }

  vmCounts(): Map<string, number> {
    const rows = this.#db.prepare(
      "SELECT profile_id, COUNT(*) AS n FROM profile_assignments GROUP BY profile_id",
    ).all();
    return new Map(rows.map((r) => [String(r.profile_id), Number(r.n)]));
  }

  insertProfile(p: ProfileRow): void {
    this.#db.prepare(
      `INSERT INTO profiles (id, name, description, policy, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(p.id, p.name, p.description, JSON.stringify(p.policy), p.createdAt, p.updatedAt);
  }

  updateProfile(p: ProfileRow): void {
    this.#db.prepare(
      `UPDATE profiles SET name = ?, description = ?, policy = ?, updated_at = ? WHERE id = ?`,
    ).run(p.name, p.description, JSON.stringify(p.policy), p.updatedAt, p.id);
  }

  deleteProfile(id: string): void {
    this.#db.prepare("DELETE FROM profile_assignments WHERE profile_id = ?").run(id);
    this.#db.prepare("DELETE FROM profiles WHERE id = ?").run(id);
  }

  assignments(): AssignmentRow[] {
    return this.#db.prepare("SELECT * FROM profile_assignments").all().map(assignmentOf);
  }

  assignmentsOf(profileId: string): AssignmentRow[] {
    return this.#db.prepare(
      "SELECT * FROM profile_assignments WHERE profile_id = ? ORDER BY assigned_at, vm_id",
    ).all(profileId).map(assignmentOf);
  }

  assignment(vmId: string): AssignmentRow | null {
    const row = this.#db.prepare("SELECT * FROM profile_assignments WHERE vm_id = ?").get(vmId);
    return row ? assignmentOf(row) : null;
  }

  assign(a: AssignmentRow): void {
    this.#db.prepare(
      "INSERT INTO profile_assignments (vm_id, profile_id, assigned_at) VALUES (?, ?, ?)",
    ).run(a.vmId, a.profileId, a.assignedAt);
  }

  unassign(vmId: string): void {
    this.#db.prepare("DELETE FROM profile_assignments WHERE vm_id = ?").run(vmId);
  }

  overrides(): OverrideRow[] {
    return this.#db.prepare("SELECT * FROM policy_overrides ORDER BY vm_id, key").all()
      .map(overrideOf);
  }

  overridesOf(vmId: string): OverrideRow[] {
    return this.#db.prepare("SELECT * FROM policy_overrides WHERE vm_id = ? ORDER BY key")
      .all(vmId).map(overrideOf);
  }

  addOverride(o: OverrideRow): void {
    const { key, ...setting } = o.setting;
    this.#db.prepare(
      "INSERT INTO policy_overrides (vm_id, key, setting, added_at) VALUES (?, ?, ?, ?)",
    ).run(o.vmId, key, JSON.stringify(setting), o.addedAt);
  }

  /** True when there was such an override. */
  removeOverride(vmId: string, key: string): boolean {
    const r = this.#db.prepare("DELETE FROM policy_overrides WHERE vm_id = ? AND key = ?")
      .run(vmId, key);
    return Number(r.changes) > 0;
  }

  /** Drops everything kept for a VM (it was deleted). */
  forgetVm(vmId: string): void {
    this.unassign(vmId);
    this.#db.prepare("DELETE FROM policy_overrides WHERE vm_id = ?").run(vmId);
  }
}
