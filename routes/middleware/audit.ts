// Records every change a request asks for (and every console opened) in the audit log: who,
// which action on which resource, and how it ended. A route's declaration names its action
// (routes/declare.ts, `audit`), or says it is not recorded; the rule here names the rest.

import { clientAddress } from "./client_address.ts";
import type { Context, MiddlewareHandler } from "hono";
import { type AuditLog, resultOfStatus } from "../../lib/audit/log.ts";
import type { AuditEntryInput } from "../../shared/audit.ts";
import type { Identity } from "../../shared/auth.ts";
import type { Declared } from "../declare.ts";
import type { Matched, RouteTable } from "../route_table.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./auth.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Path words naming a kind of resource, and the singular an action starts with. */
const RESOURCES = new Map(Object.entries({
  vms: "vm",
  snapshots: "snapshot",
  guest: "guest",
  disks: "disk",
  cdroms: "cdrom",
  interfaces: "interface",
  backups: "backup",
  schedules: "schedule",
  templates: "template",
  pools: "pool",
  realms: "realm",
  volumes: "volume",
  networks: "network",
  hosts: "dhcp-host",
  forwards: "port-forward",
  alerts: "alert",
  rules: "alert-rule",
  auth: "auth",
  tokens: "token",
  users: "user",
  profiles: "profile",
  "two-factor": "two-factor",
  "two-factor-policy": "two-factor-policy",
}));

const VERB_OF_METHOD: Record<string, string> = {
  POST: "create",
  PUT: "update",
  PATCH: "update",
  DELETE: "delete",
};

/**
 * The action a request on route `pattern` performs when its declaration names none, e.g.
 * POST /api/vms/:id/:action with action=start → "vm.start". The resource is the last resource word of the path; the verb is
 * the word after it (POST /api/backups/:id/restore → "backup.restore"), the :action parameter,
 * or the method's (POST → create, PUT/PATCH → update, DELETE → delete). Anything else is
 * "METHOD pattern", never empty.
 */
export function actionName(method: string, pattern: string, params: Record<string, string>) {
  const fallback = `${method} ${pattern}`;
  const segs = pattern.split("/").filter(Boolean);
  if (segs[0] === "api") segs.shift();
  let resource: string | null = null;
  let word: string | null = null;
  let trailingParams = 0;
  for (const seg of segs) {
    if (seg.startsWith(":")) {
      trailingParams++;
      continue;
    }
    if (seg === "login" || seg === "logout") return `auth.${seg}`;
    trailingParams = 0;
    word = RESOURCES.has(seg) ? null : seg;
    resource = RESOURCES.get(seg) ?? resource;
  }
  if (resource === null) return fallback;
  if (segs[segs.length - 1] === ":action") {
    return params.action ? `${resource}.${params.action}` : fallback;
  }
  const verb = VERB_OF_METHOD[method];
  if (word !== null && trailingParams === 0) {
    // POST /api/vms/:id/clone → vm.clone; PUT /api/vms/:id/xml → vm.xml-update.
    if (method === "POST") return `${resource}.${word}`;
    return verb ? `${resource}.${word}-${verb}` : fallback;
  }
  // POST names a collection (create); PUT, PATCH and DELETE name one of its members.
  if (!verb || (method === "POST") !== (trailingParams === 0)) return fallback;
  return `${resource}.${verb}`;
}

/** The parameters of `pattern` read off the concrete `path` (segment by segment). */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = pattern.split("/");
  const values = path.split("/");
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    if (!name.startsWith(":") || values[i] === undefined) return;
    let value = values[i];
    try {
      value = decodeURIComponent(value);
    } catch { /* malformed escape: keep it as sent */ }
    params[name.slice(1).replace(/\{.*$|\?$/, "")] = value;
  });
  return params;
}

/**
 * The action of a request on a declared route: the name it declares, else the rule's; null
 * when it declares it is not recorded.
 */
export function declaredAction(route: Declared, method: string, params: Record<string, string>) {
  if (route.audit === null) return null;
  return route.audit ?? actionName(method, route.path, params);
}

// Responses read for their error words or a new resource's id: small JSON only, never a stream
// such as a volume download or server-sent events.
const MAX_BODY = 64 * 1024;

async function smallJson(res: Response): Promise<Record<string, unknown> | null> {
  const type = res.headers.get("content-type") ?? "";
  const length = Number(res.headers.get("content-length") ?? 0);
  if (!type.startsWith("application/json") || length > MAX_BODY || res.bodyUsed) return null;
  const text = await res.clone().text();
  let body: unknown;
  try {
    body = text.length > MAX_BODY ? null : JSON.parse(text);
  } catch {
    return null;
  }
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? body as Record<string, unknown>
    : null;
}

const stringOr = (v: unknown, or: string | null = null) => typeof v === "string" ? v : or;

async function entryOf(
  c: Context,
  { method, path, ip, host, found }: {
    method: string;
    path: string;
    ip: string | null;
    host: string | null;
    /** The route that answers (or would have, had a guard not refused). */
    found: Matched | null;
  },
): Promise<AuditEntryInput | null> {
  const params = found?.params ?? {};
  const action = found ? declaredAction(found.route, method, params) : `${method} (no route)`;
  if (action === null) return null;
  const status = c.res.status;
  const result = resultOfStatus(status);
  // The resource in the path (the VM, not its snapshot); a create names it in its answer.
  let target = Object.entries(params).find(([name]) => name !== "action")?.[1] ?? null;
  const body = status >= 400 || (status === 201 && target === null) ? await smallJson(c.res) : null;
  if (target === null && status === 201) target = stringOr(body?.id, stringOr(body?.name));
  // A remote host's VM "web" is "web@rack-2": the same name may exist on every host.
  if (host && host !== "local") target = target === null ? `@${host}` : `${target}@${host}`;
  // Unset on public routes and on requests a guard refused.
  const identity: Identity | undefined = c.get("identity");
  return {
    user: identity?.user ?? "-",
    via: identity?.via ?? "anonymous",
    tokenName: identity?.token?.name ?? null,
    tokenOldSecret: identity?.token?.oldSecret === true,
    ip,
    action,
    method,
    path,
    target,
    status,
    result,
    errorCode: result === "ok" ? null : stringOr(body?.code),
    message: result === "ok" ? null : stringOr(body?.message),
  };
}

/**
 * Records, once the response is ready, each request that is not a read, and each WebSocket
 * upgrade. Mounted before the auth guard it also records refusals: identity is read after
 * `next()`, when the guard has set it. Recording never fails the request.
 */
export function auditTrail(log: AuditLog, routes: () => RouteTable): MiddlewareHandler {
  return async function auditRecorder(c, next) {
    // Read before next(): once a WebSocket upgrade is answered, Deno closes the request and
    // reading its headers throws.
    const { method, path } = c.req;
    const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    const ip = clientAddress(c);
    const host = c.req.query("host") ?? null;
    // Matched once for this request: the guards after this ask the same table.
    const found = routes().matchRequest(c.req);
    await next();
    if (READS.has(method) && !upgrade) return;
    try {
      const entry = await entryOf(c, { method, path, ip, host, found });
      if (entry) log.record(entry);
    } catch (err) {
      console.error(`Audit log: cannot record ${method} ${path}:`, err);
    }
  };
}
