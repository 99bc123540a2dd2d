// Who is signed in, as the task views need it: the Cancel button shows only where the server
// would let this person cancel (lib/tasks/log.ts): admins any task, others their own, viewers
// none.

import type { Role } from "../../shared/auth.ts";
import type { Task } from "../../shared/tasks.ts";
import { SHELL_ISLAND_ATTR } from "../../components/shell/Sidebar.tsx";

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

/**
 * The signed-in person as the top bar's task panel was given them (components/shell/TopBar.tsx),
 * for islands of other bundles (the /tasks page's log); null when nobody is signed in.
 */
export function signedInFromPage(): SignedIn | null {
  const el = document.querySelector<HTMLElement>(`[${SHELL_ISLAND_ATTR}="TaskPanel"]`);
  try {
    const props = JSON.parse(el?.dataset.props ?? "null") as Partial<SignedIn> | null;
    return props?.user && props.role ? { user: props.user, role: props.role } : null;
  } catch {
    return null;
  }
}
