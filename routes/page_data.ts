// What one host's pages last read from libvirt, so a page never waits long on libvirtd: each read
// is raced against a short bound, and one that is late or finds libvirt away is answered from
// what was last known (the page says since when), or with nothing and why.

import { AppError } from "../lib/errors.ts";
import { t } from "../shared/i18n/t.ts";

/** How long a page waits on one libvirt read before it renders from what it knew. */
export const PAGE_WAIT_MS = 500;
/**
 * How long it waits when nothing is known yet: a slow but living host (a long VM list, a remote
 * host over ssh) still gets its first page drawn with data rather than empty.
 */
export const FIRST_WAIT_MS = 3000;

/** Entries kept per host (the host, its lists, the VMs, pools and networks last shown). */
const MAX_ENTRIES = 1000;

/**
 * A page's read: `value` fresh (`knownAt` null), from the cache (`knownAt` when it was read,
 * `error` why not now), or null with `error` (nothing known, or an answer such as a 404).
 */
export interface PageRead<T> {
  value: T | null;
  knownAt: number | null;
  error: AppError | null;
}

/** libvirtd not answering within the page's bound: the page goes on without it. */
export const notAnswering = () =>
  new AppError("LIBVIRT_NOT_ANSWERING", t("libvirtd is not answering"));

/** Failures that say nothing about the object, only that libvirt is away or slow. */
const UNREACHABLE = new Set(["LIBVIRT_UNAVAILABLE", "LIBVIRT_TIMEOUT", "LIBVIRT_NOT_ANSWERING"]);

export function isUnreachable(err: AppError | null): boolean {
  return err !== null && UNREACHABLE.has(err.code);
}

/**
 * A read that is not libvirt's and so is neither bounded nor kept (the cluster stack, ip and the
 * interfaces file): its value, or the refusal the page says in its place. Errors other than
 * AppError are bugs and are thrown.
 */
export async function readNow<T>(read: () => Promise<T>): Promise<PageRead<T>> {
  try {
    return { value: await read(), knownAt: null, error: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { value: null, knownAt: null, error: err };
  }
}

export class PageData {
  readonly #waitMs: number;
  readonly #firstWaitMs: number;
  readonly #now: () => number;
  readonly #known = new Map<string, { value: unknown; at: number }>();
  // One read per key at a time: pages asked during a freeze share it instead of each starting
  // another call that waits out its whole deadline in a libvirt worker.
  readonly #pending = new Map<string, Promise<unknown>>();

  constructor(
    { waitMs = PAGE_WAIT_MS, firstWaitMs = FIRST_WAIT_MS, now = Date.now }: {
      waitMs?: number;
      firstWaitMs?: number;
      now?: () => number;
    } = {},
  ) {
    this.#waitMs = waitMs;
    this.#firstWaitMs = firstWaitMs;
    this.#now = now;
  }

  /**
   * `read()`'s answer within the bound, kept for later; past the bound or when libvirt is away,
   * the last answer under `key`. Errors other than AppError are bugs and are thrown.
   */
  async read<T>(key: string, read: () => Promise<T>): Promise<PageRead<T>> {
    let pending = this.#pending.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = this.#start(key, read);
      this.#pending.set(key, pending);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      const waitMs = this.#known.has(key) ? this.#waitMs : this.#firstWaitMs;
      timer = setTimeout(() => resolve("late"), waitMs);
    });
    const answer = await Promise.race([
      pending.then((value) => ({ value }), (error: unknown) => ({ error })),
      late,
    ]).finally(() => clearTimeout(timer));
    if (answer !== "late" && "value" in answer) {
      return { value: answer.value, knownAt: null, error: null };
    }
    const error = answer === "late" ? notAnswering() : answer.error;
    if (!(error instanceof AppError)) throw error;
    const known = this.#known.get(key);
    if (!known || !isUnreachable(error)) return { value: null, knownAt: null, error };
    return { value: known.value as T, knownAt: known.at, error };
  }

  #start<T>(key: string, read: () => Promise<T>): Promise<T> {
    const pending = read().then(
      (value) => {
        // Re-inserted, so the oldest entry is the least recently read.
        this.#known.delete(key);
        this.#known.set(key, { value, at: this.#now() });
        if (this.#known.size > MAX_ENTRIES) {
          this.#known.delete(this.#known.keys().next().value!);
        }
        return value;
      },
      (err) => {
        // The object is gone (or refused): what was known about it no longer holds.
        if (err instanceof AppError && !isUnreachable(err)) this.#known.delete(key);
        throw err;
      },
    ).finally(() => this.#pending.delete(key));
    // A read the page stopped waiting for still ends; its failure is nobody's to handle.
    pending.catch(() => {});
    return pending;
  }
}
