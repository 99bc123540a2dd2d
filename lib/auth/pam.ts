// Host accounts as sign-in identities: checks passwords through PAM and reads group membership
// through NSS. Decides what each PAM answer means for a web sign-in; ffi/ does the calls.

import { accountGroups, accountName } from "../../ffi/nss/accounts.ts";
import { PamClient } from "../../ffi/pam/client.ts";
import { PamStatus } from "../../ffi/pam/library.ts";
import type { PamOutcome } from "../../ffi/pam/protocol.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { PAM_CHECKS_AT_ONCE } from "./login_limiter.ts";

export type PamResult =
  | { ok: true }
  | { ok: false; reason: "bad-credentials" | "account-unavailable" | "error"; message: string };

export interface HostAccounts {
  /**
   * pam_start(service) + pam_authenticate + pam_acct_mgmt + pam_end, on a worker thread.
   * `remoteHost` (the client's address) becomes PAM_RHOST for modules that log or filter on it.
   */
  authenticate(user: string, password: string, remoteHost?: string): Promise<PamResult>;
  /**
   * The account's group names (primary + supplementary, through NSS:
   * getpwnam_r/getgrouplist/getgrgid_r), null when there is no such account.
   */
  groupsOf(user: string): Promise<string[] | null>;
  /**
   * The account's name as the host's user directory spells it (NSS getpwnam_r's pw_name), null
   * when there is no such account. It differs from `user` only in a directory that matches
   * names loosely (sssd with Active Directory, winbind: "Alice" finds "alice").
   */
  canonicalName(user: string): Promise<string | null>;
  /** Stops the worker. */
  close(): void;
}

/** What useradd accepts by default (Debian's NAME_REGEX, plus a trailing $ for Samba machines). */
const ACCOUNT_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;
/** Longer than any real password; refusing early keeps absurd input away from libpam. */
export const MAX_PASSWORD_BYTES = 4096;
/** pam_start takes a file name under /etc/pam.d (a superset of what lib/config.ts accepts). */
const SERVICE_NAME = /^(?!\.\.?$)[\w.@$-]{1,64}$/;

/** Made when a sign-in is checked, so its words are in the request's language. */
const badCredentials = (): PamResult => ({
  ok: false,
  reason: "bad-credentials",
  message: t("Wrong user name or password"),
});

// The same answer for "no such user" and "wrong password": telling them apart would let anyone
// probe which accounts exist. MAXTRIES and CRED_INSUFFICIENT are lockout/2FA-style refusals.
const REFUSED_CREDENTIALS = new Set<number>([
  PamStatus.AUTH_ERR,
  PamStatus.USER_UNKNOWN,
  PamStatus.MAXTRIES,
  PamStatus.CRED_INSUFFICIENT,
]);

// Answers that mean the password was right but the account may not sign in now. Modules return
// the expiry codes from pam_authenticate only after checking the password (pam_sss does).
const EXPIRED: Record<number, string> = {
  [PamStatus.ACCT_EXPIRED]: tKey("This account has expired"),
  [PamStatus.NEW_AUTHTOK_REQD]: tKey("This account's password must be changed on the host first"),
  [PamStatus.AUTHTOK_EXPIRED]: tKey("This account's password has expired"),
  [PamStatus.CRED_EXPIRED]: tKey("This account's credentials have expired"),
};
// From pam_acct_mgmt only: a stack like Debian's common-account turns pam_unix's refusal into
// pam_deny's AUTH_ERR, so every refusal there is "the account may not sign in".
const ACCOUNT_REFUSED = new Set<number>([
  PamStatus.PERM_DENIED,
  PamStatus.AUTH_ERR,
  PamStatus.USER_UNKNOWN,
]);

/** What one PAM transaction's outcome means for a sign-in. */
export function pamResultOf(outcome: PamOutcome): PamResult {
  const { step, status, description } = outcome;
  if (status === PamStatus.SUCCESS && step === "account") return { ok: true };
  if (step === "authenticate" && REFUSED_CREDENTIALS.has(status)) return badCredentials();
  if (step !== "start" && EXPIRED[status]) {
    return { ok: false, reason: "account-unavailable", message: t(EXPIRED[status]) };
  }
  if (step === "account" && ACCOUNT_REFUSED.has(status)) {
    return {
      ok: false,
      reason: "account-unavailable",
      message: t("This account may not sign in"),
    };
  }
  return {
    ok: false,
    reason: "error",
    message: t("Host sign-in failed: {{description}}", { description }),
  };
}

/** True for a name that could be a host account; anything else never reaches PAM or NSS. */
export function isPlausibleAccountName(user: string): boolean {
  return ACCOUNT_NAME.test(user);
}

/**
 * The password as a NUL-terminated C string in a buffer of its own, or null when PAM must not
 * see it (empty, too long, or holding a NUL that C would silently cut it at).
 */
function passwordBytes(password: string): Uint8Array<ArrayBuffer> | null {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: refuse huge input before encoding it.
  if (password.length === 0 || password.length > MAX_PASSWORD_BYTES) return null;
  const bytes = new Uint8Array(password.length * 3 + 1);
  const { written } = new TextEncoder().encodeInto(password, bytes);
  const exact = written <= MAX_PASSWORD_BYTES && bytes.subarray(0, written).indexOf(0) < 0
    ? bytes.slice(0, written + 1)
    : null;
  bytes.fill(0);
  return exact;
}

/** Host accounts checked through PAM service `service` (e.g. "kvm-manager"). */
export class PamAccounts implements HostAccounts {
  readonly service: string;
  #pam: PamClient;

  /** `workers`: most PAM checks to run at once (each wrong password holds one ~2 s). */
  constructor(service: string, { workers = PAM_CHECKS_AT_ONCE }: { workers?: number } = {}) {
    if (!SERVICE_NAME.test(service)) throw new Error(`invalid PAM service name "${service}"`);
    this.service = service;
    this.#pam = new PamClient({ workers });
  }

  async authenticate(user: string, password: string, remoteHost?: string): Promise<PamResult> {
    if (!isPlausibleAccountName(user)) return badCredentials();
    const bytes = passwordBytes(password);
    if (!bytes) return badCredentials();
    const rhost = remoteHost && /^[\w.:%-]{1,255}$/.test(remoteHost) ? remoteHost : undefined;
    try {
      const outcome = await this.#pam.check({
        service: this.service,
        user,
        password: bytes,
        remoteHost: rhost,
      });
      return pamResultOf(outcome);
    } catch (err) {
      // Worker-level failures (libpam missing, client closed) carry no password.
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        reason: "error",
        message: t("Host sign-in unavailable: {{message}}", { message }),
      };
    }
  }

  groupsOf(user: string): Promise<string[] | null> {
    if (!isPlausibleAccountName(user)) return Promise.resolve(null);
    return accountGroups(user);
  }

  canonicalName(user: string): Promise<string | null> {
    if (!isPlausibleAccountName(user)) return Promise.resolve(null);
    return accountName(user);
  }

  close(): void {
    this.#pam.close();
  }
}
