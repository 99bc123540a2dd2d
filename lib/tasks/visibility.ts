// Who sees which task. Admins and callers whose grant covers every VM see all of them; an
// operator (or viewer) granted some VMs sees the tasks they started, the tasks about those VMs,
// and tasks about things every role may read (pools, networks, templates …), but not tasks
// about other VMs, nor about a VM whose UUID the task does not know.

import { allowsVm } from "../auth/vm_scope.ts";
import type { Identity } from "../../shared/auth.ts";
import type { Entry } from "./handle.ts";

/** Targets that are (or belong to) VMs: hidden from a limited grant unless their VMs are known. */
const ABOUT_VMS = new Set(["vm", "vms", "backup"]);

/** Whether `identity` may see the task; no identity (the server itself) sees all. */
export function maySeeTask(identity: Identity | undefined, { task, vmIds }: Entry): boolean {
  if (!identity || identity.role === "admin" || identity.vms === "*") return true;
  if (task.user === identity.user) return true;
  if (vmIds && vmIds.length > 0) return vmIds.every((id) => allowsVm(identity.vms, id));
  return !ABOUT_VMS.has(task.target?.kind ?? "");
}
