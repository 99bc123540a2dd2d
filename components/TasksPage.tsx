// Body of `/tasks`: the task log (shared/tasks.ts), newest first, server-rendered and kept live
// by the TaskLog island; `#task-7` scrolls to a task without script.

import type { Task } from "../shared/tasks.ts";
import type { SignedIn } from "../islands/tasks/who.ts";
import { Island } from "./Island.tsx";
import TaskLog from "../islands/TaskLog.tsx";
import { t } from "../shared/i18n/t.ts";

export function TasksPage({ tasks, who }: { tasks: Task[]; who: SignedIn | null }) {
  return (
    <>
      <h1>{t("Tasks")}</h1>
      <p class="muted lead">
        {t(
          "What was started here, by whom, and how it ended: power actions, creating and cloning VMs, snapshots, backups, migrations, uploads, scheduled runs.",
        )}
      </p>
      <section class="card task-log-card" aria-label={t("Task log")}>
        <Island name="TaskLog" component={TaskLog} props={{ tasks, who }} />
      </section>
    </>
  );
}
