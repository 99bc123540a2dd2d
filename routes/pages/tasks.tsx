// /tasks: the task log, as far as the caller may see it.

import { type Task, TASKS_PAGE_MAX } from "../../shared/tasks.ts";
import type { SignedIn } from "../../islands/tasks/who.ts";
import { Island } from "../../components/Island.tsx";
import TaskLog from "../../islands/TaskLog.tsx";
import { t } from "../../shared/i18n/t.ts";
import type { PageKit } from "../page_kit.tsx";

function TasksPage({ tasks, who }: { tasks: Task[]; who: SignedIn | null }) {
  return (
    <section class="card task-log-card" aria-label={t("Task log")}>
      <Island name="TaskLog" component={TaskLog} props={{ tasks, who }} />
    </section>
  );
}

export default function (page: PageKit) {
  page.page("/tasks", "Task log page", (c) => {
    const identity = c.get("identity");
    const body = (
      <TasksPage
        tasks={page.ctx.tasks.list({ limit: TASKS_PAGE_MAX, identity })}
        who={identity ? { user: identity.user, role: identity.role } : null}
      />
    );
    return page.render(c, body, {
      title: t("Tasks"),
      head: {
        muted: true,
        lead: t(
          "What was started here, by whom, and how it ended: power actions, creating and cloning VMs, snapshots, backups, migrations, uploads, scheduled runs.",
        ),
      },
      active: "tasks",
    });
  });
}
