// One repository's restic commands: init, snapshots, backup from a stream, dump into a stream,
// forget --prune by a keep policy, check, unlock. Each is one child process (run.ts).

import { keepArgs, type RepoAccess, resticCall } from "./command.ts";
import {
  backupLine,
  type BackupSummary,
  forgetResult,
  type Snapshot,
  snapshotList,
} from "./json.ts";
import { type RunOptions, runRestic } from "./run.ts";
import { openReach } from "./reach.ts";
import type { FetchRules } from "../outbound/guarded_fetch.ts";
import { AppError } from "../errors.ts";
import type { KeepPolicy } from "../../shared/restic.ts";
import { t } from "../../shared/i18n/t.ts";

/** Where restic keeps its cache, and the known_hosts of SFTP servers trusted on first use. */
export interface ResticPlaces {
  cacheDir: string;
  tofuFile: string;
}

export class ResticRepo {
  constructor(
    readonly name: string,
    readonly access: RepoAccess,
    readonly places: ResticPlaces,
    /** The outbound address rule the repository's host is judged by before each run (reach.ts). */
    readonly outbound: () => FetchRules,
  ) {}

  /** One restic run: the host checked and the way to it opened first, closed after. */
  async #run(args: string[], json: boolean, options: RunOptions = {}): Promise<string> {
    const reach = await openReach(this.access, this.outbound(), options.signal);
    try {
      return await runRestic(
        this.name,
        resticCall(this.access, args, { ...this.places, json, reach }),
        options,
      );
    } catch (err) {
      // restic only says "Forbidden": the gate knows which host the address rule refused.
      throw reach.refusal() ?? err;
    } finally {
      reach.close();
    }
  }

  /** Makes the repository (restic init). */
  async init(): Promise<void> {
    await this.#run(["init"], false);
  }

  /** The snapshots with all of `tags` (none: every snapshot). */
  async snapshots(tags: string[] = [], signal?: AbortSignal): Promise<Snapshot[]> {
    const filter = tags.length ? ["--tag", tags.join(",")] : [];
    return snapshotList(
      await this.#run(["snapshots", ...filter], true, { signal }),
    );
  }

  /** Backs up `stdin` as file `filename` with `tags`; `progress` gets the bytes read so far. */
  async backupStream(
    { stdin, filename, tags, host, progress, signal }: {
      stdin: ReadableStream<Uint8Array>;
      filename: string;
      tags: string[];
      host: string;
      progress?: (bytesDone: number) => void;
      signal?: AbortSignal;
    },
  ): Promise<BackupSummary> {
    let summary: BackupSummary | null = null;
    const args = ["backup", "--stdin", "--stdin-filename", filename, "--host", host];
    for (const tag of tags) args.push("--tag", tag);
    await this.#run(args, true, {
      stdin,
      signal,
      onLine: (line) => {
        const parsed = backupLine(line);
        if (parsed?.type === "status") progress?.(parsed.status.bytesDone);
        if (parsed?.type === "summary") summary = parsed.summary;
      },
    });
    if (!summary) {
      throw new AppError(
        "RESTIC_FAILED",
        t("restic finished the backup into {{name}} without its summary", { name: this.name }),
      );
    }
    return summary;
  }

  // "--" before snapshot ids and paths: a crafted backup's metadata names them, and restic
  // reads any word starting with "-" as an option (--password-command=… runs a program).

  /** Writes file `path` of snapshot `id` into `out` (restic dump). */
  async dump(id: string, path: string, out: WritableStream<Uint8Array>, signal?: AbortSignal) {
    await this.#run(["dump", "--", id, path], false, {
      stdoutTo: out,
      signal,
    });
  }

  /** The text of file `path` of snapshot `id`. */
  async dumpText(id: string, path: string, signal?: AbortSignal): Promise<string> {
    return await this.#run(["dump", "--", id, path], false, { signal });
  }

  /** forget --prune by `keep`, over the snapshots with `tags`: what was kept and removed. */
  async forget(keep: KeepPolicy, tags: string[], signal?: AbortSignal) {
    const rules = keepArgs(keep);
    if (!rules.length) {
      throw new AppError(
        "INVALID_STATE",
        t("Repository {{name}} has no keep policy: set one before pruning", { name: this.name }),
      );
    }
    const filter = tags.length ? ["--tag", tags.join(",")] : [];
    const text = await this.#run(
      ["forget", "--prune", "--group-by", "host,paths", ...rules, ...filter],
      true,
      { signal },
    );
    // forget prints its JSON array on one line, prune its own words after it.
    const line = text.split("\n").find((l) => l.trim().startsWith("[")) ?? "[]";
    return forgetResult(line);
  }

  /** Forgets snapshots `ids` (no prune: their data goes at the next prune). */
  async forgetIds(ids: string[]): Promise<void> {
    if (ids.length) await this.#run(["forget", "--", ...ids], false);
  }

  /** restic check (reading every pack, or a subset, when asked). */
  async check(
    { readData = false, readDataSubset }: { readData?: boolean; readDataSubset?: string },
    signal?: AbortSignal,
  ): Promise<void> {
    const args = ["check", "--no-cache"];
    if (readData) args.push("--read-data");
    else if (readDataSubset) args.push(`--read-data-subset=${readDataSubset}`);
    await this.#run(args, false, { signal });
  }

  /** Removes stale locks (a killed run leaves its lock behind). */
  async unlock(): Promise<void> {
    await this.#run(["unlock"], false).catch(() => {});
  }
}
