// The task log: every state-changing or long operation as a task (shared/tasks.ts) with who
// started it, what it acts on, its progress and how it ended, kept in the app store (the newest
// TASKS_KEPT) and announced to subscribers (each host's event hub: "task-changed") when it
// starts, progresses (at most PUBLISH_EVERY_MS apart) and ends. Running tasks live in memory;
// the store is written when a task starts, changes and ends. A store that refuses a write
// never fails the operation: the task stays in memory and the write is tried again.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import {
  type Task,
  TASKS_KEPT,
  TASKS_PAGE_MAX,
  type TaskStatus,
  type TaskTarget,
} from "../../shared/tasks.ts";
import type { Identity } from "../../shared/auth.ts";
import { type Entry, type EntryOwner, TaskHandle } from "./handle.ts";
import { matches, type RowFilter, TaskRows } from "./rows.ts";
import { isScoped, maySeeTask, whyNotCancel } from "./visibility.ts";
import { taskTitle } from "./titles.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** Progress events of one task are at least this far apart; its end is published at once. */
export const PUBLISH_EVERY_MS = 500;
/** How soon a write the store refused is tried again. */
export const SAVE_RETRY_MS = 1_000;
/** Ended tasks held in memory at most while the store refuses writes; the oldest go first. */
export const UNSAVED_MAX = TASKS_KEPT;
/** What a task still running when the process stopped says after the next start. */
export const INTERRUPTED = "KVM Manager stopped while this task ran; how it ended is unknown";

/** What starts a task. */
export interface TaskStart {
  /** As the audit log names it: "vm.start". */
  action: string;
  /** In a user's words; default: from the action (lib/tasks/titles.ts). */
  title?: string;
  /** A user name, or "scheduler". */
  user: string;
  target?: TaskTarget | null;
  hostId: string;
  /** UUIDs of the VMs it acts on, for who may see it. */
  vmIds?: string[];
  /** How to stop it, when it can be stopped from its start. */
  cancel?: () => unknown;
}

/** A list's question: `GET /api/tasks` and pages (`ctx.tasks.list`). */
export interface TaskQuery extends RowFilter {
  /** How many, at most TASKS_PAGE_MAX (default 50). */
  limit?: number;
  /** Only the tasks this caller may see (lib/tasks/visibility.ts); none: all. */
  identity?: Identity;
}

export const TASKS_LIMIT_DEFAULT = 50;

type Listener = (task: Task) => void;

const notFound = (id: number) => new AppError("TASK_NOT_FOUND", t("Task {{id}} not found", { id }));

/** Why a task in this state cannot be cancelled, with its `{{title}}`. */
const ENDED_WORDS: Record<TaskStatus, string> = {
  running: tKey('"{{title}}" is running'),
  succeeded: tKey('"{{title}}" has succeeded already'),
  failed: tKey('"{{title}}" has failed already'),
  cancelled: tKey('"{{title}}" was cancelled already'),
};

export class TaskLog {
  readonly #rows: TaskRows;
  readonly #keep: number;
  readonly #now: () => number;
  readonly #listeners = new Set<Listener>();
  /** Running tasks, and ended ones the store has not taken yet, by id. */
  readonly #live = new Map<number, Entry>();
  /** Tasks whose last change is not in the store yet. */
  readonly #unsaved = new Set<Entry>();
  readonly #lastPublished = new Map<number, number>();
  readonly #publishTimers = new Map<number, ReturnType<typeof setTimeout>>();
  #retry: ReturnType<typeof setTimeout> | undefined;
  #nextId: number;
  #complained = false;
  readonly #owner: EntryOwner;

  /**
   * Opens the log over the app store and ends the tasks a previous process left running
   * (failed, TASK_INTERRUPTED). `keep` and `now` are for tests.
   */
  constructor(store: Store, { keep = TASKS_KEPT, now = Date.now }: {
    keep?: number;
    now?: () => number;
  } = {}) {
    this.#rows = new TaskRows(store);
    this.#keep = keep;
    this.#now = now;
    let last = 0;
    try {
      this.#rows.interruptRunning(now(), INTERRUPTED, "TASK_INTERRUPTED");
      last = this.#rows.maxId();
    } catch (err) {
      console.error(`Task log: cannot read the stored tasks: ${(err as Error).message}`);
      last = now();
    }
    // Ids go on from the store's, and from the clock when it cannot be read, so a task kept
    // in memory never takes a stored task's id.
    this.#nextId = last + 1;
    this.#owner = {
      now: this.#now,
      changed: (entry) => {
        this.#publish(entry);
        this.#save(entry);
      },
      progressed: (entry) => this.#progressed(entry),
      ended: (entry) => {
        this.#publish(entry);
        this.#save(entry);
      },
    };
  }

  /** Starts a task, saves and announces it; never throws because of the store. */
  start(
    { action, title, user, target = null, hostId, vmIds, cancel }: TaskStart,
  ): TaskHandle {
    const entry: Entry = {
      task: {
        id: this.#nextId++,
        action,
        title: title ?? taskTitle(action),
        user,
        target,
        hostId,
        startedAt: this.#now(),
        endedAt: null,
        progress: null,
        status: "running",
        message: null,
        code: null,
        cancellable: cancel !== undefined,
      },
      vmIds: vmIds ? vmIds.map((id) => id.toLowerCase()) : null,
      cancel: cancel ?? null,
      followed: false,
    };
    this.#live.set(entry.task.id, entry);
    this.#publish(entry);
    this.#save(entry);
    return new TaskHandle(entry, this.#owner);
  }

  /** Adds a listener of every start, progress and end; returns its remover. */
  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Newest first: running and ended tasks as the query asks, only those `identity` may see. */
  list({ limit = TASKS_LIMIT_DEFAULT, identity, ...filter }: TaskQuery = {}): Task[] {
    const n = Math.max(1, Math.min(TASKS_PAGE_MAX, Math.floor(limit)));
    // A limited grant hides some tasks: read them all (at most TASKS_KEPT) and filter.
    const scoped = identity !== undefined && isScoped(identity);
    let stored: Entry[] = [];
    try {
      stored = this.#rows.list(filter, scoped ? null : n + this.#live.size);
    } catch (err) {
      console.error(`Task log: cannot read tasks: ${(err as Error).message}`);
    }
    const byId = new Map<number, Entry>();
    for (const entry of stored) byId.set(entry.task.id, this.#live.get(entry.task.id) ?? entry);
    for (const entry of this.#live.values()) byId.set(entry.task.id, entry);
    return [...byId.values()]
      .filter((e) => matches(e, filter) && maySeeTask(identity, e))
      .sort((a, b) => b.task.id - a.task.id)
      .slice(0, n)
      .map(copyOf);
  }

  /** One task; 404 TASK_NOT_FOUND when there is none or `identity` may not see it. */
  get(id: number, identity?: Identity): Task {
    return copyOf(this.#find(id, identity));
  }

  /**
   * Whether `identity` may see this task: for the event stream, which hands every
   * "task-changed" to every page (lib/tasks/visibility.ts).
   */
  maySee(identity: Identity | undefined, task: Pick<Task, "id">): boolean {
    try {
      this.#find(task.id, identity);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Stops a running task that can be stopped and answers with the task once the operation
   * said how it ended (or as it is, if it goes on). Who may: lib/tasks/visibility.ts
   * whyNotCancel (an admin, or its account's non-viewer credential covering its VMs); 403
   * FORBIDDEN for others, 409 TASK_NOT_CANCELLABLE when it ended or cannot be stopped.
   */
  async cancel(id: number, identity: Identity): Promise<Task> {
    const entry = this.#find(id, identity);
    const { task } = entry;
    const refusal = whyNotCancel(identity, entry);
    if (refusal !== null) throw new AppError("FORBIDDEN", refusal);
    // The title as the UI shows it (titles are stored in English, lib/tasks/titles.ts).
    const title = t(task.title);
    if (task.status !== "running") {
      throw new AppError("TASK_NOT_CANCELLABLE", t(ENDED_WORDS[task.status], { title }));
    }
    if (!entry.cancel) {
      throw new AppError(
        "TASK_NOT_CANCELLABLE",
        t('"{{title}}" cannot be stopped once it has begun; wait for it to end', { title }),
      );
    }
    await entry.cancel();
    return copyOf(entry);
  }

  /** Writes what is held now if the store takes it; for shutdown (it then stops retrying). */
  close(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    for (const timer of this.#publishTimers.values()) clearTimeout(timer);
    this.#publishTimers.clear();
    this.#flush(false);
  }

  #find(id: number, identity: Identity | undefined): Entry {
    let entry: Entry | null | undefined = this.#live.get(id);
    if (!entry) {
      try {
        entry = this.#rows.get(id);
      } catch (err) {
        console.error(`Task log: cannot read task ${id}: ${(err as Error).message}`);
      }
    }
    if (!entry || !maySeeTask(identity, entry)) throw notFound(id);
    return entry;
  }

  #progressed(entry: Entry) {
    const id = entry.task.id;
    if (this.#publishTimers.has(id)) return;
    const wait = (this.#lastPublished.get(id) ?? -Infinity) + PUBLISH_EVERY_MS - this.#now();
    if (wait <= 0) return this.#publish(entry);
    const timer = setTimeout(() => {
      this.#publishTimers.delete(id);
      if (entry.task.status === "running") this.#publish(entry);
    }, wait);
    Deno.unrefTimer(timer);
    this.#publishTimers.set(id, timer);
  }

  #publish(entry: Entry) {
    const id = entry.task.id;
    if (entry.task.status === "running") this.#lastPublished.set(id, this.#now());
    else {
      clearTimeout(this.#publishTimers.get(id));
      this.#publishTimers.delete(id);
      this.#lastPublished.delete(id);
    }
    for (const fn of this.#listeners) {
      try {
        fn(copyOf(entry));
      } catch (err) {
        console.error("Task log: a listener failed:", err);
      }
    }
  }

  #save(entry: Entry) {
    this.#unsaved.add(entry);
    // Held ended tasks beyond the bound go, oldest first: running ones are always kept.
    if (this.#unsaved.size > UNSAVED_MAX) {
      for (const held of this.#unsaved) {
        if (held.task.status === "running") continue;
        this.#unsaved.delete(held);
        this.#live.delete(held.task.id);
        break;
      }
    }
    this.#flush(true);
  }

  #flush(retry: boolean) {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    let ended = false;
    for (const entry of [...this.#unsaved]) {
      try {
        this.#rows.save(entry);
      } catch (err) {
        if (!this.#complained) {
          console.error(
            `Task log: cannot save tasks (${(err as Error).message}); keeping them in memory ` +
              "and trying again",
          );
        }
        this.#complained = true;
        if (retry) {
          this.#retry = setTimeout(() => this.#flush(true), SAVE_RETRY_MS);
          Deno.unrefTimer(this.#retry);
        }
        return;
      }
      this.#unsaved.delete(entry);
      if (entry.task.status !== "running") {
        this.#live.delete(entry.task.id);
        ended = true;
      }
    }
    this.#complained = false;
    if (!ended) return;
    try {
      this.#rows.prune(this.#keep);
    } catch { /* the next end prunes */ }
  }
}

function copyOf({ task }: Entry): Task {
  return { ...task, target: task.target && { ...task.target } };
}
