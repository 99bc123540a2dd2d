// Toasts at the bottom of the page's column. Any island of any page bundle pushes one
// (showError, showToast); the shell bundle's ToastHost, on every page, renders them all in one
// live region, so a toast shows once whichever bundle sent it. One stack, at most MAX_SHOWN,
// folded to the newest with "n more" when there are several (a phone shows one line of it), and
// never over the navigation: the page keeps room below its end for the stack, so a form's buttons
// can always be scrolled clear of it. Toasts stay on their page: the next page shows only what
// the page carried there itself (the wizard's result on its new VM's page: carryToasts). A task
// that fails after you left its page is told by the next page (task_toasts.ts) and in the task
// log; a refusal of the page you left belongs to that page.

import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../shared/i18n/t.ts";

export type ToastKind = "success" | "error" | "info";

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** Where the toast's subject is told in full (a task's entry in the task log). */
  href?: string;
  /** A toast with the same key replaces this one in place (a task's start, then its end). */
  key?: string;
  /** Milliseconds since the epoch it was shown. */
  at: number;
  /** When it goes by itself; null keeps it until dismissed (failures). */
  until: number | null;
  /** Shown on the next page of this tab too (carryToasts). */
  carry?: boolean;
}

export type NewToast = Pick<Toast, "kind" | "message" | "href" | "key">;

/** Success and info toasts go after this long; failures stay until dismissed. */
export const TOAST_MS = 4000;
/** More than this and the oldest go, successes before failures. */
export const MAX_SHOWN = 3;
/** A failure this recent that says the same words is not shown twice. */
const SAME_FAILURE_MS = 15_000;
const STORE_KEY = "kvmm-toasts";
/** A failure carried from page to page is dropped once this old. */
const CARRIED_MS = 10 * 60_000;

interface Shared {
  toasts: Toast[];
  listeners: Set<() => void>;
  nextId: number;
}

// Each page bundle carries its own copy of this module; the state on globalThis makes them share
// one list per page.
const shared: Shared = ((globalThis as { kvmmToasts?: Shared }).kvmmToasts ??= restore());

/** Shows an API refusal or failure in a user's words, until dismissed. */
export function showError(message: string): void {
  showToast({ kind: "error", message });
}

export function showToast(toast: NewToast): void {
  update(withToast(shared.toasts, toast, Date.now(), shared.nextId));
}

/**
 * `list` with `toast` shown at `now` (as `id` when it is new): in place of one with its key,
 * once for the same failure's words, at most MAX_SHOWN.
 */
export function withToast(list: Toast[], toast: NewToast, now: number, id: number): Toast[] {
  if (toast.kind === "error") {
    // A refused request's words also arrive as its task's failure: "Start web1: …" from the
    // island and "Start web1 failed: …" from the task. The longer toast, naming what failed, is
    // kept.
    const same = (t: Toast) =>
      t.kind === "error" && t.key !== toast.key && now - t.at < SAME_FAILURE_MS &&
      sameFailure(t.message, toast.message);
    if (list.some((t) => same(t) && t.message.length >= toast.message.length)) return list;
    list = list.filter((t) => !same(t));
  }
  const until = toast.kind === "error" ? null : now + TOAST_MS;
  const same = toast.key === undefined ? -1 : list.findIndex((t) => t.key === toast.key);
  return capped(
    same === -1
      ? [...list, { ...toast, id, at: now, until }]
      : list.map((t, i) => i === same ? { ...t, ...toast, until } : t),
  );
}

/**
 * A failure's words as "subject|reason": the island's "Start web: …" and the task's "Start web
 * failed: …" read the same; words without a subject are all reason.
 */
function failureKey(message: string): string {
  const at = message.indexOf(": ");
  if (at === -1) return `|${message}`;
  return `${message.slice(0, at).replace(/ failed$/, "")}|${message.slice(at + 2)}`;
}

/** Whether two failure toasts tell the same failure: one holds the other, or subject and reason. */
function sameFailure(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a) || failureKey(a) === failureKey(b);
}

/**
 * Takes the toasts shown now to the next page, successes and notes each for a fresh TOAST_MS: for
 * a page that moves on by itself to where its result is (the wizard to its new VM's page).
 */
export function carryToasts(): void {
  const now = Date.now();
  update(
    shared.toasts.map((t) => ({
      ...t,
      carry: true,
      ...(t.until === null ? {} : { until: now + TOAST_MS }),
    })),
  );
}

/** Dismisses every toast shown (the folded stack's "Dismiss all"). */
export function dismissAllToasts(): void {
  update([]);
}

export function dismissToast(id: number): void {
  update(shared.toasts.filter((t) => t.id !== id));
}

/** Whether a toast with this key is shown now. */
export const hasToast = (key: string) => shared.toasts.some((t) => t.key === key);

/** The most MAX_SHOWN toasts, dropping the oldest successes and notes before any failure. */
function capped(list: Toast[]): Toast[] {
  const out = [...list];
  while (out.length > MAX_SHOWN) {
    const passing = out.findIndex((t) => t.kind !== "error");
    out.splice(passing === -1 ? 0 : passing, 1);
  }
  return out;
}

function update(list: Toast[]) {
  if (list === shared.toasts) return;
  shared.nextId = Math.max(shared.nextId, ...list.map((t) => t.id + 1));
  shared.toasts = list;
  for (const t of list) if (t.until !== null) expireAt(t);
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify(list));
  } catch { /* storage off: toasts just end with the page */ }
  for (const listener of shared.listeners) listener();
}

const timers = new Map<number, ReturnType<typeof setTimeout>>();

function expireAt(toast: Toast) {
  clearTimeout(timers.get(toast.id));
  timers.set(
    toast.id,
    setTimeout(() => {
      timers.delete(toast.id);
      const now = shared.toasts.find((t) => t.id === toast.id);
      // Replaced in place since (a new `until`): that toast has its own timer.
      if (now && now.until === toast.until) dismissToast(toast.id);
    }, Math.max(0, toast.until! - Date.now())),
  );
}

/**
 * Which of the previous page's toasts the next page shows at `now`: only those carryToasts took
 * along (once): a failure for CARRIED_MS, a success or note for the rest of its time.
 */
export function carriedToasts(saved: Toast[], now: number): Toast[] {
  return saved.filter((t) =>
    t.carry === true && (t.until === null ? now - t.at < CARRIED_MS : t.until > now)
  ).map(({ carry: _carry, ...t }) => t);
}

/** The toasts the previous page of this tab still showed, with what is left of their time. */
function restore(): Shared {
  const fresh: Shared = { toasts: [], listeners: new Set(), nextId: 1 };
  if (!globalThis.document) return fresh;
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? "[]") as Toast[];
    fresh.toasts = carriedToasts(saved, Date.now());
    // What this page did not take is gone for good.
    sessionStorage.setItem(STORE_KEY, JSON.stringify(fresh.toasts));
    fresh.nextId = Math.max(0, ...fresh.toasts.map((t) => t.id)) + 1;
    queueMicrotask(() => fresh.toasts.forEach((t) => t.until !== null && expireAt(t)));
  } catch { /* nothing saved, or damaged: none */ }
  return fresh;
}

function useToasts(): Toast[] {
  const [list, setList] = useState(shared.toasts);
  useEffect(() => {
    const listener = () => setList(shared.toasts);
    shared.listeners.add(listener);
    listener();
    return () => void shared.listeners.delete(listener);
  }, []);
  return list;
}

export const TOASTS_ID = "toasts";

/** The CSS variable the page's room below its end is kept in (shell.css). */
const ROOM_VAR = "--toast-room";

/**
 * Keeps the page's room for the stack as tall as the stack: the content column ends that much
 * higher and focus moves scroll clear of it, so nothing of the page stays under a toast.
 */
function useRoomBelow(stack: { current: HTMLElement | null }) {
  useEffect(() => {
    const el = stack.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const measure = () => {
      const height = el.getBoundingClientRect().height;
      if (height === 0) root.style.removeProperty(ROOM_VAR);
      // The stack's height and its distance from the window's bottom edge (tasks.css).
      else root.style.setProperty(ROOM_VAR, `${Math.ceil(height) + 16}px`);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => {
      observer.disconnect();
      root.style.removeProperty(ROOM_VAR);
    };
  }, []);
}

/**
 * Every toast of the page in one stack at the bottom of the page's column (full width on
 * phones); the shell mounts it. Several are folded to the newest with a "n more" button that
 * unfolds them, and one "Dismiss all".
 */
export function ToastHost() {
  const list = useToasts();
  const [unfolded, setUnfolded] = useState(false);
  const stack = useRef<HTMLElement>(null);
  useRoomBelow(stack);
  const folded = list.length > 1 && !unfolded;
  useEffect(() => {
    if (list.length <= 1) setUnfolded(false);
  }, [list.length]);
  const newest = list.length - 1;
  return (
    <section
      ref={stack}
      class={`toast-stack${folded ? " toast-stack-folded" : ""}`}
      id={TOASTS_ID}
      aria-label={t("Notifications")}
      aria-live="polite"
    >
      {list.length > 1 && (
        <div class="toast-controls">
          <button
            type="button"
            class="link-button toast-more"
            aria-expanded={!folded}
            onClick={() => setUnfolded(folded)}
          >
            {folded ? t("{{count}} more", { count: newest }) : t("Show only the newest")}
          </button>
          <button type="button" class="link-button toast-clear" onClick={dismissAllToasts}>
            {t("Dismiss all")}
          </button>
        </div>
      )}
      {list.map((toast, i) => (
        <div
          key={toast.id}
          class={`toast-note toast-${toast.kind}${folded && i !== newest ? " toast-folded" : ""}`}
          role={toast.kind === "error" ? "alert" : "status"}
          data-key={toast.key}
        >
          <p class="toast-message" title={toast.message}>{toast.message}</p>
          {toast.href && <a class="toast-link" href={toast.href}>{t("View task")}</a>}
          <button
            type="button"
            class="toast-close"
            aria-label={t("Dismiss")}
            title={t("Dismiss")}
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
