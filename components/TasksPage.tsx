// Body of `/tasks`: the task log (shared/tasks.ts), newest first.

export function TasksPage() {
  return (
    <section class="card">
      <h1>Tasks</h1>
      <p class="muted">The task log is being built.</p>
    </section>
  );
}
