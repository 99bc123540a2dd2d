// Repository work that outlives its request (a backup, restore, prune, check): each a job with
// an id, run in the background as the request's task (lib/tasks/: progress, cancel by killing
// restic), its end kept in memory (the newest JOBS_KEPT) for GET .../jobs/:id and waitFor.

import { AppError } from "../errors.ts";
import { currentTask } from "../tasks/current.ts";
import { errorWords } from "../tasks/handle.ts";
import type { ResticJob } from "../../shared/restic.ts";
import { t } from "../../shared/i18n/t.ts";

export const JOBS_KEPT = 200;

interface Running {
  job: ResticJob;
  controller: AbortController;
  done: Promise<ResticJob>;
}

/** What a job's work gets: the signal that cancels it and where its progress goes. */
export interface JobTools {
  signal: AbortSignal;
  progress(fraction: number): void;
}

export class ResticJobs {
  #jobs = new Map<string, Running>();

  /**
   * Starts `work` as job `kind` on `repository`; resolves at once with the job running.
   * `ended` is told how it ended (notifications, clean-up), after the task is.
   */
  start(
    kind: string,
    repository: string,
    work: (tools: JobTools) => Promise<{ result: Record<string, unknown>; message: string }>,
    ended?: (job: ResticJob) => Promise<void> | void,
  ): ResticJob {
    const id = crypto.randomUUID();
    const task = currentTask()?.follow();
    const controller = new AbortController();
    const job: ResticJob = {
      id,
      kind,
      repository,
      status: "running",
      taskId: task?.id ?? null,
      error: null,
      result: null,
    };
    task?.cancellable(() => controller.abort());
    const done = (async () => {
      try {
        const { result, message } = await work({
          signal: controller.signal,
          progress: (f) => task?.progress(f),
        });
        job.status = "succeeded";
        job.result = result;
        task?.succeed(message);
      } catch (err) {
        if (controller.signal.aborted) {
          job.status = "cancelled";
          job.error = { code: "BACKUP_CANCELLED", message: t("Cancelled") };
          task?.cancelled();
        } else {
          job.status = "failed";
          job.error = errorWords(err);
          if (job.error.code === "INTERNAL_ERROR") console.error(`restic job ${id}:`, err);
          task?.fail(err);
        }
      }
      await Promise.resolve(ended?.(job)).catch((err) => console.error("restic job end:", err));
      return job;
    })();
    this.#jobs.set(id, { job, controller, done });
    this.#trim();
    return { ...job };
  }

  get(id: string): ResticJob {
    const found = this.#jobs.get(id);
    if (!found) {
      throw new AppError("RESTIC_JOB_NOT_FOUND", t("Repository job {{id}} not found", { id }));
    }
    return { ...found.job };
  }

  /** Resolves with the job once it ended. */
  async waitFor(id: string): Promise<ResticJob> {
    this.get(id);
    return { ...await this.#jobs.get(id)!.done };
  }

  cancel(id: string): ResticJob {
    this.get(id);
    this.#jobs.get(id)!.controller.abort();
    return this.get(id);
  }

  /** Cancels every running job and waits for them. */
  async close(): Promise<void> {
    const running = [...this.#jobs.values()].filter((r) => r.job.status === "running");
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.done));
  }

  #trim() {
    if (this.#jobs.size <= JOBS_KEPT) return;
    for (const [id, r] of this.#jobs) {
      if (this.#jobs.size <= JOBS_KEPT) break;
      if (r.job.status !== "running") this.#jobs.delete(id);
    }
  }
}
