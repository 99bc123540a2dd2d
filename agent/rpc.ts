// JSON-RPC 2.0 dispatch for one line: parse, check the envelope, run the method, shape the
// answer. Notifications are run but not answered; batches are refused.

import { AgentError } from "./errors.ts";
import { log, subjectOf } from "./log.ts";
import type { Handler } from "./methods.ts";
import { type RpcError, RpcErrorCode, type RpcErrorName, type RpcResponse } from "./protocol.ts";

type Id = number | string | null;

export function errorResponse(id: Id, name: RpcErrorName, message: string): RpcResponse {
  return { jsonrpc: "2.0", id, error: new AgentError(name, message).toRpcError() };
}

/** Answers one request line; null for a notification. */
export async function handleLine(
  line: string,
  methods: Map<string, Handler>,
): Promise<RpcResponse | null> {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch (err) {
    // V8's message quotes the input, which may be a file's content: not for the log.
    log("parse error: not valid JSON");
    return errorResponse(null, "PARSE_ERROR", `not valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(msg)) {
    log("invalid request: batch");
    return errorResponse(null, "INVALID_REQUEST", "batch requests are not supported");
  }
  if (typeof msg !== "object" || msg === null) {
    log("invalid request: not an object");
    return errorResponse(null, "INVALID_REQUEST", "a request must be a JSON object");
  }
  const req = msg as Record<string, unknown>;
  const isNotification = !("id" in req);
  const idOk = typeof req.id === "string" || (typeof req.id === "number" && isFinite(req.id));
  if (!isNotification && !idOk) {
    log("invalid request: bad id");
    return errorResponse(null, "INVALID_REQUEST", "id must be a string or a number");
  }
  const id = isNotification ? null : req.id as number | string;
  const envelopeProblem = req.jsonrpc !== "2.0"
    ? 'jsonrpc must be "2.0"'
    : typeof req.method !== "string"
    ? "method must be a string"
    : req.params !== undefined && (typeof req.params !== "object" || req.params === null)
    ? "params must be an object"
    : null;
  if (envelopeProblem) {
    log(`invalid request id=${JSON.stringify(id)}: ${envelopeProblem}`);
    return errorResponse(id, "INVALID_REQUEST", envelopeProblem);
  }

  const method = req.method as string;
  const started = performance.now();
  const outcome = await run(method, req.params ?? {}, methods);
  const ms = Math.round(performance.now() - started);
  const idText = isNotification ? "-" : JSON.stringify(id);
  const result = "error" in outcome ? `error ${outcome.error.data?.name}` : "ok";
  // The method name is the caller's: printable characters only, so it cannot forge log lines.
  const shown = method.slice(0, 64).replace(/[^\w.-]/g, "?");
  log(`${shown}${subjectOf(req.params)} id=${idText} ${result} ${ms}ms`);
  if (isNotification) return null;
  return { jsonrpc: "2.0", id, ...outcome };
}

async function run(
  method: string,
  params: unknown,
  methods: Map<string, Handler>,
): Promise<{ result: unknown } | { error: RpcError }> {
  const handler = methods.get(method);
  if (!handler) {
    return {
      error: new AgentError("METHOD_NOT_FOUND", `no method "${method.slice(0, 64)}"`).toRpcError(),
    };
  }
  if (Array.isArray(params)) {
    return {
      error: new AgentError("INVALID_PARAMS", "params must be an object of named parameters")
        .toRpcError(),
    };
  }
  try {
    return { result: await handler(params as Record<string, unknown>) };
  } catch (err) {
    if (err instanceof AgentError) return { error: err.toRpcError() };
    // The stack stays in the log, not on the wire.
    log(`internal error in ${method}: ${(err as Error)?.stack ?? err}`);
    return {
      error: {
        code: RpcErrorCode.INTERNAL_ERROR,
        message: `internal error in ${method}: ${(err as Error)?.message ?? String(err)}`,
        data: { name: "INTERNAL_ERROR" },
      },
    };
  }
}
