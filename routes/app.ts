// Builds the Hono application: API sub-apps, pages, static assets and the one error handler.

import type { ContextVariableMap, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppContext } from "../lib/context.ts";
import { AppError, retryAfterOf } from "../lib/errors.ts";
import { storeErrorOf } from "../lib/store.ts";
import type { ApiError } from "../shared/errors.ts";
import { backupRoutes } from "./api/backups.ts";
import { featureApps } from "./plug.ts";
import { eventRoutes } from "./api/events.ts";
import { guestRoutes } from "./api/guest.ts";
import { hostRoutes } from "./api/host.ts";
import { monitoringRoutes, prometheusRoutes } from "./api/metrics.ts";
import { networkRoutes } from "./api/networks.ts";
import { scheduleRoutes } from "./api/schedules.ts";
import { snapshotRoutes } from "./api/snapshots.ts";
import { storageRoutes } from "./api/storage.ts";
import { imageRoutes } from "./api/images.ts";
import { templateRoutes } from "./api/templates.ts";
import { vmConfigRoutes } from "./api/vm_config.ts";
import { vmProtectionRoutes } from "./api/vm_protection.ts";
import { hostStartupRoutes, vmStartupRoutes } from "./api/vm_startup.ts";
import { vmRoutes } from "./api/vms.ts";
import { vncRoutes } from "./api/vnc.ts";
import { serialRoutes } from "./api/serial.ts";
import { profileRoutes, vmPolicyRoutes } from "./api/profiles.ts";
import { requestMetrics } from "./middleware/request_metrics.ts";
import { sameOrigin } from "./middleware/same_origin.ts";
import { clientAddressOf, isTrusted, peerAddress } from "./middleware/client_address.ts";
import { appPageRoutes, pageRoutes, renderPage } from "./pages.tsx";
import { ErrorPage } from "../components/ErrorPage.tsx";
import { staticRoutes } from "./static.ts";
import { agentFileRoutes } from "./agent_files.ts";
import { authRoutes } from "./api/auth.ts";
import { auditRoutes } from "./api/audit.ts";
import { auditTrail } from "./middleware/audit.ts";
import { taskRecorder } from "./middleware/tasks.ts";
import { taskRoutes } from "./api/tasks.ts";
import { localQemuLogDir } from "../lib/vms/task_qemu_log.ts";
import { meRoutes } from "./api/me.ts";
import { accountLanguage, browserLanguage } from "./middleware/language.ts";
import { tokenRoutes, userRoutes } from "./api/access.ts";
import { realmRoutes } from "./api/realms.ts";
import { authGuard } from "./middleware/auth.ts";
import { loginResponse } from "./login_page.tsx";
import { DEFAULT_TLS, isLoopback } from "../lib/config.ts";
import { securityHeaders } from "./middleware/security_headers.ts";
import { degradedGuard } from "./middleware/degraded.ts";
import { bodyLimit } from "./middleware/body_limit.ts";
import { HOST_COOKIE, isPage, requestedHost } from "./middleware/host.ts";
import { hostListRoutes } from "./api/hosts.ts";
import { maintenanceRoutes } from "./api/maintenance.ts";
import { maintenanceGuard } from "./middleware/maintenance.ts";
import { idempotency } from "./middleware/idempotency.ts";
import { allHostsVms } from "../lib/hosts/all_vms.ts";
import { ALL_HOSTS, LOCAL_HOST } from "../shared/hosts.ts";
import { allHostsEvents } from "./api/all_hosts_events.ts";
import type { Identity } from "../shared/auth.ts";
import { DeclaredApp } from "./declare.ts";
import { lazyTable } from "./route_table.ts";
import { secondStepRoutes } from "./api/second_step.ts";
import { oidcRoutes } from "./api/oidc.ts";
import { adminTwoFactorRoutes, meTwoFactorRoutes } from "./api/twofa.ts";
import { type OpenApiDocument, openApiDocument } from "./openapi.ts";
import { apiReferenceRoutes } from "./api_reference.tsx";
import { helpRoutes } from "./help.tsx";
import { t } from "../shared/i18n/t.ts";

/** Values the top app hands to a remote host's app with each request (see createApp). */
interface HostEnv {
  identity?: Identity;
  csrf?: string;
  callerNow?: ContextVariableMap["callerNow"];
}

/**
 * The whole application: sign-in, CSRF, roles and the audit trail for every request, the
 * app-wide routes (sign-in, audit, tokens, users, hosts, assets), then each request handed to
 * the app of the host it names (`?host=`, see routes/middleware/host.ts).
 */
export function createApp(ctx: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  // What each route declares (who may call it, its audit action, whether it writes the store),
  // read by the guards below; declared, one per route, further down.
  const routes = lazyTable(app);
  // A switcher cookie naming a host removed since falls back to the local host.
  const hostOf = ({ id, named }: { id: string; named: boolean }) =>
    named ? ctx.hosts.get(id) : ctx.hosts.find(id) ?? ctx.hosts.get(LOCAL_HOST);
  // First, so refusals by the middleware below, onError and notFound carry the headers too.
  app.use("*", securityHeaders({ hsts: (ctx.config.tls ?? DEFAULT_TLS).mode !== "off" }));
  // Before every guard, so their refusals (same origin, body size, sign-in) speak the browser's
  // language; after sign-in, the account's own choice takes over (accountLanguage below).
  app.use("*", browserLanguage());
  // Who the client is, once, for the audit trail and sign-in: X-Forwarded-For counts only from
  // a --trusted-proxy.
  const trustedProxies = ctx.auth.settings.trustedProxies ?? [];
  app.use("*", clientAddressOf({ trustedProxies }));
  app.use("*", requestMetrics(ctx.monitoring.requests, routes));
  // Before the guards, so their refusals are recorded too (it reads who after they ran).
  app.use("*", auditTrail(ctx.audit, routes));
  app.use(
    "*",
    sameOrigin({
      loopbackOnly: isLoopback(ctx.config.listen.hostname),
      // A TLS proxy in front says which scheme the browser used.
      trustsProxy: (c) => {
        const peer = peerAddress(c);
        return peer !== null && isTrusted(peer, trustedProxies);
      },
    }),
  );
  // Before sign-in: an anonymous caller must not make the server hold a large body either.
  app.use("*", bodyLimit());
  app.use(
    "*",
    authGuard({
      auth: ctx.auth,
      routes,
      vmUuid: async (id, c) => (await hostOf(requestedHost(c)).ctx.vms.getVm(id)).id,
      loginPage: (c) => loginResponse(c, ctx.auth.settings, 401, ctx.auth.realms.choices()),
    }),
  );
  app.use("*", accountLanguage(ctx.userSettings));
  // After sign-in, so only signed-in callers learn why; sign-in itself still works (sessions
  // then live in memory until the next restart).
  app.use("*", degradedGuard(ctx.storeDegraded, routes));
  // A change sent again with its Idempotency-Key gets the first answer (a browser on the host
  // loses requests when the host's network changes): after sign-in (keys are per caller), before
  // the task recorder (a replay is no new task).
  app.use("*", idempotency());
  // After the guards: a refused request never ran, so it is in the audit log but is no task.
  app.use(
    "*",
    taskRecorder({
      tasks: ctx.tasks,
      routes,
      hostOf: (c) => {
        // An unknown ?host= is answered by the host routing below; its task is the local one's.
        const host = ctx.hosts.find(requestedHost(c).id) ?? ctx.hosts.get(LOCAL_HOST);
        return { id: host.id, ctx: host.ctx };
      },
    }),
  );
  app.route("/api/auth", authRoutes(ctx.auth, ctx.audit));
  app.route("/api/audit", auditRoutes(ctx.audit));
  app.route("/api/tasks", taskRoutes(ctx.tasks, localQemuLogDir(ctx.config)));
  app.route("/api/auth/second-factor", secondStepRoutes(ctx.auth, ctx.audit));
  app.route("/api/auth/oidc", oidcRoutes(ctx.auth, ctx.audit));
  app.route("/api/me/two-factor", meTwoFactorRoutes(ctx.auth));
  app.route("/api/two-factor-policy", adminTwoFactorRoutes(ctx.auth));
  app.route("/api/me", meRoutes(ctx.userSettings));
  app.route("/api/tokens", tokenRoutes(ctx.auth));
  app.route("/api/users", userRoutes(ctx.auth));
  app.route("/api/realms", realmRoutes(ctx.auth));
  app.route("/api/hosts", hostListRoutes(ctx.hosts));
  // The app-wide features' routes (routes/features.ts): notifications, the cluster.
  for (const { mount, app: routes } of featureApps(ctx, "app")) app.route(mount, routes);
  app.route("/api/hosts", maintenanceRoutes(ctx.maintenance));
  app.route("/static", staticRoutes());
  app.route("/agent", agentFileRoutes());
  // The merged list of every host's VMs: GET /api/vms (declared by the host app) with ?host=all.
  app.use("/api/vms", async (c, next) => {
    if (c.req.method !== "GET" || c.req.query("host") !== ALL_HOSTS) return await next();
    return c.json(await allHostsVms(ctx.hosts));
  });
  // Every host's events in one stream: GET /api/events (declared by the host app) with ?host=all.
  app.use("/api/events", allHostsEvents(ctx));
  // Built once, when the first request asks: every route is declared by then.
  let document: Promise<OpenApiDocument> | undefined;
  app.route("/", apiReferenceRoutes(ctx, () => document ??= openApiDocument(app)));
  app.route("/", helpRoutes(ctx));
  // The pages about every host at once (/hosts, /cluster, /vms?host=all).
  app.route("/", appPageRoutes(ctx));

  // A remote host's request goes to that host's app. The local host's app is mounted below
  // it, so the top app knows every route: refusals above are audited under the route's name.
  const hostApps = new WeakMap<AppContext, DeclaredApp>();
  app.use("*", async (c, next) => {
    const requested = requestedHost(c);
    const host = hostOf(requested);
    let res: Response;
    if (host.local) {
      await next();
      res = c.res;
    } else {
      let hostApp = hostApps.get(host.ctx);
      if (!hostApp) hostApps.set(host.ctx, hostApp = createHostApp(host.ctx));
      const env: HostEnv = {
        identity: c.get("identity"),
        csrf: c.get("csrf"),
        callerNow: c.get("callerNow"),
      };
      res = await hostApp.fetch(c.req.raw, env);
    }
    // Choosing a host for a page makes it the one the next pages show.
    if (requested.named && isPage(c.req.path) && c.req.method === "GET" && res.status < 400) {
      const chosen = encodeURIComponent(requested.id);
      res = withCookie(res, `${HOST_COOKIE}=${chosen}; Path=/; HttpOnly; SameSite=Strict`);
    }
    return c.res = res;
  });
  app.route("/", createHostApp(ctx));
  handleErrors(app, ctx);
  return app;
}

/** The response with a Set-Cookie added (a fresh Response when its headers are immutable). */
function withCookie(res: Response, cookie: string): Response {
  try {
    res.headers.append("set-cookie", cookie);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.append("set-cookie", cookie);
    return copy;
  }
}

/** The routes and pages of one host, answering with that host's services. */
export function createHostApp(ctx: AppContext): DeclaredApp {
  const app = new DeclaredApp();
  // Mounted in the top app, env is Deno's; handed a request, it is the caller (HostEnv).
  app.use("*", async (c, next) => {
    const env = c.env as HostEnv | undefined;
    if (env?.identity) c.set("identity", env.identity);
    if (env?.csrf) c.set("csrf", env.csrf);
    if (env?.callerNow) c.set("callerNow", env.callerNow);
    await next();
  });
  app.use("/api/vms/*", maintenanceGuard(ctx));
  // Before vmRoutes and hostRoutes, whose patterns would otherwise take /vms/:id/metrics.
  app.route("/api", monitoringRoutes(ctx));
  // The plugged-in features' routes (routes/features.ts), before the host's own, so that none of
  // their patterns (vmRoutes' POST /:id/:action) takes a feature's path.
  for (const { mount, app: routes } of featureApps(ctx, "host")) app.route(mount, routes);
  app.route("/api", backupRoutes(ctx));

  app.route("/api/vms", vncRoutes(ctx));
  app.route("/api/vms", serialRoutes(ctx));
  app.route("/api/vms", snapshotRoutes(ctx));
  app.route("/api/vms", guestRoutes(ctx));
  app.route("/api/vms", vmPolicyRoutes(ctx.profiles));
  app.route("/api/profiles", profileRoutes(ctx.profiles));
  // Before vmRoutes: its POST /:id/:action would otherwise answer /:id/clone.
  app.route("/api/vms", vmStartupRoutes(ctx));
  app.route("/api/vms", vmConfigRoutes(ctx));
  app.route("/api/vms", vmProtectionRoutes(ctx));
  app.route("/api/vms", vmRoutes(ctx));
  app.route("/api/events", eventRoutes(ctx));
  app.route("/api/schedules", scheduleRoutes(ctx));
  app.route(
    "/api/templates",
    templateRoutes({
      templates: ctx.templates,
      configFromVm: (id) => ctx.vms.vmConfig(id),
      clonesOf: (path) => ctx.volumes.clonesOf(path),
    }),
  );
  app.route("/api/pools", storageRoutes(ctx));
  app.route("/api/images", imageRoutes(ctx));
  app.route("/api/networks", networkRoutes(ctx));
  app.route("/api", hostStartupRoutes(ctx));
  app.route("/api", hostRoutes(ctx));
  app.route("/", prometheusRoutes(ctx));
  app.route("/", pageRoutes(ctx));
  handleErrors(app, ctx);
  return app;
}

/**
 * The one answer to unknown routes and failures: `{code, message}` JSON with its status; a
 * browser asking for an unknown page gets a page saying so, with the way home.
 */
function handleErrors(app: Hono, ctx: AppContext) {
  app.notFound((c) => {
    const accept = c.req.header("accept") ?? "";
    const read = c.req.method === "GET" || c.req.method === "HEAD";
    if (read && !c.req.path.startsWith("/api/") && accept.includes("text/html")) {
      const body = ErrorPage({
        status: 404,
        message: t("There is no page at {{path}}.", { path: c.req.path }),
      });
      return renderPage(ctx, c, body, { title: t("Page not found"), status: 404 });
    }
    const message = t("Not found: {{method}} {{path}}", {
      method: c.req.method,
      path: c.req.path,
    });
    return c.json({ code: "NOT_FOUND", message } satisfies ApiError, 404);
  });

  app.onError((thrown, c) => {
    // SQLite's "busy" from a statement outside Store.write: another process holds the lock.
    const err = storeErrorOf(thrown);
    if (err instanceof AppError) {
      const body: ApiError = { code: err.code, message: err.message, ...err.details };
      const retryAfter = retryAfterOf(err);
      if (retryAfter !== undefined) c.header("retry-after", String(retryAfter));
      // A server-side failure is for the admin's log too, with the libvirt error behind it; a
      // 503 (libvirtd or the store away, said once where it is noticed) is not.
      if (err.status >= 500 && err.status !== 503) {
        const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
        console.error(`${c.req.method} ${c.req.path}: ${err.code} ${err.message}${cause}`);
      }
      return c.json(body, err.status as 400);
    }
    if (err instanceof HTTPException) {
      return c.json({ code: "HTTP_ERROR", message: err.message } satisfies ApiError, err.status);
    }
    console.error(`${c.req.method} ${c.req.path}:`, err);
    const body: ApiError = {
      code: "INTERNAL_ERROR",
      message: t("Internal error: {{message}}", { message: String((err as Error).message) }),
    };
    return c.json(body, 500);
  });
}
