// The start sequence and its reverse, as one task each: start the VMs with a boot order in
// ascending order, each followed by its up-delay (ended early by its guest agent's answer when
// asked), or shut them down in descending order, each given its shutdown timeout before it is
// forced off. Every step is said in the task's message; the end says how each VM fared.

import { AppError } from "../errors.ts";
import { errorWords, type TaskHandle } from "../tasks/handle.ts";
import { t } from "../../shared/i18n/t.ts";
import type { StartupOrder } from "../../shared/startup.ts";

/** A VM in the start sequence. */
export interface Planned {
  uuid: string;
  name: string;
  running: boolean;
  startup: StartupOrder;
}

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

/** Where a step is: its number, the plan's length and the VM's name, as the messages say. */
type Step = { n: number; total: number; name: string };

/**
 * Runs `step` on each VM of `plan` in turn as the task's steps: progress after each, a step that
 * throws is said as that VM's failure and the next goes on; the end says how each VM fared. A
 * step answers its VM's outcome, or null for none (cancelled mid-step).
 */
async function runSequence(
  task: TaskHandle,
  signal: AbortSignal,
  plan: () => Promise<Planned[]>,
  step: (vm: Planned, at: Step) => Promise<string | null>,
): Promise<void> {
  const outcomes: string[] = [];
  let failure: AppError | null = null;
  try {
    const vms = await plan();
    task.update({ vmIds: vms.map((vm) => vm.uuid) });
    for (const [i, vm] of vms.entries()) {
      if (signal.aborted) break;
      const at = { n: i + 1, total: vms.length, name: vm.name };
      try {
        const said = await step(vm, at);
        if (said) outcomes.push(said);
      } catch (err) {
        const { code, message } = errorWords(err);
        failure ??= new AppError(code as never, message);
        outcomes.push(t("{{name}} failed: {{error}}", { ...at, error: message }));
      }
      task.progress(at.n / at.total);
    }
  } catch (err) {
    task.fail(err);
    return;
  }
  finish(task, outcomes, failure, signal.aborted);
}

/**
 * Starts the VMs with a boot order in ascending order (running ones are passed over), waiting
 * each one's up-delay before the next; a VM that fails to start is said and the next goes on.
 */
export function startInOrder(
  deps: SequenceDeps,
  task: TaskHandle,
  signal: AbortSignal,
): Promise<void> {
  const now = deps.now ?? Date.now;
  return runSequence(task, signal, () => deps.plan(), async (vm, step) => {
    if (vm.running) return t("{{name}} was running", step);
    task.note(t("{{n}}/{{total}} {{name}}: starting", step));
    await deps.start(vm.uuid);
    const { upDelay, waitForAgent } = vm.startup;
    if (step.n === step.total || upDelay <= 0) return t("{{name}} started", step);
    if (!waitForAgent) {
      task.note(t("{{n}}/{{total}} {{name}}: waiting {{seconds}} s", {
        ...step,
        seconds: upDelay,
      }));
      await pause(upDelay * 1000, signal);
      return t("{{name}} started", step);
    }
    const started = now();
    task.note(t("{{n}}/{{total}} {{name}}: waiting up to {{seconds}} s for its guest agent", {
      ...step,
      seconds: upDelay,
    }));
    const answered = await waitUntil(() => deps.agentAnswers(vm.uuid), upDelay, signal, now);
    const seconds = Math.round((now() - started) / 1000);
    return answered
      ? t("{{name}} started, its agent answered after {{seconds}} s", { ...step, seconds })
      : t("{{name}} started, no agent answer in {{seconds}} s", { ...step, seconds });
  });
}

/**
 * Shuts the running VMs with a boot order down in descending order, each waited for up to its
 * shutdown timeout and then forced off, before the next one's shutdown.
 */
export function stopInOrder(
  deps: SequenceDeps,
  task: TaskHandle,
  signal: AbortSignal,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const plan = async () => (await deps.plan()).filter((vm) => vm.running).toReversed();
  return runSequence(task, signal, plan, async (vm, at) => {
    const step = { ...at, seconds: vm.startup.downTimeout };
    task.note(t("{{n}}/{{total}} {{name}}: shutting down, up to {{seconds}} s", step));
    await deps.shutdown(vm.uuid);
    const off = await waitUntil(
      async () => !(await deps.running(vm.uuid)),
      vm.startup.downTimeout,
      signal,
      now,
    );
    if (off) return t("{{name}} shut down", step);
    if (signal.aborted) return null;
    await deps.forceStop(vm.uuid);
    return t("{{name}} forced off after {{seconds}} s", step);
  });
}
