// An OpenID Connect realm's sign-in through openid-client, loaded on first use: the provider's
// discovery document, the authorization request (code flow with PKCE, a state and a nonce), and
// the code's exchange for an ID token whose claims name the user and their groups. Every failure
// is one sentence (DirectoryError, as a directory's); no secret or token is ever part of one.

import type { Configuration } from "openid-client";
import { t } from "../../../shared/i18n/t.ts";
import type { OidcRealmConfig } from "../../../shared/realms.ts";
import { DirectoryError } from "./ldap.ts";
import { isPlainName } from "./input.ts";

/** How long a provider's discovery document is used before it is read again. */
const DISCOVERY_TTL_MS = 10 * 60_000;
/** The longest user name taken from a claim. */
const MAX_NAME = 256;
/** The most groups taken from a claim. */
const MAX_GROUPS = 1000;

/** The error codes of RFC 6749 (4.1.2.1) and OpenID Connect Core (3.1.2.6). */
const OAUTH_ERRORS = new Set([
  "invalid_request",
  "unauthorized_client",
  "access_denied",
  "unsupported_response_type",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
  "interaction_required",
  "login_required",
  "account_selection_required",
  "consent_required",
  "invalid_request_uri",
  "invalid_request_object",
  "request_not_supported",
  "request_uri_not_supported",
  "registration_not_supported",
]);

/** What the provider's answer says of the user. */
export interface OidcUser {
  name: string;
  /** The provider's `sub`: its account, which never changes (a name may). */
  subject: string;
  groups: string[];
  /** For the provider's logout (RP-initiated), when it has one. */
  idToken: string;
}

/** One sign-in under way: what the callback must check the provider's answer against. */
export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

/** The sentence for a provider's failure, classed. */
export function providerError(err: unknown, config: OidcRealmConfig): DirectoryError {
  if (err instanceof DirectoryError) return err;
  const e = err as { code?: string; message?: string; cause?: unknown; error?: string };
  const cause = e.cause as { message?: string; code?: string } | undefined;
  const reason = [e.message, cause?.message].filter(Boolean).join(": ").split("\n")[0];
  // The token's times only (oauth4webapi's code, or the claims' names as words): "unexpected"
  // and "expected" are no clock's fault.
  if (
    e.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" ||
    (/\b(iat|exp|nbf)\b/.test(reason) && !/certificate/i.test(reason))
  ) {
    return new DirectoryError(
      "error",
      t(
        "The provider's answer is not valid yet or has expired: this host's clock and the provider's differ ({{reason}})",
        { reason },
      ),
    );
  }
  if (/certificate|UnknownIssuer|NotValidForName|handshake|tls/i.test(reason)) {
    return new DirectoryError(
      "tls",
      t("The provider's certificate is not trusted ({{reason}})", { reason }),
    );
  }
  if (
    /fetch failed|connection|refused|timed? ?out|abort|dns|network|unreachable/i.test(reason) ||
    /ECONN|ENOTFOUND|ETIMEDOUT/.test(String(cause?.code ?? e.code ?? ""))
  ) {
    return new DirectoryError(
      "unreachable",
      t("The provider at {{issuer}} cannot be reached: {{reason}}", {
        issuer: config.issuer,
        reason,
      }),
    );
  }
  if (e.error) {
    // Only the protocol's own codes are repeated: the callback's query is anyone's to write, and
    // the sign-in page must not read out a sentence of their choosing.
    return new DirectoryError(
      "error",
      OAUTH_ERRORS.has(e.error)
        ? t("The provider refused the sign-in: {{reason}}", { reason: e.error })
        : t("The provider refused the sign-in"),
    );
  }
  return new DirectoryError(
    "error",
    t("The provider answered with an error: {{reason}}", { reason }),
  );
}

const discovered = new Map<string, { at: number; config: Promise<Configuration> }>();

/**
 * The provider's configuration for this client, read from its discovery document (kept for
 * DISCOVERY_TTL_MS per realm and settings; a failure is not kept). http:// issuers are only taken
 * for this machine (input.ts), where openid-client must be told so.
 */
async function configurationOf(
  key: string,
  config: OidcRealmConfig,
  secret: string | null,
): Promise<Configuration> {
  const id = `${key}\n${JSON.stringify(config)}\n${secret ?? ""}`;
  const known = discovered.get(id);
  if (known && Date.now() - known.at < DISCOVERY_TTL_MS) return await known.config;
  const client = await import("openid-client");
  const issuer = new URL(config.issuer);
  const made = client.discovery(
    issuer,
    config.clientId,
    secret ?? undefined,
    secret ? undefined : client.None(),
    {
      timeout: config.timeoutSeconds,
      execute: issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
    },
  );
  if (discovered.size > 100) discovered.clear();
  discovered.set(id, { at: Date.now(), config: made });
  made.catch(() => discovered.delete(id));
  return await made;
}

/**
 * Where to send the browser to sign in at the provider, and what its answer will be checked
 * against. `key` names the realm as saved (its name and last change).
 */
export async function oidcAuthorization(
  key: string,
  config: OidcRealmConfig,
  secret: string | null,
  redirectUri: string,
): Promise<{ url: URL; checks: OidcChecks }> {
  try {
    const client = await import("openid-client");
    const configuration = await configurationOf(key, config, secret);
    const verifier = client.randomPKCECodeVerifier();
    const checks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      redirectUri,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: ["openid", ...config.scopes.filter((s) => s !== "openid")].join(" "),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  } catch (err) {
    throw providerError(err, config);
  }
}

/** A claim as a user name: a plain name (isPlainName) of at most MAX_NAME characters. */
function nameOf(value: unknown): string | null {
  return typeof value === "string" && value.length <= MAX_NAME && isPlainName(value) ? value : null;
}

/** A claim as group names: the strings of an array (one string counts as one group). */
function groupsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return list.filter((g): g is string => typeof g === "string" && g.length <= 256)
    .slice(0, MAX_GROUPS);
}

/**
 * The user the provider's answer (`query`: the callback's query string) names, after the code is
 * exchanged and its ID token checked (signature, issuer, audience, times, nonce) with the PKCE
 * verifier and the state this sign-in sent. The name and groups come from the ID token's claims,
 * else from the provider's userinfo.
 */
export async function oidcFinish(
  key: string,
  config: OidcRealmConfig,
  secret: string | null,
  checks: OidcChecks,
  query: string,
): Promise<OidcUser> {
  try {
    const client = await import("openid-client");
    const configuration = await configurationOf(key, config, secret);
    const current = new URL(checks.redirectUri);
    current.search = query;
    const tokens = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let name = nameOf(claims[config.usernameClaim]);
    let groups = claims[config.groupsClaim];
    if (name === null || groups === undefined) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      name ??= nameOf(info[config.usernameClaim]);
      groups ??= info[config.groupsClaim];
    }
    if (name === null) {
      throw new DirectoryError(
        "error",
        t("The provider's answer names no user in the claim {{claim}}", {
          claim: config.usernameClaim,
        }),
      );
    }
    return {
      name,
      subject: String(claims.sub),
      groups: groupsOf(groups),
      idToken: tokens.id_token ?? "",
    };
  } catch (err) {
    throw providerError(err, config);
  }
}

/**
 * Where to send the browser to sign out at the provider too (RP-initiated logout), coming back to
 * `after`; null when the provider offers no such endpoint, or cannot be reached.
 */
export async function oidcLogoutUrl(
  key: string,
  config: OidcRealmConfig,
  secret: string | null,
  after: string,
): Promise<string | null> {
  try {
    const client = await import("openid-client");
    const configuration = await configurationOf(key, config, secret);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      client_id: config.clientId,
      post_logout_redirect_uri: after,
    }).href;
  } catch {
    // Our session has ended all the same; the provider's stays.
    return null;
  }
}
