// The start sequence and its reverse, as one task each: start the VMs with a boot order in
// ascending order, each followed by its up-delay (ended early by its guest agent's answer when
// asked), or shut them down in descending order, each given its shutdown timeout before it is
// forced off. Every step is said in the task's message; the end says how each VM fared.

import { AppError } from "../errors.ts";
import { errorWords, type TaskHandle } from "../tasks/handle.ts";
import type { Planned } from "./service.ts";
import { t } from "../../shared/i18n/t.ts";

/** How often a waiting sequence asks a guest agent, or a stopping VM, again. */
export const POLL_MS = 1000;

export interface SequenceDeps {
  /** The VMs with a boot order, in start order (StartupService.plan). */
  plan(): Promise<Planned[]>;
  start(uuid: string): Promise<unknown>;
  /** A clean shutdown: the guest agent's, else ACPI. */
  shutdown(uuid: string): Promise<unknown>;
  forceStop(uuid: string): Promise<unknown>;
  running(uuid: string): Promise<boolean>;
  /** Whether its QEMU guest agent answers now. */
  agentAnswers(uuid: string): Promise<boolean>;
  now?: () => number;
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Polls `ready` every POLL_MS until it says yes or `seconds` pass; whether it said yes. */
async function waitUntil(
  ready: () => Promise<boolean>,
  seconds: number,
  signal: AbortSignal,
  now: () => number,
): Promise<boolean> {
  const end = now() + seconds * 1000;
  while (!signal.aborted) {
    if (await ready().catch(() => false)) return true;
    const left = end - now();
    if (left <= 0) return false;
    await pause(Math.min(POLL_MS, left), signal);
  }
  return false;
}

/** Ends the task with each VM's outcome: failed (the first failure's code) when any failed. */
function finish(
  task: TaskHandle,
  outcomes: string[],
  failure: AppError | null,
  cancelled: boolean,
) {
  const message = outcomes.join("; ");
  if (cancelled) task.cancelled(message || null);
  else if (failure) task.fail(new AppError(failure.code, message));
  else task.succeed(message || t("No VM has a boot order"));
}

/**
 * Starts the VMs with a boot order in ascending order (running ones are passed over), waiting
 * each one's up-delay before the next; a VM that fails to start is said and the next goes on.
 */
export async function startInOrder(
  deps: SequenceDeps,
  task: TaskHandle,
  signal: AbortSignal,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const outcomes: string[] = [];
  let failure: AppError | null = null;
  try {
    const plan = await deps.plan();
    task.update({ vmIds: plan.map((vm) => vm.uuid) });
    for (const [i, vm] of plan.entries()) {
      if (signal.aborted) break;
      const step = { n: i + 1, total: plan.length, name: vm.name };
      if (vm.running) {
        outcomes.push(t("{{name}} was running", step));
        task.progress(step.n / step.total);
        continue;
      }
      task.note(t("{{n}}/{{total}} {{name}}: starting", step));
      try {
        await deps.start(vm.uuid);
      } catch (err) {
        const { code, message } = errorWords(err);
        failure ??= new AppError(code as never, message);
        outcomes.push(t("{{name}} failed: {{error}}", { ...step, error: message }));
        task.progress(step.n / step.total);
        continue;
      }
      const { upDelay, waitForAgent } = vm.startup;
      const last = i === plan.length - 1;
      let said = t("{{name}} started", step);
      if (!last && upDelay > 0) {
        const started = now();
        if (waitForAgent) {
          task.note(t("{{n}}/{{total}} {{name}}: waiting up to {{seconds}} s for its guest agent", {
            ...step,
            seconds: upDelay,
          }));
          const answered = await waitUntil(() => deps.agentAnswers(vm.uuid), upDelay, signal, now);
          const seconds = Math.round((now() - started) / 1000);
          said = answered
            ? t("{{name}} started, its agent answered after {{seconds}} s", { ...step, seconds })
            : t("{{name}} started, no agent answer in {{seconds}} s", { ...step, seconds });
        } else {
          task.note(t("{{n}}/{{total}} {{name}}: waiting {{seconds}} s", {
            ...step,
            seconds: upDelay,
          }));
          await pause(upDelay * 1000, signal);
        }
      }
      outcomes.push(said);
      task.progress(step.n / step.total);
    }
  } catch (err) {
    task.fail(err);
    return;
  }
  finish(task, outcomes, failure, signal.aborted);
}

/**
 * Shuts the running VMs with a boot order down in descending order, each waited for up to its
 * shutdown timeout and then forced off, before the next one's shutdown.
 */
export async function stopInOrder(
  deps: SequenceDeps,
  task: TaskHandle,
  signal: AbortSignal,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const outcomes: string[] = [];
  let failure: AppError | null = null;
  try {
    const plan = (await deps.plan()).filter((vm) => vm.running).toReversed();
    task.update({ vmIds: plan.map((vm) => vm.uuid) });
    for (const [i, vm] of plan.entries()) {
      if (signal.aborted) break;
      const step = { n: i + 1, total: plan.length, name: vm.name, seconds: vm.startup.downTimeout };
      task.note(t("{{n}}/{{total}} {{name}}: shutting down, up to {{seconds}} s", step));
      try {
        await deps.shutdown(vm.uuid);
        const off = await waitUntil(
          async () => !(await deps.running(vm.uuid)),
          vm.startup.downTimeout,
          signal,
          now,
        );
        if (off) outcomes.push(t("{{name}} shut down", step));
        else if (!signal.aborted) {
          await deps.forceStop(vm.uuid);
          outcomes.push(t("{{name}} forced off after {{seconds}} s", step));
        }
      } catch (err) {
        const { code, message } = errorWords(err);
        failure ??= new AppError(code as never, message);
        outcomes.push(t("{{name}} failed: {{error}}", { ...step, error: message }));
      }
      task.progress(step.n / step.total);
    }
  } catch (err) {
    task.fail(err);
    return;
  }
  finish(task, outcomes, failure, signal.aborted);
}
