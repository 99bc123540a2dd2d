// /api/auth/second-factor: the second step of a sign-in, between a right password and the session. Its
// routes are public (there is no session yet); each needs the short-lived cookie the password
// step set, and answers 401 without it. Recorded here, as the password step is.

import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuditLog } from "../../lib/audit/log.ts";
import { resultOfStatus } from "../../lib/audit/log.ts";
import type { AuthService, SignedIn } from "../../lib/auth/service.ts";
import type { Proof } from "../../lib/auth/second_factor.ts";
import { AppError } from "../../lib/errors.ts";
import { PENDING_TTL_MS } from "../../lib/twofa/pending.ts";
import { CodeBody, KeyAnswerBody } from "../../lib/twofa/input.ts";
import { relyingPartyOf } from "../../lib/twofa/webauthn.ts";
import type {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
} from "../../lib/twofa/webauthn.ts";
import { clientAddress } from "../middleware/client_address.ts";
import { SESSION_COOKIE } from "../middleware/auth.ts";
import { DeclaredApp } from "../declare.ts";
import { AUTH_CODES } from "../../lib/auth/input.ts";
import { t } from "../../shared/i18n/t.ts";

/** The cookie of a sign-in waiting for its second step. */
export const PENDING_COOKIE = "kvmm_2fa";
const PENDING_PATH = "/api/auth/second-factor";

const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

/** Sets the second step's cookie: HttpOnly, only sent to the second step's routes. */
export function pendingCookie(c: Context, secret: string): void {
  setCookie(c, PENDING_COOKIE, secret, {
    httpOnly: true,
    sameSite: "Strict",
    secure: secure(c),
    path: PENDING_PATH,
    maxAge: PENDING_TTL_MS / 1000,
  });
}

/** Sets the session cookie of a completed sign-in; the answer of every route that opens one. */
export function openSession(c: Context, signedIn: SignedIn) {
  setCookie(c, SESSION_COOKIE, signedIn.secret, {
    httpOnly: true,
    sameSite: "Strict",
    // Plain HTTP is allowed on loopback only; there the browser would drop a Secure cookie.
    secure: secure(c),
    path: "/",
  });
  const { user, role, vms } = signedIn.identity;
  return { user, role, vms, source: signedIn.grant.source, csrf: signedIn.csrf };
}

export function secondStepRoutes(auth: AuthService, audit: AuditLog): DeclaredApp {
  // Public: no session yet. Not refused while the store is degraded, as signing in is not.
  const app = new DeclaredApp({ access: "public", writesStore: false });
  const step = auth.secondStep;
  const addressOf = (c: Context) => clientAddress(c, auth.settings.trustedProxies);
  const pending = (c: Context) => getCookie(c, PENDING_COOKIE);
  const rp = (c: Context) => relyingPartyOf(c.req.url);
  // Before any body is read: without a live pending sign-in there is no second step.
  app.use("*", async function needsPasswordStep(c, next) {
    if (!auth.pending.get(pending(c))) {
      throw new AppError(
        "UNAUTHENTICATED",
        t("The sign-in has expired; enter your user name and password again"),
      );
    }
    await next();
  });

  /** Runs a step that may open the session, recording its end as a sign-in. */
  const signingIn = async <T extends { signedIn: SignedIn }>(
    c: Context,
    run: () => Promise<T> | T,
  ) => {
    const user = auth.pending.get(pending(c))?.user ?? "-";
    const entry = { action: "auth.login", method: c.req.method, path: c.req.path };
    let done: T;
    try {
      done = await run();
    } catch (err) {
      if (err instanceof AppError) {
        audit.record({
          ...entry,
          user,
          via: "anonymous",
          ip: addressOf(c),
          status: err.status,
          result: resultOfStatus(err.status),
          errorCode: err.code,
          message: err.message,
        });
      }
      throw err;
    }
    audit.record({
      ...entry,
      user,
      via: "session",
      ip: addressOf(c),
      status: 200,
      result: resultOfStatus(200),
    });
    deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH });
    const { signedIn, ...rest } = done;
    return c.json({ ...openSession(c, signedIn), ...rest });
  };

  /** Signs in with `proof`, a code or a key's answer: the answer says which method it was. */
  const verifying = (c: Context, proof: Proof) =>
    signingIn(c, async () => {
      const { method, ...signedIn } = await step.verify(
        pending(c),
        proof,
        addressOf(c) ?? "local",
        rp(c),
      );
      return { signedIn, method };
    });

  // Every step is `audit: null`: signingIn records the one that ends a sign-in, and the others
  // are not changes.
  app.POST("/verify", "Second step: a TOTP or recovery code opens the session", {
    audit: null,
    body: { schema: CodeBody, ...AUTH_CODES },
    responses: { 200: "{user, role, vms, source, csrf, method: totp|recovery}" },
    answer: "SecondStepVerified",
  }, (c) => verifying(c, { code: c.get("body").code }));

  app.POST("/key-options", "Second step: the options to sign in with a security key", {
    audit: null,
    responses: { 200: "WebAuthn PublicKeyCredentialRequestOptionsJSON" },
    answer: "KeyRequestOptions",
  }, async (c) => c.json(await step.keyOptions(pending(c), rp(c))));

  app.POST("/key", "Second step: a security key's answer opens the session", {
    audit: null,
    body: { schema: KeyAnswerBody, ...AUTH_CODES },
    responses: { 200: "{user, role, vms, source, csrf, method: webauthn}" },
    answer: "SecondStepVerified",
  }, (c) =>
    verifying(c, {
      webauthn: c.get("body").response as unknown as AuthenticationResponseJSON,
    }));

  app.POST("/enrol-totp", "Enrolment at sign-in: a new TOTP seed and its QR code", {
    audit: null,
    responses: { 200: "{secret, uri, qrSvg} (shown this once)" },
    answer: "TotpSeed",
  }, async (c) => c.json(await step.beginTotp(pending(c))));

  app.POST("/enrol-totp-confirm", "Enrolment at sign-in: the first code opens the session", {
    audit: null,
    body: { schema: CodeBody, ...AUTH_CODES },
    responses: { 200: "{user, role, vms, source, csrf, recoveryCodes} (codes shown this once)" },
    answer: "SecondStepEnrolled",
  }, (c) => signingIn(c, () => step.confirmTotp(pending(c), c.get("body").code)));

  app.POST("/enrol-key-options", "Enrolment at sign-in: options to register a security key", {
    audit: null,
    responses: { 200: "WebAuthn PublicKeyCredentialCreationOptionsJSON" },
    answer: "KeyCreationOptions",
  }, async (c) => c.json(await step.keyRegistration(pending(c), rp(c))));

  app.POST("/enrol-key", "Enrolment at sign-in: the new key opens the session", {
    audit: null,
    body: { schema: KeyAnswerBody, ...AUTH_CODES },
    responses: { 200: "{user, role, vms, source, csrf, recoveryCodes} (codes shown this once)" },
    answer: "SecondStepEnrolled",
  }, (c) =>
    signingIn(c, () =>
      step.registerKey(
        pending(c),
        // Named on the account page later, if its owner likes.
        t("Security key"),
        c.get("body").response as unknown as RegistrationResponseJSON,
        rp(c),
      )));

  return app;
}
