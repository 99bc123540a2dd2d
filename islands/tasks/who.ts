// Who is signed in, as the task views need it: the Cancel button shows only where the server
// would let this person cancel (lib/tasks/log.ts): admins any task, others their own, viewers
// none.

import type { Role } from "../../shared/auth.ts";
import type { Task } from "../../shared/tasks.ts";

export interface SignedIn {
  user: string;
  role: Role;
}

/** Whether `who` may cancel `task` now; nobody signed in (or not known yet) may not. */
export function mayCancel(task: Task, who: SignedIn | null): boolean {
  if (!who || !task.cancellable || task.status !== "running") return false;
  if (who.role === "admin") return true;
  return who.role !== "viewer" && task.user === who.user;
}
