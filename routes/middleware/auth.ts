// Every request passes here: who is calling (API token or session cookie), the CSRF token for
// cookie-borne changes, and the role the route declares it needs (routes/declare.ts, read
// through routes/route_table.ts). Nothing after this middleware runs for a caller who may not.

import type { Context, MiddlewareHandler } from "hono";
import { UUID } from "../../ffi/libvirt/find_domain.ts";
import { getCookie } from "hono/cookie";
import type { AuthService } from "../../lib/auth/service.ts";
import { mayPower, meets } from "../../lib/auth/permissions.ts";
import { needOfMatch, type RouteTable } from "../route_table.ts";
import { sameSecret } from "../../lib/secrets.ts";
import type { Identity } from "../../shared/auth.ts";
import { AppError } from "../../lib/errors.ts";
import { t } from "../../shared/i18n/t.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Set for every request past authGuard, except public routes. */
    identity: Identity;
    /** The session's CSRF token (cookie callers only), for pages to hand to the browser. */
    csrf: string;
    /**
     * The caller as its credentials identify it now (null: signed out, revoked, expired), for a
     * console or event stream, which outlives the request; `touch` (default false) counts it as
     * the user's activity, refreshing a session's idle time and a token's last use.
     */
    callerNow: (options?: { touch?: boolean }) => Promise<Identity | null>;
  }
}

export const SESSION_COOKIE = "kvmm_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AuthGuardDeps {
  auth: AuthService;
  /** The declarations of the app guarded. */
  routes(): RouteTable;
  /** A VM's UUID from the id or name in a path (operators' VM lists hold UUIDs). */
  vmUuid(idOrName: string, c: Context): Promise<string>;
  /** The sign-in page, answered with 401 to a browser asking for a page without a session. */
  loginPage(c: Context): Response | Promise<Response>;
}

export function authGuard({ auth, routes, vmUuid, loginPage }: AuthGuardDeps): MiddlewareHandler {
  return async function authenticate(c, next) {
    const method = c.req.method;
    const path = c.req.path;
    const found = routes().matchRequest(c.req);
    const need = needOfMatch(found, method);
    if (need.kind === "public") return await next();

    const header = c.req.header("authorization");
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? (header ? "" : undefined);
    const credentials = { bearer, cookie: getCookie(c, SESSION_COOKIE) };
    const caller = await auth.identify(credentials);
    if (!caller) {
      if (SAFE.has(method) && !path.startsWith("/api/") && wantsHtml(c)) return await loginPage(c);
      const expiredAt = bearer ? auth.tokens.expiredAt(bearer) : null;
      if (expiredAt !== null) {
        throw new AppError(
          "TOKEN_EXPIRED",
          t("The API token expired on {{date}}: make a new one", {
            date: new Date(expiredAt).toISOString(),
          }),
        );
      }
      throw new AppError(
        "UNAUTHENTICATED",
        bearer !== undefined
          ? t("The API token is unknown or revoked")
          : t("Sign in to use KVM Manager"),
      );
    }
    const { identity, csrf } = caller;
    // Set before any refusal below, so the audit trail names who was refused.
    c.set("identity", identity);
    c.set(
      "callerNow",
      async ({ touch = false } = {}) =>
        (await auth.identify(credentials, { touch }))?.identity ?? null,
    );
    // A cookie rides along on requests other sites make; a header it cannot set proves the
    // change comes from our own page. Bearer tokens are never sent by a browser on its own.
    if (csrf !== undefined && !SAFE.has(method)) {
      const sent = c.req.header(CSRF_HEADER) ?? "";
      if (!sameSecret(sent, csrf)) {
        throw new AppError(
          "CSRF_FAILED",
          t("Missing or wrong CSRF token: reload the page and try again"),
        );
      }
    }
    if (!meets(identity, need)) {
      throw new AppError(
        "FORBIDDEN",
        // The role as the access page names it (admin, operator, viewer in English).
        SAFE.has(method)
          ? t("Your role ({{role}}) may not read {{path}}", { role: t(identity.role), path })
          : t("Your role ({{role}}) may not {{method}} {{path}}", {
            role: t(identity.role),
            method,
            path,
          }),
      );
    }
    // The one difference between a session and a token of the same account and role: routes that
    // a leaked token must not reach (second factors), declared so (routes/declare.ts).
    const sessionOnly = found?.route.sessionOnly;
    if (sessionOnly && identity.via !== "session") throw new AppError("FORBIDDEN", t(sessionOnly));
    if (need.kind === "vm" && identity.role !== "admin") {
      const uuid = UUID.test(need.vm) ? need.vm.toLowerCase() : await vmUuid(need.vm, c);
      if (!mayPower(identity, uuid)) {
        throw new AppError("FORBIDDEN", t("You may not control VM {{vm}}", { vm: need.vm }));
      }
    }
    if (csrf !== undefined) c.set("csrf", csrf);
    await next();
  };
}

function wantsHtml(c: Context): boolean {
  const accept = c.req.header("accept") ?? "";
  return accept === "" || accept.includes("text/html") || accept.includes("*/*");
}
