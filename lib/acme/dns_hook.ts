// DNS-01 through an admin's hook: an executable in the hook folder (/etc/kvm-manager/acme-hooks by
// default) that sets and removes the TXT record _acme-challenge.NAME at the admin's DNS provider,
// as certbot's manual hooks and acme.sh's dns scripts do. The browser only picks a hook by name:
// what runs as this server's user was put there by whoever may write that folder, which must be
// root or this server's user alone, never a path typed into a form.

import { dirname, join } from "node:path";
import { AppError } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";
import { type CommandRunner, runCommand } from "../firewall/run_command.ts";
import { HOOK_NAME } from "./input.ts";

export const DEFAULT_HOOK_DIR = "/etc/kvm-manager/acme-hooks";

/** A hook that takes longer is stopped: a DNS provider's API answers in seconds. */
const HOOK_TIMEOUT_MS = 120_000;
/** The end of a failed hook's output that its error quotes. */
const QUOTED_OUTPUT = 400;

export class DnsHooks {
  constructor(readonly dir: string, private readonly run: CommandRunner = runCommand) {}

  /**
   * The hooks that may be chosen: executable regular files only their owner may change, in a
   * folder that only root (or we) can change, nor any folder above it: whoever could rename one
   * of those could put another hook in place between this check and the run.
   */
  list(): string[] {
    if (!this.#safePath()) return [];
    const names: string[] = [];
    try {
      for (const entry of Deno.readDirSync(this.dir)) {
        if (HOOK_NAME.test(entry.name) && this.#safe(join(this.dir, entry.name), false)) {
          names.push(entry.name);
        }
      }
    } catch {
      return [];
    }
    return names.sort();
  }

  /** 400 ACME_HOOK_NOT_FOUND unless `name` is one of list(). */
  check(name: string): void {
    if (!this.list().includes(name)) {
      throw new AppError(
        "ACME_HOOK_NOT_FOUND",
        t(
          "No hook {{name}} in {{dir}}: put an executable there, owned by root and writable only by its owner",
          { name, dir: this.dir },
        ),
      );
    }
  }

  /**
   * Runs `HOOK add|remove _acme-challenge.NAME VALUE` (also in ACME_ACTION, ACME_RECORD,
   * ACME_VALUE, ACME_DOMAIN); 502 ACME_HOOK_FAILED when it exits non-zero or outlasts its time.
   */
  async call(name: string, action: "add" | "remove", domain: string, value: string) {
    this.check(name);
    const record = `_acme-challenge.${domain.replace(/^\*\./, "")}`;
    const path = join(this.dir, name);
    const signal = AbortSignal.timeout(HOOK_TIMEOUT_MS);
    let out;
    try {
      out = await this.run(
        "env",
        [
          `ACME_ACTION=${action}`,
          `ACME_DOMAIN=${domain}`,
          `ACME_RECORD=${record}`,
          `ACME_VALUE=${value}`,
          path,
          action,
          record,
          value,
        ],
        undefined,
        signal,
      );
    } catch (err) {
      throw new AppError(
        "ACME_HOOK_FAILED",
        t("The DNS hook {{name}} could not run: {{reason}}", {
          name,
          reason: signal.aborted
            ? t("it took longer than {{seconds}} s", { seconds: HOOK_TIMEOUT_MS / 1000 })
            : (err as Error).message,
        }),
      );
    }
    if (out.code !== 0) {
      const said = (out.stderr.trim() || out.stdout.trim()).slice(-QUOTED_OUTPUT);
      throw new AppError(
        "ACME_HOOK_FAILED",
        signal.aborted
          ? t("The DNS hook {{name}} took longer than {{seconds}} s and was stopped", {
            name,
            seconds: HOOK_TIMEOUT_MS / 1000,
          })
          : t("The DNS hook {{name}} failed to {{action}} {{record}} (exit {{code}}): {{said}}", {
            name,
            action,
            record,
            code: out.code,
            said: said || t("it printed nothing"),
          }),
      );
    }
  }

  /**
   * The hook folder is its own real path (no link on the way), and it and every folder above it
   * is owned by root or us and writable by no one else; a folder others may write with the sticky
   * bit (/tmp) lets them remove only their own entries, so it is allowed above the hook folder.
   */
  #safePath(): boolean {
    let real: string;
    try {
      real = Deno.realPathSync(this.dir);
    } catch {
      return false;
    }
    if (real !== this.dir.replace(/\/+$/, "") || !this.#safe(real, true)) return false;
    const me = Deno.uid();
    for (let dir = dirname(real);; dir = dirname(dir)) {
      let info: Deno.FileInfo;
      try {
        info = Deno.lstatSync(dir);
      } catch {
        return false;
      }
      const mode = info.mode ?? 0;
      const sticky = (mode & 0o1000) !== 0;
      if (!info.isDirectory || (info.uid !== 0 && info.uid !== me)) return false;
      if ((mode & 0o022) !== 0 && !sticky) return false;
      if (dir === "/") return true;
    }
  }

  /** Owned by root or us, not writable by group or others; a hook also executable and regular. */
  #safe(path: string, folder: boolean): boolean {
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(path);
    } catch {
      return false;
    }
    const me = Deno.uid();
    const mode = info.mode ?? 0;
    if (info.uid !== 0 && info.uid !== me) return false;
    if ((mode & 0o022) !== 0) return false;
    return folder ? info.isDirectory : info.isFile && (mode & 0o100) !== 0;
  }
}
