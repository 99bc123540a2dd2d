// Makes each operation a request asks for a task in the task log (lib/tasks/): every change the
// audit trail records (routes/declare.ts names its action), except sign-in, tokens, access
// assignments, console tickets and the task API's own cancel, which are not operations; and
// every download (a read answered with bytes as an attachment; a GET, a HEAD moves no bytes),
// followed until its last byte.
// The task starts before the handler, which runs as part of it (lib/tasks/current.ts), and ends
// with the answer: 2xx succeeded, else failed in the words and code the API answered, unless
// the work the request started took the task over (a backup ends its task when it ends).

import type { Context, MiddlewareHandler } from "hono";
import { withTask } from "../../lib/tasks/current.ts";
import type { TaskHandle } from "../../lib/tasks/handle.ts";
import type { TaskLog } from "../../lib/tasks/log.ts";
import { type FoundTarget, targetOfAnswer, targetOfPath } from "../../lib/tasks/targets.ts";
import type { AppContext } from "../../lib/context.ts";
import type { Identity } from "../../shared/auth.ts";
import { actionName, declaredAction } from "./audit.ts";
import type { RouteTable } from "../route_table.ts";
// For its ContextVariableMap entry: c.get("identity").
import type {} from "./auth.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Audited actions that are not operations: signing in, credentials, access, consoles. */
const NOT_OPERATIONS = [/^auth\./, /^token\./, /^user\./, /^task\./, /\.console-ticket$/];

export interface TaskRecorderDeps {
  tasks: TaskLog;
  routes(): RouteTable;
  /** The services and id of the host a request is for (`?host=`). */
  hostOf(c: Context): { id: string; ctx: AppContext };
}

/** Whether a recorded action is an operation worth a task. */
export function isOperation(action: string): boolean {
  return !NOT_OPERATIONS.some((re) => re.test(action));
}

// Answers read for their error words or a new object's id: small JSON only.
const MAX_BODY = 64 * 1024;

async function smallJson(res: Response): Promise<Record<string, unknown> | null> {
  const type = res.headers.get("content-type") ?? "";
  const length = Number(res.headers.get("content-length") ?? 0);
  if (!type.startsWith("application/json") || length > MAX_BODY || res.bodyUsed) return null;
  try {
    const text = await res.clone().text();
    const body = text.length > MAX_BODY ? null : JSON.parse(text);
    return typeof body === "object" && body !== null && !Array.isArray(body) ? body : null;
  } catch {
    return null;
  }
}

/** A download: bytes handed over as an attachment (a volume, a guest's file). */
function isDownload(res: Response): boolean {
  return res.status === 200 && res.body !== null &&
    (res.headers.get("content-type") ?? "").startsWith("application/octet-stream") &&
    (res.headers.get("content-disposition") ?? "").startsWith("attachment");
}

/** Mounted after the guards: only requests that reach their route become tasks. */
export function taskRecorder({ tasks, routes, hostOf }: TaskRecorderDeps): MiddlewareHandler {
  return async function recordTask(c, next) {
    const method = c.req.method;
    const found = routes().matchRequest(c.req);
    const identity: Identity | undefined = c.get("identity");
    const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
    if (!found || !identity || upgrade) return await next();
    const params = found.params;
    if (READS.has(method)) {
      await next();
      if (method === "HEAD" && isDownload(c.res)) {
        // Hono answers HEAD with the GET handler and drops its body unread: let the transfer
        // behind it (a libvirt stream) go now. No bytes move, so no task.
        await c.res.body!.cancel().catch(() => {});
        c.res = new Response(null, c.res);
      } else if (isDownload(c.res)) {
        // "volume.download": the resource the path names, as the audit trail would name it.
        const action = `${actionName("POST", found.route.path, params).split(".")[0]}.download`;
        const host = hostOf(c);
        const { target, vmIds } = await targetOfPath(host.ctx, found.route.path, params);
        const task = tasks.start({ action, user: identity.user, target, vmIds, hostId: host.id });
        c.res = followDownload(c.res, task);
      }
      return;
    }
    const action = declaredAction(found.route, method, params);
    if (action === null || !isOperation(action)) return await next();
    const host = hostOf(c);
    const { target, vmIds } = await targetOfPath(host.ctx, found.route.path, params);
    const task = tasks.start({ action, user: identity.user, target, vmIds, hostId: host.id });
    try {
      await withTask(task, next);
    } catch (err) {
      task.fail(err);
      throw err;
    }
    await endWithAnswer(task, action, c.res);
  };
}

async function endWithAnswer(task: TaskHandle, action: string, res: Response) {
  if (task.ended) return;
  if (res.status >= 400) {
    const body = await smallJson(res);
    const code = typeof body?.code === "string" ? body.code : "HTTP_ERROR";
    const message = typeof body?.message === "string" ? body.message : `HTTP ${res.status}`;
    task.fail({ code, message });
    return;
  }
  if (task.snapshot().target === null && res.status === 201) {
    const created: FoundTarget = targetOfAnswer(action, await smallJson(res));
    if (created.target) task.update(created);
  }
  if (!task.followed) task.succeed();
}

/**
 * The download's answer with its body followed: progress by bytes sent of Content-Length, the
 * task ends with the last byte, fails when the client goes away or the read breaks, and can be
 * cancelled (the transfer stops; the client sees the download break off).
 */
function followDownload(res: Response, task: TaskHandle): Response {
  const reader = res.body!.getReader();
  const length = Number(res.headers.get("content-length") ?? 0);
  let sent = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          c.close();
          task.succeed();
          return;
        }
        sent += value.byteLength;
        if (length > 0) task.progress(sent / length);
        c.enqueue(value);
      } catch (err) {
        task.fail(err);
        c.error(err);
      }
    },
    async cancel(reason) {
      task.fail({
        code: "DOWNLOAD_INTERRUPTED",
        message: `The download broke off after ${sent} of ${length} bytes (the client went away)`,
      });
      await reader.cancel(reason).catch(() => {});
    },
  }, { highWaterMark: 0 });
  task.cancellable(async () => {
    task.cancelled();
    controller.error(new Error("Download cancelled"));
    await reader.cancel("cancelled").catch(() => {});
  });
  return new Response(stream, { status: res.status, headers: res.headers });
}
