// Applying a change of the host's network as one step that undoes itself unless confirmed: the
// new interfaces file is written, ifupdown2 reloads it (`ifreload -a`, as Proxmox VE applies
// its network changes), and unless the admin confirms from the browser within the rollback time,
// the file as it was is written back and reloaded. The confirmation comes over the network as
// changed, so a change that cuts the admin off cannot be confirmed and undoes itself.
//
// The file as it was is kept beside the data (`pendingPath`, written and synced before the
// change) until the change is confirmed or undone: a server stopped inside the window, or a host
// that lost power, finds it at the next start and undoes the change then (resumeAtStart), since
// nobody confirmed it. A rollback that fails keeps it and tries again.

import { z } from "zod";
import { AppError } from "../errors.ts";
import { type CommandOutput, type CommandRunner, OneAtATime } from "../firewall/run_command.ts";
import { t } from "../../shared/i18n/t.ts";
import type { PendingChange } from "../../shared/host_network.ts";
import { portsNotInFile, restorePorts } from "./guest_ports.ts";
import { readIfPresent, readInterfaces, writeDurably } from "./files.ts";

/** ifreload's names: PATH first, then sbin, which a service's PATH may lack. */
const IFRELOAD = ["ifreload", "/usr/sbin/ifreload", "/sbin/ifreload"];
/** ifupdown2 takes its lock in /run/network, which its boot service makes; a host may lack it. */
const RUN_DIR = "/run/network";
/** What ifreload's message is cut to in an error: enough to read, bounded. */
const MESSAGE_MAX = 2_000;
/** How long a reload may take (DHCP on a new bridge included) before it is killed. */
export const RELOAD_LIMIT_MS = 120_000;
/** How soon a rollback that failed (a full disk, ifupdown2's lock held) is tried again. */
const RETRY_MS = 15_000;

/** The pending file as written; anything else found there is not trusted (resumeAtStart). */
const PendingFile = z.strictObject({
  id: z.uuid(),
  deadline: z.number(),
  previous: z.string().max(1024 * 1024),
});
type PendingFile = z.infer<typeof PendingFile>;

export interface ApplierOptions {
  /** The interfaces file ifupdown2 reads (/etc/network/interfaces). */
  interfacesPath: string;
  /** Where the file as it was waits for the confirmation, beside the app's data. */
  pendingPath: string;
  run: CommandRunner;
  /** Told of each rollback, done or failed (the server's log). */
  log?: (message: string) => void;
}

export class HostNetworkApplier {
  readonly #opts: ApplierOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: PendingFile | null = null;
  /** One apply, confirm or rollback at a time. */
  readonly #turns = new OneAtATime();
  #closed = false;

  constructor(opts: ApplierOptions) {
    this.#opts = opts;
  }

  /** The interfaces file as it is now ("" when the host has none). */
  current(): Promise<string> {
    return readInterfaces(this.#opts.interfacesPath);
  }

  /** The change waiting for its confirmation, if any (also while it is being applied). */
  get pending(): PendingChange | null {
    return this.#pending && { deadline: this.#pending.deadline, id: this.#pending.id };
  }

  /**
   * Writes `next` and reloads. A reload that fails puts the file back and reloads again, and
   * throws in ifreload's words; one that works leaves the change pending for `rollbackSeconds`,
   * counted from the end of the reload (a slow DHCP must not eat the admin's time).
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
      // Kept, synced, before the change is made: a server killed during the reload, or a host
      // that loses power, still undoes it at the next start.
      const pending: PendingFile = {
        previous,
        deadline: Date.now() + RELOAD_LIMIT_MS + rollbackSeconds * 1000,
        id: crypto.randomUUID(),
      };
      await writeDurably(this.#opts.pendingPath, JSON.stringify(pending), 0o600);
      this.#pending = pending;
      try {
        await writeDurably(this.#opts.interfacesPath, next);
        await this.#reload(next, previous);
      } catch (err) {
        try {
          await writeDurably(this.#opts.interfacesPath, previous);
          await this.#reload(previous, next);
          await this.#forget();
        } catch (undo) {
          // The file as it was stays pending: the timer tries again.
          this.#opts.log?.(`host network: undoing a failed apply failed: ${undo}`);
          this.#arm(RETRY_MS);
        }
        throw err;
      }
      pending.deadline = Date.now() + rollbackSeconds * 1000;
      this.#arm(rollbackSeconds * 1000);
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
      // Removed first: a pending file left behind would undo the kept change at the next start.
      await Deno.remove(this.#opts.pendingPath).catch((err) => {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      });
      this.#disarm();
      this.#pending = null;
    });
  }

  /** Undoes the pending change now (the admin's "Roll back", or its deadline). */
  rollback(): Promise<void> {
    return this.#turns.run(() => this.#rollback());
  }

  /**
   * At start: a change left pending by a server that stopped is undone, as nobody confirmed it.
   * A pending file that is not one this applier wrote (cut short by a power loss, or not ours)
   * is set aside with a word in the log, never written into the interfaces file.
   */
  resumeAtStart(): Promise<boolean> {
    return this.#turns.run(async () => {
      const text = await readIfPresent(this.#opts.pendingPath);
      if (text === null) return false;
      let left: PendingFile;
      try {
        left = PendingFile.parse(JSON.parse(text));
      } catch {
        const aside = `${this.#opts.pendingPath}.unreadable`;
        await Deno.rename(this.#opts.pendingPath, aside);
        this.#opts.log?.(
          `host network: ${this.#opts.pendingPath} is not a pending change this server wrote; moved to ${aside}, nothing rolled back`,
        );
        return false;
      }
      this.#pending = left;
      await this.#rollback();
      return true;
    });
  }

  /** Stops the timer (a closing server); the pending file stays for resumeAtStart. */
  close(): void {
    this.#closed = true;
    this.#disarm();
  }

  async #rollback(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    this.#disarm();
    // Pending until the reload is done: whoever asks meanwhile sees the change still there.
    try {
      const applied = await this.current();
      await writeDurably(this.#opts.interfacesPath, pending.previous);
      await this.#reload(pending.previous, applied);
    } catch (err) {
      this.#opts.log?.(`host network: rolling back failed, trying again in 15 s: ${err}`);
      this.#arm(RETRY_MS);
      throw err;
    }
    await this.#forget();
    this.#opts.log?.(`host network: the unconfirmed change ${pending.id} was rolled back`);
  }

  async #forget() {
    this.#pending = null;
    await Deno.remove(this.#opts.pendingPath).catch(() => {});
  }

  #arm(ms: number) {
    this.#disarm();
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.rollback().catch(() => {/* logged, and tried again by #rollback */});
    }, Math.max(0, ms));
  }

  #disarm() {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * `ifreload -a` for `file`, keeping VMs' ports on their bridges (guest_ports.ts). A port the
   * file it replaces (`other`) names is the files' to place, not a VM's: a port the change takes
   * out of its bridge stays out.
   */
  async #reload(file: string, other: string): Promise<void> {
    await Deno.mkdir(RUN_DIR, { recursive: true });
    const ports = await portsNotInFile(this.#opts.run, `${file}\n${other}`);
    let out: CommandOutput | null;
    try {
      out = await this.#runIfreload();
    } finally {
      await restorePorts(this.#opts.run, ports);
    }
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

  /** `ifreload -a` under the first of its names that exists, killed past RELOAD_LIMIT_MS. */
  async #runIfreload(): Promise<CommandOutput | null> {
    for (const binary of IFRELOAD) {
      try {
        return await this.#opts.run(
          binary,
          ["-a"],
          undefined,
          AbortSignal.timeout(RELOAD_LIMIT_MS),
        );
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
