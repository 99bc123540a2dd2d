// Signing in and out, and finding who is behind a request: PAM checks the password, host groups
// (or an admin's assignment) give the role, and a session or API token carries it afterwards.

import { AppError } from "../errors.ts";
import type { Store } from "../store.ts";
import { type Grant, UserAccess } from "./access.ts";
import { type Attempt as LoginAttempt, FAILURE_DELAY_MS, LoginLimiter } from "./login_limiter.ts";
import { Sessions } from "./sessions.ts";
import { ConsoleTickets } from "./tickets.ts";
import { OpenChannels } from "./open_channels.ts";
import { ApiTokens } from "./tokens.ts";
import type { ApiTokenInfo } from "../../shared/auth.ts";
import type { HostAccounts } from "./pam.ts";
import { AUTH_CODES, SignInBody } from "./input.ts";
import { validated } from "../validate.ts";
import { type AuthSettings, type Identity, type Role, ROLES } from "../../shared/auth.ts";
import { atLeast, lowerRole, tokenIdentity } from "./effective.ts";
import { t } from "../../shared/i18n/t.ts";
import { TwoFactor } from "../twofa/service.ts";
import { PendingSignIns } from "../twofa/pending.ts";
import { SECOND_STEP_DELAY_MS, SecondFactorSignIn } from "./second_factor.ts";
import type { SignedIn } from "./signed_in.ts";
import { Realms } from "./realms/service.ts";
import { pamSignIn, SignInRefused } from "./pam_sign_in.ts";

export { SignInRefused };
import { PAM_REALM } from "../../shared/realms.ts";

export type { SignedIn };
import type { SecondStep } from "../../shared/twofa.ts";

export { MAX_USER_NAME } from "./input.ts";

/** How long a token owner's grant (host groups through NSS) is remembered. */
export const OWNER_GRANT_TTL_MS = 30_000;

/** A right password whose second step follows: `pending` goes into the second step's cookie. */
export interface PasswordPassed {
  pending: string;
  step: SecondStep;
}

/** Who a request comes from, and its session's CSRF token when it came with a cookie. */
export interface Caller {
  identity: Identity;
  csrf?: string;
}

/**
 * A realm sign-in's name as the limiter's account bucket keys it: the forms a directory takes
 * for the same account (width, case, spaces) are one bucket.
 */
function bucketName(user: string): string {
  return user.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export class AuthService {
  readonly sessions: Sessions;
  readonly tokens: ApiTokens;
  readonly access: UserAccess;
  readonly limiter: LoginLimiter;
  readonly tickets: ConsoleTickets;
  readonly twofa: TwoFactor;
  readonly pending: PendingSignIns;
  /** Consoles and event streams, closed when their holder's access is withdrawn. */
  readonly channels = new OpenChannels();
  /** The second step of a sign-in: a code, a recovery code or a security key. */
  readonly secondStep: SecondFactorSignIn;
  /** Directories users sign in through beside the host's accounts (`name@realm`). */
  readonly realms: Realms;
  readonly #accounts: HostAccounts;
  readonly #failureDelayMs: number;
  readonly #now: () => number;
  readonly #ownerGrants = new Map<string, { at: number; grant: Promise<Grant | null> }>();

  constructor(
    {
      store,
      settings,
      accounts,
      failureDelayMs = FAILURE_DELAY_MS,
      secondStepDelayMs = SECOND_STEP_DELAY_MS,
      now = Date.now,
    }: {
      store: Store;
      settings: AuthSettings;
      accounts: HostAccounts;
      /** A failed sign-in is answered this long after it started (tests shorten it). */
      failureDelayMs?: number;
      /** A wrong second-step code likewise. */
      secondStepDelayMs?: number;
      now?: () => number;
    },
  ) {
    this.sessions = new Sessions(store, settings.sessionIdleMinutes * 60_000, now);
    this.tokens = new ApiTokens(store, now);
    this.access = new UserAccess(store, settings);
    this.realms = new Realms(store, now);
    this.limiter = new LoginLimiter(now);
    this.tickets = new ConsoleTickets(now);
    this.pending = new PendingSignIns(now);
    // A factor added ends the account's pending sign-ins: each was told to enrol, or what to
    // verify with, before it.
    this.twofa = new TwoFactor(store, now, (user) => this.pending.endUser(user));
    this.secondStep = new SecondFactorSignIn({
      twofa: this.twofa,
      pending: this.pending,
      limiter: this.limiter,
      sessions: this.sessions,
      delayMs: secondStepDelayMs,
      now,
      // A directory realm's user: as the directory gives it now; an OpenID Connect user: as the
      // provider gave it at this sign-in (it tells nothing between sign-ins).
      grantOf: async ({ user, realmRole }) => {
        const found = this.realms.realmUser(user);
        if (found?.realm.kind === "oidc") {
          return realmRole ? this.access.grantForRealm(user, realmRole) : null;
        }
        if (found) return await this.ownerGrant(user);
        return this.access.grantFor(user, await accounts.groupsOf(user) ?? []);
      },
    });
    this.#accounts = accounts;
    this.#failureDelayMs = failureDelayMs;
    this.#now = now;
    this.settings = settings;
  }

  readonly settings: AuthSettings;

  /**
   * Checks a password and opens a session. Refusals: 429 TOO_MANY_ATTEMPTS (with `retryAfter`)
   * when the address's or the account's bucket or the PAM queue is full, checked before PAM is
   * asked; 401 BAD_CREDENTIALS, in the same words and after the same delay, for an unknown
   * account, a wrong password and a right one for an account outside the configured groups
   * (SignInRefused carries the true reason for the audit log); 401 ACCOUNT_UNAVAILABLE.
   * An account with a second factor, or whose role requires one, gets no session yet: the
   * answer is PasswordPassed, and the second step (secondStep) opens the session.
   */
  async login(
    name: unknown,
    secret: unknown,
    ip: string,
    realmName: unknown = undefined,
  ): Promise<SignedIn | PasswordPassed> {
    // Before the limiter: its buckets are keyed by the name, so no name may be large.
    const { user, password, realm } = validated(
      SignInBody,
      { user: name, password: secret, realm: realmName },
      AUTH_CODES,
    );
    const started = this.#now();
    const viaRealm = realm !== undefined && realm !== PAM_REALM;
    // A directory takes " ALICE" and "ａｌｉｃｅ" for alice: so does the account's bucket.
    const attempt = this.limiter.begin(ip, viaRealm ? `${bucketName(user)}@${realm}` : user);
    let refusal: AppError;
    try {
      await attempt.turn();
      if (viaRealm) {
        // Counted like a password, but never in PAM's queue: a slow directory holds no place
        // a host account's sign-in waits for. Each directory step has the realm's timeout.
        attempt.pamDone();
        const outcome = await this.realms.signIn(realm, user, password);
        if (outcome.ok) {
          return this.#open(
            outcome.user,
            this.access.grantForRealm(outcome.user, outcome.role),
            ip,
            { attempt, secondStep: !outcome.providerSecondFactor, realmRole: outcome.role },
          );
        }
        refusal = outcome.refusal === "no-role"
          ? new AppError("NO_ROLE", outcome.detail)
          : new SignInRefused(outcome.reason, outcome.detail);
      } else if (this.realms.realmUser(user)) {
        // The host's accounts never take a realm user's name: it would be their sessions,
        // factors and tokens.
        refusal = new SignInRefused(
          "REALM_NAME",
          t("{{user}} names a realm's account: sign in through that realm", { user }),
        );
      } else {
        const outcome = await pamSignIn(
          { accounts: this.#accounts, access: this.access, settings: this.settings },
          { user, password, ip, pamDone: attempt.pamDone },
        );
        if (!(outcome instanceof AppError)) return this.#open(user, outcome, ip, { attempt });
        refusal = outcome;
      }
    } catch (err) {
      attempt.finish(false);
      throw err;
    }
    // Every failure is answered at the same time after its start, whatever PAM took.
    const wait = started + this.#failureDelayMs - this.#now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    attempt.finish(false);
    throw refusal;
  }

  /**
   * Finishes a sign-in at an OpenID Connect realm's provider (the browser came back with its
   * answer): the session, its second step first, or the refusal thrown (400 INVALID_REALM for a
   * sign-in not under way for this browser, 403 NO_ROLE, 502 PROVIDER_*). Counted in the sign-in
   * limits as a password is.
   */
  async signInOidc(
    state: string,
    browser: string | undefined,
    query: string,
    ip: string,
  ): Promise<SignedIn | PasswordPassed> {
    // A callback for no sign-in of this browser's is refused before it counts against the
    // address: someone else's stale link must not lock this address out of signing in.
    const flow = this.realms.oidcFlow(state, browser);
    const attempt = this.limiter.begin(ip, `oidc:${flow.realm}:${state.slice(0, 64)}`);
    try {
      await attempt.turn();
      // As a directory's sign-in: never in PAM's queue.
      attempt.pamDone();
      const { outcome } = await this.realms.oidcFinish(flow, query);
      if (!outcome.ok) throw new AppError("NO_ROLE", outcome.detail, { user: outcome.user });
      return this.#open(outcome.user, this.access.grantForRealm(outcome.user, outcome.role), ip, {
        attempt,
        secondStep: !outcome.providerSecondFactor,
        realmRole: outcome.role,
      });
    } catch (err) {
      attempt.finish(false);
      throw err;
    }
  }

  /**
   * A grant's session, or its second step first (`secondStep: false` when the realm's provider
   * asked one already).
   */
  #open(
    user: string,
    grant: Grant,
    ip: string,
    { attempt, secondStep = true, realmRole }: {
      attempt: LoginAttempt;
      secondStep?: boolean;
      realmRole?: Role;
    },
  ): SignedIn | PasswordPassed {
    const passed = secondStep ? this.#secondStepOf(user, grant, ip, realmRole) : null;
    if (passed) {
      attempt.finish("partial");
      return passed;
    }
    attempt.finish(true);
    const { secret, csrf } = this.sessions.create(user, grant.role, grant.vms, ip);
    return {
      secret,
      csrf,
      grant,
      identity: { user, role: grant.role, vms: grant.vms, via: "session" },
    };
  }

  /** The second step a right password leads to, or null when the session opens at once. */
  #secondStepOf(
    user: string,
    grant: Grant,
    ip: string,
    realmRole?: Role,
  ): PasswordPassed | null {
    const enrolled = this.twofa.enrolled(user);
    if (!enrolled && !this.twofa.isRequired(grant.role)) return null;
    const pending = this.pending.create({ user, ip, enrol: !enrolled, realmRole });
    return {
      pending,
      step: {
        secondFactor: enrolled ? "verify" : "enrol",
        user,
        methods: enrolled ? this.twofa.methods(user) : [],
      },
    };
  }

  /**
   * The caller behind a bearer token or a session cookie; null when neither is valid. `touch:
   * false` leaves a session's idle time and a token's last use alone.
   */
  async identify(
    { bearer, cookie }: { bearer?: string; cookie?: string },
    { touch = true }: { touch?: boolean } = {},
  ): Promise<Caller | null> {
    if (bearer !== undefined) {
      const token = this.tokens.verify(bearer, { touch });
      if (!token) return null;
      const identity = tokenIdentity(token, await this.ownerGrant(token.user));
      return identity ? { identity } : null;
    }
    if (cookie) {
      const session = this.sessions.lookup(cookie, { touch });
      return session ? { identity: session.identity, csrf: session.csrf } : null;
    }
    return null;
  }

  /**
   * An account's grant as its host groups and assignment give it now (null: it may not sign
   * in), remembered for OWNER_GRANT_TTL_MS; an assignment change applies at once.
   */
  ownerGrant(user: string): Promise<Grant | null> {
    const now = this.#now();
    const known = this.#ownerGrants.get(user);
    if (known && now - known.at < OWNER_GRANT_TTL_MS) return known.grant;
    // A realm's user: as the directory gives it now; while it cannot be asked, nothing.
    const grant = this.realms.realmUser(user)
      ? this.realms.roleOf(user).then(
        (role) => role ? this.access.grantForRealm(user, role) : null,
        () => null,
      )
      : this.#accounts.groupsOf(user).then(
        (groups) =>
          groups === null && user !== "root" ? null : this.access.grantFor(user, groups ?? []),
        () => null,
      );
    if (this.#ownerGrants.size > 1000) this.#ownerGrants.clear();
    this.#ownerGrants.set(user, { at: now, grant });
    return grant;
  }

  /**
   * Makes an API token for the caller; 403 FORBIDDEN for a role above the caller's own
   * (a token's is the lower of its role and its owner's).
   */
  createToken(
    caller: Identity,
    input: { name: string; role: Role; vms?: "*" | string[]; expiresInDays?: number | null },
  ) {
    this.#mayManageTokens(caller);
    if (this.realms.realmUser(caller.user)?.realm.kind === "oidc") {
      // Its token would act with its owner's role now, which only a sign-in at the provider tells.
      throw new AppError(
        "FORBIDDEN",
        t("An account of an OpenID Connect realm cannot own API tokens: ask an admin of the host or a directory realm"),
      );
    }
    if (ROLES.includes(input.role) && !atLeast(caller.role, input.role)) {
      throw new AppError(
        "FORBIDDEN",
        // Roles as the access page names them (admin, operator, viewer in English).
        t("Your role ({{role}}) may not make a token with role {{tokenRole}}", {
          role: t(caller.role),
          tokenRole: t(input.role),
        }),
      );
    }
    // A token that expires may not make one that outlives it (a way round its own expiry).
    const ends = caller.token ? this.tokens.get(caller.token.id)?.expiresAt ?? null : null;
    if (ends !== null) {
      const days = input.expiresInDays ?? null;
      if (days === null || this.#now() + days * 86_400_000 > Date.parse(ends)) {
        throw new AppError(
          "FORBIDDEN",
          t("This token expires on {{date}}: a token it makes must expire by then", { date: ends }),
        );
      }
    }
    return this.tokens.create({ ...input, owner: caller.user });
  }

  /**
   * A token's old secret, kept for its grace period after a rotation (because it may have
   * leaked), may not manage tokens: with it, a leaked secret could rotate its token again and lock
   * out the new one, or make a token of its own.
   */
  #mayManageTokens(caller: Identity) {
    if (caller.token?.oldSecret) {
      throw new AppError(
        "FORBIDDEN",
        t(
          "This is the old secret of token {{name}}, kept only for its grace period: it may not make, rotate or revoke tokens",
          {
            name: caller.token.name,
          },
        ),
      );
    }
  }

  /** Every token with the role it acts with now (null when its owner may no longer sign in). */
  async listTokens(): Promise<ApiTokenInfo[]> {
    const tokens = this.tokens.list();
    const owners = new Map<string, Grant | null>();
    for (const owner of new Set(tokens.map((token) => token.owner))) {
      owners.set(owner, await this.ownerGrant(owner));
    }
    return tokens.map((token) => {
      const owner = owners.get(token.owner) ?? null;
      return { ...token, effectiveRole: owner && lowerRole(token.role, owner.role) };
    });
  }

  logout(cookie: string): void {
    this.sessions.end(cookie);
    void this.channels.recheck();
  }

  /**
   * Assigns a role and applies it to the account's open sessions and tokens at once, their open
   * consoles included.
   */
  assign(user: string, role: unknown, vms: "*" | string[], by: string) {
    const a = this.access.set(user, role, vms, by);
    this.sessions.updateUser(a.user, a.role, a.vms);
    this.#ownerGrants.delete(a.user);
    void this.channels.recheck();
    return a;
  }

  /** Removes an assignment; the account's sessions end, its groups decide at the next sign-in. */
  unassign(user: string) {
    this.access.remove(user);
    this.sessions.endUser(user);
    this.#ownerGrants.delete(user);
    void this.channels.recheck();
  }

  /**
   * Removes a realm: its users' sessions end, their tokens and consoles stop with their grant
   * (no realm, no role).
   */
  deleteRealm(name: string): void {
    this.realms.delete(name);
    this.sessions.endRealm(name);
    // Nothing of its users stays to come back with a realm of the same name: their tokens are
    // revoked, their role assignments and second factors go.
    const ofRealm = (user: string) => user.endsWith(`@${name}`);
    for (const token of this.tokens.list()) {
      if (ofRealm(token.owner) && token.revokedAt === null) this.tokens.revoke(token.id);
    }
    for (const assignment of this.access.list()) {
      if (ofRealm(assignment.user)) this.access.remove(assignment.user);
    }
    for (const user of this.twofa.accounts()) if (ofRealm(user)) this.twofa.reset(user);
    for (const user of [...this.#ownerGrants.keys()]) {
      if (user.endsWith(`@${name}`)) this.#ownerGrants.delete(user);
    }
    void this.channels.recheck();
  }

  /** Revokes an API token; the consoles it opened close. */
  revokeToken(caller: Identity, id: string): ApiTokenInfo {
    this.#mayManageTokens(caller);
    const token = this.tokens.revoke(id);
    void this.channels.recheck();
    return token;
  }

  /**
   * Gives an API token a new secret; the old one works `graceSeconds` longer. Without a grace
   * period the consoles the old secret opened close now; with one, within a minute of its end
   * (OpenChannels' timer).
   */
  rotateToken(
    caller: Identity,
    id: string,
    graceSeconds: number,
  ): { token: ApiTokenInfo; secret: string } {
    this.#mayManageTokens(caller);
    // Its owner only: a new secret acts as the owner, so another admin rotating it would act as
    // them (and keep their role after losing her own). Others may revoke it.
    const owner = this.tokens.get(id)?.owner;
    if (owner !== undefined && owner !== caller.user) {
      throw new AppError(
        "FORBIDDEN",
        t("Only {{owner}}, who made this token, may rotate it; revoke it instead", { owner }),
      );
    }
    const rotated = this.tokens.rotate(id, graceSeconds);
    void this.channels.recheck();
    return rotated;
  }

  /** A console ticket for this caller and VM (checked by the caller's role beforehand). */
  consoleTicket(identity: Identity, vmId: string) {
    return this.tickets.issue(ticketHolder(identity), vmId);
  }

  redeemTicket(ticket: string, identity: Identity, vmId: string): boolean {
    return this.tickets.redeem(ticket, ticketHolder(identity), vmId);
  }

  close(): void {
    this.channels.close();
    this.#accounts.close();
  }
}

// A token's ticket is bound to the token, not merely to its owner's account.
const ticketHolder = (identity: Identity) =>
  identity.token ? `${identity.user}/token:${identity.token.id}` : identity.user;

export type { Role };
