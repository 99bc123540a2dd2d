// /api/me/two-factor: the signed-in account's own second factors (from a browser session only: an API
// token cannot add or remove them). /api/two-factor-policy (admins): the roles that must use a second factor,
// the accounts that have one, and resetting another account's (changes from a browser session too).

import type { Context } from "hono";
import { z } from "zod";
import type { AuthService } from "../../lib/auth/service.ts";
import { AUTH_CODES } from "../../lib/auth/input.ts";
import { AppError } from "../../lib/errors.ts";
import { CodeBody, NewKeyBody, RequiredRolesBody } from "../../lib/twofa/input.ts";
import {
  registrationOptions,
  type RegistrationResponseJSON,
  relyingPartyOf,
  verifyRegistration,
} from "../../lib/twofa/webauthn.ts";
import type { TwoFactorPolicy } from "../../shared/twofa.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { DeclaredApp } from "../declare.ts";

/** How long a key registration's challenge waits for the key. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Second factors change from a signed-in browser only, never with an API token: a leaked token
 * must not lower the bar a sign-in has to pass. Declared on the routes (`sessionOnly`), so the
 * auth guard refuses a token before the body is read, as it refuses a role.
 */
const BROWSER_ONLY = tKey(
  "Second factors are changed from a signed-in browser, not with an API token",
);

export function meTwoFactorRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp({ access: "read", writesStore: true, sessionOnly: BROWSER_ONLY });
  const twofa = auth.twofa;
  const challenges = new Map<string, { challenge: string; at: number }>();
  const own = (c: Context) => c.get("identity");
  /** Refuses to remove the last factor of an account whose role requires one. */
  const keepOne = (user: string, role: Parameters<typeof twofa.isRequired>[0], left: number) => {
    if (left === 0 && twofa.isRequired(role)) {
      throw new AppError(
        "TWOFA_REQUIRED",
        t("Your role requires a second factor: add another before removing this one"),
      );
    }
    return user;
  };

  app.GET("/", "Your second factors: TOTP, security keys, recovery codes left", {
    responses: { 200: "{totp, keys: [{id, name, createdAt, lastUsedAt}], recoveryLeft, required}" },
    answer: "TwoFactorStatus",
  }, (c) => {
    const { user, role } = own(c);
    return c.json(twofa.status(user, role));
  });

  app.POST("/totp", "Start setting up an authenticator app: a new seed and its QR code", {
    audit: null,
    responses: { 200: "{secret, uri, qrSvg}: shown this once, never answered again" },
    answer: "TotpSeed",
  }, async (c) => c.json(await twofa.beginTotp(own(c).user)));

  app.POST("/totp-confirm", "Finish setting up the authenticator app with its first code", {
    audit: "user.totp-add",
    body: { schema: CodeBody, ...AUTH_CODES },
    responses: { 200: "{recoveryCodes: string[] | null} (new codes when the account had none)" },
    answer: "RecoveryCodesIfNew",
  }, async (c) => c.json(await twofa.confirmTotp(own(c).user, c.get("body").code)));

  app.DELETE("/totp", "Remove the authenticator app", {
    audit: "user.totp-remove",
    answer: "TwoFactorStatus",
  }, (c) => {
    const { user, role } = own(c);
    keepOne(user, role, twofa.keys(user).length);
    twofa.removeTotp(user);
    return c.json(twofa.status(user, role));
  });

  app.POST("/recovery", "Make ten new recovery codes (the old ones stop working)", {
    audit: "user.recovery-renew",
    responses: { 200: "{recoveryCodes}: shown this once" },
    answer: "RecoveryCodesRenewed",
  }, (c) => {
    const { user } = own(c);
    if (!twofa.enrolled(user)) {
      throw new AppError("NO_ENROLMENT", t("Set up an authenticator app or a security key first"));
    }
    return c.json({ recoveryCodes: twofa.newRecoveryCodes(user) });
  });

  app.POST("/key-options", "Options to register a new security key", {
    audit: null,
    responses: { 200: "WebAuthn PublicKeyCredentialCreationOptionsJSON" },
    answer: "KeyCreationOptions",
  }, async (c) => {
    const { user } = own(c);
    const options = await registrationOptions(relyingPartyOf(c.req.url), user, twofa.keys(user));
    for (const [key, v] of challenges) {
      if (Date.now() - v.at > CHALLENGE_TTL_MS) challenges.delete(key);
    }
    challenges.set(user, { challenge: options.challenge, at: Date.now() });
    return c.json(options);
  });

  app.POST("/keys", "Register a security key with the browser's answer", {
    audit: "user.key-add",
    body: { schema: NewKeyBody, ...AUTH_CODES },
    responses: { 200: "{key: {id, name, createdAt}, recoveryCodes: string[] | null}" },
    answer: "SecurityKeyAdded",
  }, async (c) => {
    const { user } = own(c);
    const asked = challenges.get(user);
    challenges.delete(user);
    if (!asked || Date.now() - asked.at > CHALLENGE_TTL_MS) {
      throw new AppError("INVALID_STATE", t("Ask the security key again"));
    }
    const { name, response } = c.get("body");
    const rp = relyingPartyOf(c.req.url);
    const key = await verifyRegistration(
      rp,
      asked.challenge,
      response as unknown as RegistrationResponseJSON,
    );
    const { recoveryCodes } = twofa.addKey({ ...key, user, name });
    const added = twofa.key(key.id)!;
    return c.json({
      key: { id: added.id, name: added.name, createdAt: added.createdAt, lastUsedAt: null },
      recoveryCodes,
    });
  });

  app.DELETE("/keys/:id", "Remove one of your security keys", {
    audit: "user.key-remove",
    params: { id: z.string().meta({ description: "The key's credential id" }) },
    answer: "TwoFactorStatus",
  }, (c) => {
    const { user, role } = own(c);
    const left = twofa.keys(user).filter((k) => k.id !== c.req.param("id")).length;
    keepOne(user, role, left + (twofa.status(user, role).totp ? 1 : 0));
    twofa.removeKey(user, c.req.param("id"));
    return c.json(twofa.status(user, role));
  });

  return app;
}

export function adminTwoFactorRoutes(auth: AuthService): DeclaredApp {
  const app = new DeclaredApp({ access: "admin", writesStore: true });
  const twofa = auth.twofa;
  const policy = (): TwoFactorPolicy => ({
    requiredRoles: twofa.requiredRoles(),
    accounts: twofa.accounts().map((user) => {
      const methods = twofa.methods(user);
      return {
        user,
        totp: methods.includes("totp"),
        keys: twofa.keys(user).length,
        recoveryLeft: twofa.recoveryLeft(user),
      };
    }),
  });

  app.GET("/", "Roles that must use a second factor, and the accounts that have one", {
    responses: { 200: "{requiredRoles, accounts: [{user, totp, keys, recoveryLeft}]}" },
    answer: "TwoFactorPolicy",
  }, (c) => c.json(policy()));

  app.PUT("/roles", "Require a second factor of these roles (enrolment at the next sign-in)", {
    audit: "user.two-factor-require",
    sessionOnly: BROWSER_ONLY,
    body: { schema: RequiredRolesBody, ...AUTH_CODES },
    answer: "TwoFactorPolicy",
  }, (c) => {
    twofa.setRequiredRoles(c.get("body").roles, c.get("identity").user);
    return c.json(policy());
  });

  app.DELETE("/accounts/:user", "Reset another account's second factors (it signs in anew)", {
    audit: "user.two-factor-reset",
    sessionOnly: BROWSER_ONLY,
    params: { user: z.string().meta({ description: "Host account name" }) },
    answer: "TwoFactorPolicy",
  }, (c) => {
    const user = c.req.param("user");
    if (user === c.get("identity").user) {
      throw new AppError("INVALID_INPUT", t("Reset your own second factors on your account page"));
    }
    twofa.reset(user);
    auth.pending.endUser(user);
    return c.json(policy());
  });

  return app;
}
