// Applying a change of the host's network as one step that undoes itself unless confirmed: the
// new interfaces file is written, ifupdown2 reloads it (`ifreload -a`, as Proxmox VE applies
// its network changes), and unless the admin confirms from the browser within the rollback time,
// the file as it was is written back and reloaded. The confirmation comes over the network as
// changed, so a change that cuts the admin off cannot be confirmed and undoes itself.
//
// The file as it was, and the deadline, are kept beside the data (`pendingPath`) until the
// change is confirmed or undone: a server stopped inside the window finds them at its next start
// and undoes the change then (resumeAtStart), since nobody confirmed it.

import { AppError } from "../errors.ts";
import { type CommandOutput, type CommandRunner, OneAtATime } from "../firewall/run_command.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PendingChange } from "../../shared/host_network.ts";

/** ifreload's names: PATH first, then sbin, which a service's PATH may lack. */
const IFRELOAD = ["ifreload", "/usr/sbin/ifreload", "/sbin/ifreload"];
/** ifupdown2 takes its lock in /run/network, which its boot service makes; a host may lack it. */
const RUN_DIR = "/run/network";
/** What ifreload's message is cut to in an error: enough to read, bounded. */
const MESSAGE_MAX = 2_000;

interface PendingFile extends PendingChange {
  previous: string;
}

export interface ApplierOptions {
  /** The interfaces file ifupdown2 reads (/etc/network/interfaces). */
  interfacesPath: string;
  /** Where the file as it was waits for the confirmation, beside the app's data. */
  pendingPath: string;
  run: CommandRunner;
}

export class HostNetworkApplier {
  readonly #opts: ApplierOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: PendingFile | null = null;
  /** One apply, confirm or rollback at a time. */
  readonly #turns = new OneAtATime();

  constructor(opts: ApplierOptions) {
    this.#opts = opts;
  }

  /** The interfaces file as it is now ("" when the host has none). */
  async current(): Promise<string> {
    try {
      return await Deno.readTextFile(this.#opts.interfacesPath);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return "";
      throw err;
    }
  }

  /** The change waiting for its confirmation, if any. */
  get pending(): PendingChange | null {
    return this.#pending && { deadline: this.#pending.deadline, id: this.#pending.id };
  }

  /**
   * Writes `next` and reloads. A reload that fails puts the file back and reloads again, and
   * throws in ifreload's words; one that works leaves the change pending for `rollbackSeconds`.
   */
  apply(next: string, rollbackSeconds: number): Promise<PendingChange> {
    return this.#turns.run(async () => {
      if (this.#pending) {
        throw new AppError(
          "HOST_NETWORK_CHANGE_PENDING",
          t("A network change is waiting for its confirmation: confirm it or let it roll back first"),
        );
      }
      const previous = await this.current();
      const pending: PendingFile = {
        previous,
        deadline: Date.now() + rollbackSeconds * 1000,
        id: crypto.randomUUID(),
      };
      // Kept before the change is made: a server killed during the reload still undoes it.
      await writeAtomically(this.#opts.pendingPath, JSON.stringify(pending));
      await writeAtomically(this.#opts.interfacesPath, next);
      try {
        await this.#reload();
      } catch (err) {
        await writeAtomically(this.#opts.interfacesPath, previous);
        await this.#reload().catch(() => {});
        await Deno.remove(this.#opts.pendingPath).catch(() => {});
        throw err;
      }
      this.#arm(pending);
      return { deadline: pending.deadline, id: pending.id };
    });
  }

  /** Keeps the pending change `id`; refused when none waits (it rolled back) or another does. */
  confirm(id: string): Promise<void> {
    return this.#turns.run(async () => {
      if (!this.#pending || this.#pending.id !== id) {
        throw new AppError(
          "HOST_NETWORK_NOTHING_TO_CONFIRM",
          t("This network change is no longer waiting: it was confirmed or rolled back"),
        );
      }
      this.#disarm();
      await Deno.remove(this.#opts.pendingPath).catch(() => {});
    });
  }

  /** Undoes the pending change now (the admin's "Roll back", or its deadline). */
  rollback(): Promise<void> {
    return this.#turns.run(() => this.#rollback());
  }

  /** At start: a change left pending by a server that stopped is undone, as nobody confirmed it. */
  async resumeAtStart(): Promise<boolean> {
    let left: PendingFile;
    try {
      left = JSON.parse(await Deno.readTextFile(this.#opts.pendingPath));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return false;
      throw err;
    }
    this.#pending = left;
    await this.rollback();
    return true;
  }

  /** Stops the timer (a closing server); the pending file stays for resumeAtStart. */
  close(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #rollback(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    // Pending until the reload is done: whoever asks meanwhile sees the change still there.
    try {
      await writeAtomically(this.#opts.interfacesPath, pending.previous);
      await this.#reload();
    } finally {
      this.#pending = null;
      await Deno.remove(this.#opts.pendingPath).catch(() => {});
    }
  }

  #arm(pending: PendingFile) {
    this.#pending = pending;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.rollback().catch((err) => console.error("host network: rolling back failed:", err));
    }, Math.max(0, pending.deadline - Date.now()));
  }

  #disarm() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = null;
  }

  async #reload(): Promise<void> {
    await Deno.mkdir(RUN_DIR, { recursive: true });
    const out = await this.#runIfreload();
    if (out === null) {
      throw new AppError(
        "HOST_NETWORK_BACKEND_MISSING",
        t("ifupdown2 is not installed: host network changes need its ifreload (apt install ifupdown2)"),
      );
    }
    if (out.code !== 0) {
      throw new AppError(
        "HOST_NETWORK_APPLY_FAILED",
        t("ifreload refused the change (exit status {{code}}): {{message}}", {
          code: String(out.code),
          message: (out.stderr.trim() || out.stdout.trim() || t("no message")).slice(
            0,
            MESSAGE_MAX,
          ),
        }),
      );
    }
  }

  /** `ifreload -a` under the first of its names that exists; null when none does. */
  async #runIfreload(): Promise<CommandOutput | null> {
    for (const binary of IFRELOAD) {
      try {
        return await this.#opts.run(binary, ["-a"]);
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) continue;
        throw new AppError(
          "HOST_NETWORK_APPLY_FAILED",
          t("ifreload could not be run: {{reason}}", { reason: (err as Error).message }),
        );
      }
    }
    return null;
  }
}

/** Writes a file whole or not at all: a crash never leaves half an interfaces file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.kvmm-tmp`;
  await Deno.writeTextFile(tmp, text);
  await Deno.rename(tmp, path);
}
