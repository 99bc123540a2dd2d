// /api/auth/oidc: sign-in at an OpenID Connect realm's provider (authorization code with PKCE).
// `start` sends the browser to the provider with a cookie of its own that only this browser
// holds; the provider sends it back to `callback`, which opens the session (or its second step)
// and takes the browser on to the app, or back to the sign-in page with the refusal in words.
// Both are public: nobody is signed in yet. Each sign-in is recorded here, as /login records its own.

import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { AuditLog } from "../../lib/audit/log.ts";
import type { AuthService } from "../../lib/auth/service.ts";
import { AppError } from "../../lib/errors.ts";
import { FLOW_TTL_MS } from "../../lib/auth/realms/oidc_flows.ts";
import { addressBucket } from "../../lib/auth/login_limiter.ts";
import { clientAddress, isTrusted, peerAddress } from "../middleware/client_address.ts";
import { oidcCallbackPath } from "../../shared/api_paths.ts";
import { DeclaredApp } from "../declare.ts";
import { openSession, pendingCookie } from "./second_step.ts";

/** The cookie that ties a sign-in under way to the browser that began it. */
export const OIDC_COOKIE = "kvmm_oidc";
const OIDC_PATH = "/api/auth/oidc";

const secure = (c: Context) => new URL(c.req.url).protocol === "https:";

/**
 * This server's callback as the browser reaches it: the redirect URI the provider must know.
 * Behind a trusted TLS proxy the browser's scheme is the one the proxy says (X-Forwarded-Proto);
 * the host is the request's, which such a proxy passes on.
 */
function callbackUrl(c: Context, trustsProxy: boolean): string {
  const url = new URL(oidcCallbackPath(), c.req.url);
  const proto = trustsProxy ? c.req.header("x-forwarded-proto")?.split(",")[0].trim() : undefined;
  if (proto === "https" || proto === "http") url.protocol = `${proto}:`;
  return url.href;
}

/**
 * A page that takes the browser to `to`. Not a redirect: the session cookie is SameSite=Strict,
 * and a browser sends it on no request of a chain that a provider's site began; a page of ours
 * that moves on begins a chain of our own.
 */
function moveOn(c: Context, to: string) {
  const href = to.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  return c.html(
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}">` +
      `<title>KVM Manager</title><a href="${href}">Continue</a>`,
  );
}

export function oidcRoutes(auth: AuthService, audit: AuditLog): DeclaredApp {
  const app = new DeclaredApp({
    access: "public",
    writesStore: false,
    params: { realm: z.string().meta({ description: "An OpenID Connect realm's name" }) },
  });
  const addressOf = (c: Context) => clientAddress(c, auth.settings.trustedProxies);
  const fromTrustedProxy = (c: Context) => {
    const peer = peerAddress(c);
    return peer !== null && isTrusted(peer, auth.settings.trustedProxies ?? []);
  };
  const record = (
    c: Context,
    entry: { user: string; status: number; errorCode?: string; message?: string },
    action = "auth.login",
  ) =>
    audit.record({
      ...entry,
      via: entry.status === 200 && action === "auth.login" ? "session" : "anonymous",
      action,
      method: c.req.method,
      path: c.req.path,
      ip: addressOf(c),
      result: entry.status === 200 ? "ok" : entry.status >= 500 ? "error" : "denied",
    });

  // Reads are never in the audit log; each sign-in is recorded at its callback, below.
  app.GET("/:realm/start", "Begin a sign-in at an OpenID Connect realm's provider", {
    responses: { 302: "To the provider's sign-in, with this browser's cookie for the callback" },
  }, async (c) => {
    const { url, browser } = await auth.realms.oidcStart(
      c.req.param("realm"),
      callbackUrl(c, fromTrustedProxy(c)),
      addressBucket(addressOf(c) ?? "local"),
    );
    setCookie(c, OIDC_COOKIE, browser, {
      httpOnly: true,
      // Sent on the provider's top-level redirect back, which Strict would not be.
      sameSite: "Lax",
      secure: secure(c),
      path: OIDC_PATH,
      maxAge: FLOW_TTL_MS / 1000,
    });
    return c.redirect(url.href, 302);
  });

  app.GET("/callback", "Where the provider sends the browser back: opens the session", {
    responses: {
      200: {
        description: "A page that takes the browser to the app, to the second step, or back to " +
          "the sign-in page with the refusal",
        media: "text/html",
      },
    },
  }, async (c) => {
    const url = new URL(c.req.url);
    const state = url.searchParams.get("state") ?? "";
    const browser = getCookie(c, OIDC_COOKIE);
    deleteCookie(c, OIDC_COOKIE, { path: OIDC_PATH });
    try {
      const signedIn = await auth.signInOidc(state, browser, url.search, addressOf(c) ?? "local");
      if ("pending" in signedIn) {
        pendingCookie(c, signedIn.pending);
        // As /login records a right password whose second step follows.
        record(c, { user: signedIn.step.user, status: 200 }, "auth.password");
        const { secondFactor, user, methods } = signedIn.step;
        const step = new URLSearchParams({
          second: secondFactor,
          user,
          methods: methods.join(","),
        });
        return moveOn(c, `/login?${step}`);
      }
      openSession(c, signedIn);
      record(c, { user: signedIn.identity.user, status: 200 });
      return moveOn(c, "/");
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const user = typeof err.details?.user === "string" ? err.details.user : "-";
      record(c, { user, status: err.status, errorCode: err.code, message: err.message });
      return moveOn(c, `/login?failed=${auth.realms.flows.fail(err.code, err.message)}`);
    }
  });
  return app;
}
