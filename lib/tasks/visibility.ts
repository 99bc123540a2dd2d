// Who sees and who may stop which task. Admins and callers whose grant covers every VM see all
// of them; an operator (or viewer) granted some VMs sees the tasks about those VMs, tasks about
// things every role may read (pools, networks, templates …), and the tasks they started in a
// session of their own; not tasks about other VMs, nor a task about VMs it does not know yet
// (a create, import, batch or scheduled run learns its VMs after it starts: shown to a limited
// grant at its start, it would then vanish before its end). An API token's `user` is its
// owner's name, so "their own" never counts for a token: a viewer or VM-limited token must not
// see (or stop) everything its owner started.

import { allowsVm } from "../auth/vm_scope.ts";
import type { Identity } from "../../shared/auth.ts";
import type { Entry } from "./handle.ts";
import { t } from "../../shared/i18n/t.ts";

/** Targets that are (or belong to) VMs: hidden from a limited grant unless their VMs are known. */
const ABOUT_VMS = new Set(["vm", "vms", "backup"]);

/** Actions about VMs (by the audit trail's resource names), whatever their target says yet. */
const VM_RESOURCES = new Set(["vm", "disk", "cdrom", "interface", "snapshot", "backup", "guest"]);

/** Whether the task acts on VMs: its target is one, or its action is a VM's (or a run's). */
function isAboutVms({ task }: Entry): boolean {
  if (ABOUT_VMS.has(task.target?.kind ?? "")) return true;
  return task.action === "schedule.run" || VM_RESOURCES.has(task.action.split(".")[0]);
}

/** Whether the identity's grant is limited to some VMs (admins and "*" grants are not). */
export function isScoped(identity: Identity): boolean {
  return identity.role !== "admin" && identity.vms !== "*";
}

/** Whether `identity` is the very account, signed in, that started the task. */
function startedIt(identity: Identity, { task }: Entry): boolean {
  return identity.via === "session" && task.user === identity.user;
}

/** Whether `identity` may see the task; no identity (the server itself) sees all. */
export function maySeeTask(identity: Identity | undefined, entry: Entry): boolean {
  if (!identity || !isScoped(identity)) return true;
  if (startedIt(identity, entry)) return true;
  const { vmIds } = entry;
  if (vmIds && vmIds.length > 0) return vmIds.every((id) => allowsVm(identity.vms, id));
  return !isAboutVms(entry);
}

/**
 * Why `identity` may not stop a task it may see, or null when it may: an admin may stop any;
 * others only their account's tasks, with a role that may change things (not a viewer), and,
 * for a grant limited to some VMs, only when it covers every VM the task acts on.
 */
export function whyNotCancel(identity: Identity, entry: Entry): string | null {
  if (identity.role === "admin") return null;
  const { task, vmIds } = entry;
  // The title as the UI shows it (titles are stored in English, lib/tasks/titles.ts).
  const words = { user: task.user, title: t(task.title) };
  if (identity.role === "viewer") {
    return t(
      'Only {{user}}, who started "{{title}}", or an admin may cancel it; a viewer may not stop tasks',
      words,
    );
  }
  if (task.user !== identity.user) {
    return t('Only {{user}}, who started "{{title}}", or an admin may cancel it', words);
  }
  if (isScoped(identity) && (vmIds ?? []).some((id) => !allowsVm(identity.vms, id))) {
    return t('"{{title}}" acts on VMs your access does not cover', words);
  }
  return null;
}
