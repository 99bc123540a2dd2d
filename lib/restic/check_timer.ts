// Repositories' scheduled checks: each repository with a check schedule (a 5-field cron
// expression, read in the host's time zone) gets `restic check` when its time has come. One
// round a minute, re-armed after the previous round ended; a check that fails is the caller's
// to tell (the service notifies). Started by the service, stopped by its close().

import { hostTimeZone, nextRunAfter } from "../scheduler/timing.ts";

export interface CheckTimerDeps {
  /** The repositories with their check schedules. */
  list: () => { id: string; checkSchedule: string | null }[];
  /** Runs one repository's check to its end; never throws at the timer. */
  check: (id: string) => Promise<void>;
  now?: () => number;
  everyMs?: number;
  zone?: string;
}

export class CheckTimer {
  readonly #deps: CheckTimerDeps;
  readonly #since = new Map<string, number>();
  #startedAt: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(deps: CheckTimerDeps) {
    this.#deps = deps;
    this.#startedAt = this.#now();
  }

  #now(): number {
    return this.#deps.now?.() ?? Date.now();
  }

  start(): void {
    this.#startedAt = this.#now();
    this.#arm();
  }

  #arm(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.tick().finally(() => this.#arm());
    }, this.#deps.everyMs ?? 60_000);
    // A timer alone never keeps the process alive.
    Deno.unrefTimer(this.#timer);
  }

  /** One round: each repository whose next check after its last (or the start) is due. */
  async tick(): Promise<string[]> {
    const now = this.#now();
    const ran: string[] = [];
    for (const repo of this.#deps.list()) {
      if (this.#closed || !repo.checkSchedule) continue;
      const since = this.#since.get(repo.id) ?? this.#startedAt;
      let next: number | null = null;
      try {
        next = nextRunAfter(
          { kind: "cron", expression: repo.checkSchedule },
          this.#deps.zone ?? hostTimeZone(),
          since,
        );
      } catch {
        continue; // An expression the input check let through but cron cannot read: never due.
      }
      if (next === null || next > now) continue;
      this.#since.set(repo.id, now);
      ran.push(repo.id);
      await this.#deps.check(repo.id).catch((err) => console.error("restic check:", err));
    }
    return ran;
  }

  stop(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }
}
