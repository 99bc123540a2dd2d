// One running task as the operation sees it: report progress, say what it acts on, offer a way
// to cancel it, and end it once (succeeded, failed with the error's words, or cancelled). Ending
// twice is ignored, so whichever of the request and the work it started ends it first wins.

import type { Task, TaskStatus, TaskTarget } from "../../shared/tasks.ts";

/** A task with what the log keeps beside its wire shape. */
export interface Entry {
  task: Task;
  /** UUIDs of the VMs it acts on, for who may see it (lib/tasks/visibility.ts); null: none known. */
  vmIds: string[] | null;
  /** Stops the operation; set while it can be stopped. */
  cancel: (() => unknown) | null;
  /** Whether the work the request started ends the task, rather than the request's answer. */
  followed: boolean;
}

/** What a handle tells the log it belongs to. */
export interface EntryOwner {
  now(): number;
  /** Something listed changed (title, target, cancellable): publish and save. */
  changed(entry: Entry): void;
  /** Progress moved: publish, at most a few times a second. */
  progressed(entry: Entry): void;
  ended(entry: Entry): void;
}

/** What a task's title, target or VMs become when the operation learns them. */
export interface TaskChange {
  title?: string;
  target?: TaskTarget | null;
  vmIds?: string[];
}

/** The error words a task keeps: an AppError's (or API answer's) code and message. */
export function errorWords(err: unknown): { code: string; message: string } {
  if (typeof err === "object" && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") return { code, message };
    if (err instanceof Error) return { code: "INTERNAL_ERROR", message: err.message };
  }
  return { code: "INTERNAL_ERROR", message: String(err) };
}

export class TaskHandle {
  readonly #entry: Entry;
  readonly #owner: EntryOwner;

  constructor(entry: Entry, owner: EntryOwner) {
    this.#entry = entry;
    this.#owner = owner;
  }

  get id(): number {
    return this.#entry.task.id;
  }

  get ended(): boolean {
    return this.#entry.task.status !== "running";
  }

  get followed(): boolean {
    return this.#entry.followed;
  }

  /** The task as it is listed now. */
  snapshot(): Task {
    const task = this.#entry.task;
    return { ...task, target: task.target && { ...task.target } };
  }

  /** How far it is, 0 to 1 (clamped); ignored once it ended. */
  progress(fraction: number): void {
    if (this.ended || !Number.isFinite(fraction)) return;
    const p = Math.min(1, Math.max(0, fraction));
    if (this.#entry.task.progress === p) return;
    this.#entry.task.progress = p;
    this.#owner.progressed(this.#entry);
  }

  /**
   * What it is doing now, in words (a download's "1.2 GiB of 3.4 GiB, 45 MB/s, 50 s left"):
   * the running task's message, published with progress; its end's message replaces it.
   */
  note(message: string): void {
    if (this.ended || this.#entry.task.message === message) return;
    this.#entry.task.message = message;
    this.#owner.progressed(this.#entry);
  }

  /** A title, target or VM list learnt once the work began (a batch's VMs, a new VM's id). */
  update({ title, target, vmIds }: TaskChange): void {
    if (title !== undefined) this.#entry.task.title = title;
    if (target !== undefined) this.#entry.task.target = target;
    if (vmIds !== undefined) this.#entry.vmIds = vmIds.map((id) => id.toLowerCase());
    this.#owner.changed(this.#entry);
  }

  /** How to stop the operation now (`POST /api/tasks/:id/cancel`); null once it cannot be. */
  cancellable(cancel: (() => unknown) | null): void {
    if (this.ended) return;
    this.#entry.cancel = cancel;
    this.#entry.task.cancellable = cancel !== null;
    this.#owner.changed(this.#entry);
  }

  /**
   * Takes the task over from the request that started it: its answer (a 202) no longer ends
   * it; the caller must, when the work ends.
   */
  follow(): this {
    this.#entry.followed = true;
    return this;
  }

  succeed(message: string | null = null): void {
    this.#end("succeeded", message, null);
  }

  /** Failed, in the error's words: an AppError's code and message (libvirt's, when it refused). */
  fail(err: unknown): void {
    const { code, message } = errorWords(err);
    this.#end("failed", message, code);
  }

  cancelled(message: string | null = "Cancelled"): void {
    this.#end("cancelled", message, null);
  }

  #end(status: Exclude<TaskStatus, "running">, message: string | null, code: string | null) {
    if (this.ended) return;
    const task = this.#entry.task;
    task.status = status;
    task.endedAt = Math.max(this.#owner.now(), task.startedAt);
    task.message = message;
    task.code = code;
    if (status === "succeeded" && task.progress !== null) task.progress = 1;
    task.cancellable = false;
    this.#entry.cancel = null;
    this.#owner.ended(this.#entry);
  }
}
