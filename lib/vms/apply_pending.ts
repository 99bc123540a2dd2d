// "Apply (shut down and start)": a running VM's pending changes (pending.ts) take effect only
// when QEMU starts again from the definition; a reboot from inside or through libvirt keeps the
// same QEMU process and what it runs. So: a graceful shutdown, a wait until it is off, a start.

import type { LibvirtClient } from "../../ffi/libvirt/client.ts";
import { conflict } from "../errors.ts";
import { vmState } from "./domains.ts";
import type { PendingChange } from "../../shared/vms.ts";
import type { PowerMethod } from "../../shared/guest.ts";
import type { TaskHandle } from "../tasks/handle.ts";
import { t } from "../../shared/i18n/t.ts";
import { inServerLanguage } from "../i18n/scope.ts";

/** How long the guest has to shut down before the apply gives up and leaves it running. */
export const SHUTDOWN_TIMEOUT_MS = 180_000;
const POLL_MS = 500;

export interface ApplyDeps {
  client: Pick<LibvirtClient, "call">;
  /** The VM's details afresh: its UUID, state and pending changes (domains.ts domainGet). */
  read: (id: string) => Promise<{ id: string; state: string; pending?: PendingChange[] }>;
  /** A graceful shutdown, as the Shut down action does (guest agent, else ACPI). */
  stop: (uuid: string) => Promise<{ method?: PowerMethod }>;
  start: (uuid: string) => Promise<unknown>;
  /** The request's task: it ends when the VM is started again (or the wait fails). */
  task?: TaskHandle;
  /**
   * One apply per VM at a time (throws 409 when one waits already), and whether another power
   * action on the VM came after it: then the wait ends without a start, so that a VM someone
   * stopped or started meanwhile is left as they left it.
   */
  claim?: (uuid: string) => ApplyClaim;
  timeoutMs?: number;
  pollMs?: number;
}

/** An apply's hold on its VM (see ApplyDeps.claim). */
export interface ApplyClaim {
  /** True once another power action on the VM was asked for. */
  readonly superseded: boolean;
  release(): void;
}

/** What `POST /api/vms/:id/apply-pending` answers (202): the shutdown has been asked for. */
export interface ApplyStarted {
  id: string;
  /** The changes that will apply. */
  pending: PendingChange[];
  /** How the shutdown was asked for. */
  method?: PowerMethod;
  /** Resolves when the VM has started again; rejects when it did not (also the task's end). */
  done: Promise<void>;
}

/**
 * Asks a running VM with pending changes to shut down, then (in the background) waits until it
 * is off and starts it. 409 when it is not running or nothing is pending.
 */
export async function applyPending(id: string, deps: ApplyDeps): Promise<ApplyStarted> {
  const vm = await deps.read(id);
  if (vm.state !== "running") throw conflict(t("VM is not running"));
  const pending = vm.pending ?? [];
  if (pending.length === 0) {
    throw conflict(t("Nothing waits for the next boot of this VM"));
  }
  // Taken before anything else waits: a second apply, even one sent at the same moment, is 409.
  const claim = deps.claim?.(vm.id);
  let method: PowerMethod | undefined;
  try {
    ({ method } = await deps.stop(vm.id));
  } catch (err) {
    claim?.release();
    throw err;
  }
  const task = deps.task?.follow();
  // The wait outlives the request: its words are the server's, kept in the task for everyone.
  const done = inServerLanguage(() => startWhenOff(vm.id, deps, claim));
  done.finally(() => claim?.release()).catch(() => {});
  done.then(() => {
    if (!task?.ended) task?.succeed();
  }, (err) => {
    if (!task?.ended) task?.fail(err);
  });
  return { id: vm.id, pending, method, done };
}

async function startWhenOff(uuid: string, deps: ApplyDeps, claim?: ApplyClaim): Promise<void> {
  const { client, task, timeoutMs = SHUTDOWN_TIMEOUT_MS, pollMs = POLL_MS } = deps;
  let cancelled = false;
  task?.cancellable(() => cancelled = true);
  task?.note(t("Waiting for the guest to shut down"));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { state } = await client.call("domainState", uuid);
    // Cancelled or overtaken first: a VM stopped by someone else must not be started again here.
    if (cancelled) {
      task?.cancelled(t("Stopped waiting; the VM was left as it is"));
      return;
    }
    if (claim?.superseded) {
      task?.cancelled(
        t("Another action on the VM came first; its changes apply at its next start"),
      );
      return;
    }
    if (vmState(state) === "stopped") break;
    if (Date.now() >= deadline) {
      throw conflict(
        t(
          "The guest did not shut down within {{seconds}} s and still runs the old settings: shut it down from inside, or force stop and start it",
          { seconds: Math.ceil(timeoutMs / 1000) },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  task?.cancellable(null);
  task?.note(t("Starting"));
  await deps.start(uuid);
}
