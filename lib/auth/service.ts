// Signing in and out, and finding who is behind a request: PAM checks the password, host groups
// (or an admin's assignment) give the role, and a session or API token carries it afterwards.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { type Grant, UserAccess } from "./access.ts";
import { FAILURE_DELAY_MS, LoginLimiter } from "./login_limiter.ts";
import { Sessions } from "./sessions.ts";
import { ConsoleTickets } from "./tickets.ts";
import { ApiTokens } from "./tokens.ts";
import type { HostAccounts } from "./pam.ts";
import type { AuthSettings, Identity, Role } from "./types.ts";

export interface SignedIn {
  secret: string;
  csrf: string;
  identity: Identity;
  grant: Grant;
}

/** Who a request comes from, and its session's CSRF token when it came with a cookie. */
export interface Caller {
  identity: Identity;
  csrf?: string;
}

export class AuthService {
  readonly sessions: Sessions;
  readonly tokens: ApiTokens;
  readonly access: UserAccess;
  readonly limiter: LoginLimiter;
  readonly tickets: ConsoleTickets;
  readonly #accounts: HostAccounts;
  readonly #failureDelayMs: number;

  constructor(
    { store, settings, accounts, failureDelayMs = FAILURE_DELAY_MS, now = Date.now }: {
      store: Store;
      settings: AuthSettings;
      accounts: HostAccounts;
      /** Added to every failed sign-in (tests shorten it). */
      failureDelayMs?: number;
      now?: () => number;
    },
  ) {
    this.sessions = new Sessions(store, settings.sessionIdleMinutes * 60_000, now);
    this.tokens = new ApiTokens(store, now);
    this.access = new UserAccess(store, settings);
    this.limiter = new LoginLimiter(now);
    this.tickets = new ConsoleTickets(now);
    this.#accounts = accounts;
    this.#failureDelayMs = failureDelayMs;
    this.settings = settings;
  }

  readonly settings: AuthSettings;

  /**
   * Checks a password and opens a session. Refusals: 429 TOO_MANY_ATTEMPTS for an address
   * with too many recent failures, 401 BAD_CREDENTIALS (the same words for an unknown account
   * and a wrong password), 401 ACCOUNT_UNAVAILABLE, 403 NOT_ALLOWED for an account outside the
   * configured groups.
   */
  async login(user: unknown, password: unknown, ip: string): Promise<SignedIn> {
    const wait = this.limiter.retryAfter(ip);
    if (wait > 0) {
      throw new AppError(
        429,
        "TOO_MANY_ATTEMPTS",
        `Too many failed sign-ins from this address; try again in ${wait} s`,
        { retryAfter: wait },
      );
    }
    if (typeof user !== "string" || typeof password !== "string" || !user || !password) {
      throw new AppError(400, "INVALID_INPUT", "Enter a user name and a password");
    }
    const result = await this.#accounts.authenticate(user, password, ip);
    if (!result.ok) {
      this.limiter.failed(ip);
      await new Promise((r) => setTimeout(r, this.#failureDelayMs));
      if (result.reason === "account-unavailable") {
        throw new AppError(401, "ACCOUNT_UNAVAILABLE", `Account ${user}: ${result.message}`);
      }
      if (result.reason === "error") {
        throw new AppError(500, "PAM_ERROR", `Sign-in failed: ${result.message}`);
      }
      throw new AppError(401, "BAD_CREDENTIALS", "Wrong user name or password");
    }
    const groups = await this.#accounts.groupsOf(user) ?? [];
    const grant = this.access.grantFor(user, groups);
    if (!grant) {
      const s = this.settings;
      const allowed = [...s.adminGroups, ...s.operatorGroups, ...s.viewerGroups].join(", ");
      throw new AppError(
        403,
        "NOT_ALLOWED",
        `Account ${user} may not use KVM Manager: only root and members of ${allowed} may`,
      );
    }
    this.limiter.succeeded(ip);
    const { secret, csrf } = this.sessions.create(user, grant.role, grant.vms, ip);
    return {
      secret,
      csrf,
      grant,
      identity: { user, role: grant.role, vms: grant.vms, via: "session" },
    };
  }

  /** The caller behind a bearer token or a session cookie; null when neither is valid. */
  identify({ bearer, cookie }: { bearer?: string; cookie?: string }): Caller | null {
    if (bearer !== undefined) {
      const identity = this.tokens.verify(bearer);
      return identity ? { identity } : null;
    }
    if (cookie) {
      const session = this.sessions.lookup(cookie);
      return session ? { identity: session.identity, csrf: session.csrf } : null;
    }
    return null;
  }

  logout(cookie: string): void {
    this.sessions.end(cookie);
  }

  /** Assigns a role and applies it to the account's open sessions at once. */
  assign(user: string, role: unknown, vms: "*" | string[], by: string) {
    const a = this.access.set(user, role, vms, by);
    this.sessions.updateUser(a.user, a.role, a.vms);
    return a;
  }

  /** Removes an assignment; the account's sessions end, its groups decide at the next sign-in. */
  unassign(user: string) {
    this.access.remove(user);
    this.sessions.endUser(user);
  }

  /** A console ticket for this caller and VM (checked by the caller's role beforehand). */
  consoleTicket(identity: Identity, vmId: string) {
    return this.tickets.issue(ticketHolder(identity), vmId);
  }

  redeemTicket(ticket: string, identity: Identity, vmId: string): boolean {
    return this.tickets.redeem(ticket, ticketHolder(identity), vmId);
  }

  close(): void {
    this.#accounts.close();
  }
}

// A token's ticket is bound to the token, not merely to its owner's account.
const ticketHolder = (identity: Identity) =>
  identity.token ? `${identity.user}/token:${identity.token.id}` : identity.user;

export type { Role };
