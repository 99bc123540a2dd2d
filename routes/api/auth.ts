// /api/auth: sign in with a host account, sign out, and who am I. Sign-ins and sign-outs are
// recorded here (with the name tried on failure), not by the audit middleware.

import type { Context } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { AuditLog } from "../../lib/audit/log.ts";
import { resultOfStatus } from "../../lib/audit/log.ts";
import type { AuditEntryInput } from "../../shared/audit.ts";
import {
  type AuthService,
  type PasswordPassed,
  type SignedIn,
  SignInRefused,
} from "../../lib/auth/service.ts";
import { AppError } from "../../lib/errors.ts";
import { clientAddress } from "../middleware/client_address.ts";
import { SESSION_COOKIE } from "../middleware/auth.ts";
import { SignInBody } from "../../lib/auth/input.ts";
import { DeclaredApp } from "../declare.ts";
import { tKey } from "../../shared/i18n/t.ts";
import { PAM_REALM, REALM_NAME } from "../../shared/realms.ts";
import { openSession, PENDING_COOKIE, pendingCookie } from "./second_step.ts";

export function authRoutes(auth: AuthService, audit: AuditLog): DeclaredApp {
  // Neither signing in nor signing out is refused while the app store is degraded.
  const app = new DeclaredApp({ access: "signed-in", writesStore: false });
  // X-Forwarded-For counts only from a configured proxy (lib/config.ts, --trusted-proxy).
  const addressOf = (c: Context) => clientAddress(c, auth.settings.trustedProxies);

  const record = (
    c: Context,
    action: string,
    entry: Pick<AuditEntryInput, "user" | "via" | "status" | "errorCode" | "message">,
  ) => {
    audit.record({
      ...entry,
      action,
      method: c.req.method,
      path: c.req.path,
      ip: addressOf(c),
      result: resultOfStatus(entry.status),
    });
  };

  app.POST("/login", "Sign in with a host account or a realm's: sets the session cookie", {
    access: "public",
    // Recorded by record() above, with the name a failed sign-in tried.
    audit: null,
    // Checked by the service (lib/auth/service.ts), so that a refused body is recorded too.
    body: { schema: SignInBody, check: false, onlyJson: tKey("Sign in with a JSON body") },
    responses: {
      200: "{user, role, vms, source, csrf}, or {secondFactor: verify|enrol, user, methods} " +
        "when a second step follows (no session yet)",
    },
    answer: "SignInAnswer",
  }, async (c) => {
    const body = c.get("body") as Record<string, unknown> | null;
    const realm = typeof body?.realm === "string" && REALM_NAME.test(body.realm) &&
        body.realm !== PAM_REALM
      ? body.realm
      : null;
    // The name tried, with the realm it was tried in (a realm's users are name@realm).
    const tried = typeof body?.user === "string" && body.user.length <= 64
      ? realm ? `${body.user}@${realm}` : body.user
      : "-";
    let signedIn: SignedIn | PasswordPassed;
    try {
      signedIn = await auth.login(
        body?.user,
        body?.password,
        addressOf(c) ?? "local",
        body?.realm,
      );
    } catch (err) {
      if (err instanceof AppError) {
        // The caller hears BAD_CREDENTIALS; the log keeps why (e.g. NOT_ALLOWED).
        const refused = err instanceof SignInRefused;
        record(c, "auth.login", {
          user: tried,
          via: "anonymous",
          status: err.status,
          errorCode: refused ? err.reason : err.code,
          message: refused ? err.detail : err.message,
        });
      }
      throw err;
    }
    if ("pending" in signedIn) {
      // No session yet: the second step (routes/api/second_step.ts) opens it.
      record(c, "auth.password", { user: signedIn.step.user, via: "anonymous", status: 200 });
      pendingCookie(c, signedIn.pending);
      return c.json(signedIn.step);
    }
    record(c, "auth.login", { user: signedIn.identity.user, via: "session", status: 200 });
    return c.json(openSession(c, signedIn));
  });

  app.POST("/logout", "Sign out: ends the session (and tells where the provider signs out)", {
    audit: null,
    answer: "SignedOut",
  }, async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) auth.logout(cookie);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    deleteCookie(c, PENDING_COOKIE, { path: "/api/auth/second-factor" });
    const { user, via } = c.get("identity");
    record(c, "auth.logout", { user, via, status: 200 });
    // A session of an OpenID Connect realm: the browser goes on to sign out at the provider.
    const logoutUrl = via === "session"
      ? await auth.realms.logoutUrl(user, new URL("/login", c.req.url).href)
      : null;
    return c.json(logoutUrl ? { ok: true as const, logoutUrl } : { ok: true as const });
  });

  app.GET("/me", "Who am I: user, role, VMs, how signed in, the CSRF token", {
    answer: "AuthMe",
  }, (c) => {
    const { user, role, vms, via, token, tokenRole } = c.get("identity");
    return c.json({ user, role, vms, via, token, tokenRole, csrf: c.get("csrf") ?? null });
  });

  return app;
}
