// Profiles: the contract's commands over the store. Every change that alters a VM's effective
// policy says so (policy-changed, and the onPolicyChanged hook that re-syncs alerts and managed
// backup jobs); the guest agent, alerts and backups read the effective policy from here.

import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import type { Store } from "../store.ts";
import type { AppEvent } from "../../shared/events.ts";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { effectiveSettings } from "./effective.ts";
import { nameExists, profileError, profileNotFound } from "./errors.ts";
import { fileNameOf, parseProfileFile, profileFile } from "./file.ts";
import {
  checkAssign,
  checkCreateBody,
  checkName,
  checkPatchBody,
  checkSetting,
  emptyPolicy,
  keyOf,
  settingCount,
  settingsOf,
} from "./input.ts";
import { ProfileRepo, type ProfileRow } from "./repo.ts";
import type {
  AddOverrideResult,
  AssignResult,
  BackupPolicy,
  DeleteProfileResult,
  ImportPreview,
  ImportResult,
  ProfileDetails,
  ProfileFile,
  ProfilePolicy,
  ProfileSummary,
  RemoveOverrideResult,
  UnassignResult,
  UpdateProfileResult,
  VmPolicy,
} from "../../shared/profiles.ts";

export interface ProfileServiceOptions {
  store: Store;
  /** The VM's UUID and name for an id or name; throws AppError 404 when there is none. */
  findVm(id: string): Promise<{ uuid: string; name: string }>;
  /** The names of this host's VMs by UUID (one list call). */
  vmNames(): Promise<Map<string, string>>;
  emit(e: AppEvent): void;
  /** After these VMs' effective policy changed: alerts and managed backup jobs follow. */
  onPolicyChanged?(vmIds: string[]): void;
  now?: () => Date;
}

/** A backup policy and the VMs it applies to, as one managed scheduled job. */
export interface BackupPlan {
  /** "profile:ID" or "vm:UUID" (a local override). */
  owner: string;
  /** The profile's name, or null for a VM's own override. */
  profileName: string | null;
  vmIds: string[];
  backup: BackupPolicy;
}

export class ProfileService {
  readonly #repo: ProfileRepo;
  readonly #opts: ProfileServiceOptions;
  readonly #now: () => Date;
  /** Effective policy by VM, rebuilt after a change; only VMs with a profile or overrides. */
  #effective: Map<string, ProfilePolicy> | null = null;

  constructor(opts: ProfileServiceOptions) {
    this.#opts = opts;
    this.#repo = new ProfileRepo(opts.store);
    this.#now = opts.now ?? (() => new Date());
  }

  list(): ProfileSummary[] {
    const counts = this.#repo.vmCounts();
    return this.#repo.profiles().map((p) => this.#repo.summary(p, counts.get(p.id) ?? 0));
  }

  async get(id: string): Promise<ProfileDetails> {
    const p = this.#profile(id);
    const assigned = this.#repo.assignmentsOf(p.id);
    const names = await this.#opts.vmNames().catch(() => new Map<string, string>());
    return {
      ...this.#repo.summary(p, assigned.length),
      ...p.policy,
      assignedVms: assigned.map((a) => ({ id: a.vmId, name: names.get(a.vmId) ?? null })),
    };
  }

  /** `input`: a create body (ProfileCreateBody), checked here too for callers besides the API. */
  async create(input: unknown): Promise<ProfileDetails> {
    const body = checkCreateBody(input);
    const now = this.#now().toISOString();
    const row: ProfileRow = {
      id: crypto.randomUUID(),
      name: body.name,
      description: body.description ?? null,
      policy: {
        agent: body.agent ?? null,
        alerts: body.alerts ?? [],
        backup: body.backup ?? null,
        tags: body.tags ?? [],
      },
      createdAt: now,
      updatedAt: now,
    };
    this.#write(() => {
      this.#nameFree(row.name, null);
      this.#repo.insertProfile(row);
    });
    this.#opts.emit({ type: "profiles-changed" });
    return await this.get(row.id);
  }

  /** `input`: a change (ProfilePatchBody), checked once the profile is found. */
  update(id: string, input: unknown): UpdateProfileResult {
    const p = this.#profile(id);
    const body = checkPatchBody(input);
    const { name, description, ...policy } = body;
    const now = this.#now();
    const next: ProfileRow = {
      ...p,
      name: name ?? p.name,
      description: description === undefined ? p.description : description,
      policy: { ...p.policy, ...policy },
      updatedAt: now.toISOString(),
    };
    const assigned = this.#write(() => {
      this.#nameFree(next.name, p.id);
      this.#repo.updateProfile(next);
      return this.#repo.assignmentsOf(p.id).map((a) => a.vmId);
    });
    this.#opts.emit({ type: "profiles-changed" });
    this.#changed(assigned);
    return {
      profile: this.#repo.summary(next, assigned.length),
      syncResult: { affectedVms: assigned.length, syncedAt: now.toISOString() },
    };
  }

  /** Deletes a profile; each assigned VM keeps its settings as local overrides. */
  delete(id: string): DeleteProfileResult {
    const p = this.#profile(id);
    const addedAt = this.#now().toISOString();
    const { assigned, converted } = this.#write(() => {
      const assigned = this.#repo.assignmentsOf(p.id).map((a) => a.vmId);
      let converted = 0;
      for (const vmId of assigned) {
        const local = new Set(this.#repo.overridesOf(vmId).map((o) => o.setting.key));
        const kept = settingsOf(p.policy).filter((s) => !local.has(s.key));
        for (const setting of kept) this.#repo.addOverride({ vmId, setting, addedAt });
        if (kept.length) converted++;
      }
      this.#repo.deleteProfile(p.id);
      return { assigned, converted };
    });
    this.#opts.emit({ type: "profiles-changed" });
    this.#changed(assigned);
    return { deleted: true, convertedVms: converted };
  }

  /** `input`: an AssignBody, checked before the VM is looked up. */
  async assign(vmInput: string, input: unknown): Promise<AssignResult> {
    const body = checkAssign(input);
    const vm = await this.#vm(vmInput);
    const p = this.#profile(body.profileId);
    const assignedAt = this.#now().toISOString();
    this.#write(() => {
      const current = this.#repo.assignment(vm.uuid);
      if (current) {
        const name = this.#repo.profile(current.profileId)?.name ?? current.profileId;
        throw profileError(
          "VmAlreadyAssigned",
          t("VM {{vm}} already has profile {{name}}: unassign it first", { vm: vm.name, name }),
          { vmId: vm.uuid, profileId: current.profileId },
        );
      }
      this.#repo.assign({ vmId: vm.uuid, profileId: p.id, assignedAt });
    });
    this.#opts.emit({ type: "profiles-changed" });
    this.#changed([vm.uuid]);
    return { vmId: vm.uuid, profileId: p.id, assignedAt };
  }

  async unassign(vmInput: string): Promise<UnassignResult> {
    const vm = await this.#vm(vmInput, { orKnown: true });
    this.#write(() => {
      if (!this.#repo.assignment(vm.uuid)) {
        throw profileError("NoProfileAssigned", t("VM {{vm}} has no profile", { vm: vm.name }), {
          vmId: vm.uuid,
        });
      }
      this.#repo.unassign(vm.uuid);
    });
    this.#opts.emit({ type: "profiles-changed" });
    this.#changed([vm.uuid]);
    return { vmId: vm.uuid, unassignedAt: this.#now().toISOString() };
  }

  /** `input`: a SettingBody, checked once the VM is found. */
  async addOverride(vmInput: string, input: unknown): Promise<AddOverrideResult> {
    const vm = await this.#vm(vmInput);
    const setting = checkSetting(input);
    const key = keyOf(setting);
    const addedAt = this.#now().toISOString();
    this.#write(() => {
      if (this.#repo.overridesOf(vm.uuid).some((o) => o.setting.key === key)) {
        throw profileError(
          "OverrideExists",
          t("VM {{vm}} already has a local {{key}} setting: remove it first", { vm: vm.name, key }),
          { vmId: vm.uuid, key },
        );
      }
      this.#repo.addOverride({ vmId: vm.uuid, setting: { ...setting, key }, addedAt });
    });
    this.#changed([vm.uuid]);
    return { vmId: vm.uuid, key, addedAt };
  }

  async removeOverride(vmInput: string, key: string): Promise<RemoveOverrideResult> {
    const vm = await this.#vm(vmInput, { orKnown: true });
    const removed = this.#write(() => this.#repo.removeOverride(vm.uuid, key));
    if (!removed) {
      throw profileError(
        "OverrideNotFound",
        t("VM {{vm}} has no local {{key}} setting", { vm: vm.name, key }),
        {
          vmId: vm.uuid,
          key,
        },
      );
    }
    this.#changed([vm.uuid]);
    return { vmId: vm.uuid, key, removed: true };
  }

  async vmPolicy(vmInput: string): Promise<VmPolicy> {
    const vm = await this.#vm(vmInput);
    const assignment = this.#repo.assignment(vm.uuid);
    const p = assignment ? this.#repo.profile(assignment.profileId) : null;
    return {
      vmId: vm.uuid,
      vmName: vm.name,
      profile: p ? { id: p.id, name: p.name } : null,
      assignedAt: assignment?.assignedAt ?? null,
      ...effectiveSettings(p?.policy ?? null, this.#repo.overridesOf(vm.uuid)),
    };
  }

  async exportFile(id: string): Promise<{ fileName: string; file: ProfileFile }> {
    const p = await this.get(id);
    return { fileName: fileNameOf(p.name), file: profileFile(p, this.#now()) };
  }

  previewImport(text: string): ImportPreview {
    const f = parseProfileFile(text);
    const existing = this.#repo.profileNamed(f.profile.name);
    const { name, description, ...policy } = f.profile;
    return {
      name,
      description,
      version: f.version,
      settingCount: settingCount(policy),
      counts: {
        agent: policy.agent ? 1 : 0,
        alerts: policy.alerts.length,
        backup: policy.backup ? 1 : 0,
        tags: policy.tags.length,
      },
      hasNameCollision: existing !== null,
      existingProfileId: existing?.id ?? null,
    };
  }

  import(text: string, renameTo?: string | null): ImportResult {
    const f = parseProfileFile(text);
    const rename = renameTo === undefined || renameTo === null || renameTo === ""
      ? null
      : checkName(renameTo, "renameTo");
    const clash = this.#repo.profileNamed(f.profile.name);
    if (clash && !rename) {
      throw profileError(
        "NameCollision",
        t("A profile named {{name}} already exists: import it under another name (renameTo)", {
          name: f.profile.name,
        }),
        { name: f.profile.name, existingProfileId: clash.id },
      );
    }
    const name = rename ?? f.profile.name;
    const now = this.#now().toISOString();
    const { name: _, description, ...policy } = f.profile;
    const row: ProfileRow = {
      id: crypto.randomUUID(),
      name,
      description,
      policy: { ...emptyPolicy(), ...policy },
      createdAt: now,
      updatedAt: now,
    };
    this.#write(() => {
      const taken = this.#repo.profileNamed(name);
      if (taken) {
        throw profileError(
          "NameCollision",
          t("A profile named {{name}} already exists as well: choose another name", { name }),
          { name, existingProfileId: taken.id },
        );
      }
      this.#repo.insertProfile(row);
    });
    this.#opts.emit({ type: "profiles-changed" });
    return { profile: this.#repo.summary(row, 0), collisionResolved: clash !== null };
  }

  /** The effective policy of a VM, or null when it has neither a profile nor overrides. */
  effectiveFor(uuid: string): ProfilePolicy | null {
    return this.effectiveAll().get(uuid.toLowerCase()) ?? null;
  }

  /** Every VM's effective policy (VMs with a profile or an override), cached between changes. */
  effectiveAll(): Map<string, ProfilePolicy> {
    if (this.#effective) return this.#effective;
    const profiles = new Map(this.#repo.profiles().map((p) => [p.id, p.policy]));
    const assigned = new Map(this.#repo.assignments().map((a) => [a.vmId, a.profileId]));
    const overrides = Map.groupBy(this.#repo.overrides(), (o) => o.vmId);
    const out = new Map<string, ProfilePolicy>();
    for (const vmId of new Set([...assigned.keys(), ...overrides.keys()])) {
      const profileId = assigned.get(vmId);
      const policy = profileId ? profiles.get(profileId) ?? null : null;
      out.set(vmId, effectiveSettings(policy, overrides.get(vmId) ?? []).effective);
    }
    return this.#effective = out;
  }

  /**
   * The backup policies in force: one plan per profile for its VMs that have no backup
   * override, and one per VM whose own override has a schedule.
   */
  backupPlans(): BackupPlan[] {
    const plans: BackupPlan[] = [];
    const localBackup = new Map(
      this.#repo.overrides().filter((o) => o.setting.kind === "backup").map((o) => [o.vmId, o]),
    );
    const assigned = Map.groupBy(this.#repo.assignments(), (a) => a.profileId);
    for (const p of this.#repo.profiles()) {
      if (!p.policy.backup?.timing) continue;
      const vmIds = (assigned.get(p.id) ?? []).map((a) => a.vmId)
        .filter((id) => !localBackup.has(id));
      if (vmIds.length) {
        plans.push({
          owner: `profile:${p.id}`,
          profileName: p.name,
          vmIds,
          backup: p.policy.backup,
        });
      }
    }
    for (const [vmId, o] of localBackup) {
      if (o.setting.kind === "backup" && o.setting.backup.timing) {
        plans.push({
          owner: `vm:${vmId}`,
          profileName: null,
          vmIds: [vmId],
          backup: o.setting.backup,
        });
      }
    }
    return plans;
  }

  /** A deleted VM's assignment and overrides go with it. */
  forgetVm(uuid: string): void {
    const vmId = uuid.toLowerCase();
    this.#write(() => this.#repo.forgetVm(vmId));
    this.#changed([vmId]);
  }

  #changed(vmIds: string[]) {
    this.#effective = null;
    if (!vmIds.length) return;
    this.#opts.emit({ type: "policy-changed", vmIds });
    this.#opts.onPolicyChanged?.(vmIds);
  }

  #profile(id: string): ProfileRow {
    const p = typeof id === "string" ? this.#repo.profile(id) : null;
    if (!p) throw profileNotFound(String(id));
    return p;
  }

  #nameFree(name: string, exceptId: string | null) {
    const other = this.#repo.profileNamed(name);
    if (other && other.id !== exceptId) throw nameExists(name, other.id);
  }

  /**
   * The VM by id or name (VmNotFound when this host has none). With `orKnown`, a UUID this
   * store still holds rows for is accepted after its VM is gone, so they can be cleared.
   */
  async #vm(id: string, { orKnown = false } = {}): Promise<{ uuid: string; name: string }> {
    try {
      const vm = await this.#opts.findVm(id);
      return { uuid: vm.uuid.toLowerCase(), name: vm.name };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      const uuid = id.toLowerCase();
      if (
        orKnown && UUID.test(id) &&
        (this.#repo.assignment(uuid) || this.#repo.overridesOf(uuid).length)
      ) {
        return { uuid, name: uuid };
      }
      throw profileError("VmNotFound", t("VM not found: {{id}}", { id }), { vmId: id });
    }
  }

  /** A store change; a failure of the store itself (disk full, I/O) is IoError. */
  #write<T>(fn: () => T): T {
    try {
      return this.#opts.store.write(fn);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw profileError(
        "IoError",
        t("Could not save to KVM Manager's store: {{error}}", { error: (err as Error).message }),
        {},
        undefined,
        err,
      );
    }
  }
}
