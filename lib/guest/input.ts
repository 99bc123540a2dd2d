// Checks guest-API input at the boundary: a command request and a guest file path. The agent
// checks again inside the guest; these only make a bad request fail early with clear words.

import { badRequest } from "../errors.ts";
import type { ExecRequest } from "../../shared/guest.ts";

const MAX_ARGS = 64;
const MAX_ARG_BYTES = 4096;
const MAX_TIMEOUT_MS = 10 * 60_000;

export function checkExecRequest(input: unknown): ExecRequest {
  const body = input as Record<string, unknown> | null;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest('Body must be a JSON object like {"command": "uptime", "args": []}');
  }
  const unknown = Object.keys(body).filter((k) => !["command", "args", "timeoutMs"].includes(k));
  if (unknown.length) throw badRequest(`Unknown field: ${unknown[0]}`);
  const { command, args = [], timeoutMs } = body;
  if (typeof command !== "string" || !command.trim()) throw badRequest("command is required");
  if (command.length > 256) throw badRequest("command is longer than 256 characters");
  if (!Array.isArray(args) || args.some((a) => typeof a !== "string")) {
    throw badRequest("args must be a list of strings");
  }
  if (args.length > MAX_ARGS) throw badRequest(`At most ${MAX_ARGS} arguments`);
  if (args.some((a) => new TextEncoder().encode(a).length > MAX_ARG_BYTES)) {
    throw badRequest(`An argument is longer than ${MAX_ARG_BYTES} bytes`);
  }
  if (
    timeoutMs !== undefined &&
    (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 1 ||
      (timeoutMs as number) > MAX_TIMEOUT_MS)
  ) {
    throw badRequest(`timeoutMs must be a whole number from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return { command: command.trim(), args: args as string[], timeoutMs: timeoutMs as number };
}

/** An absolute guest path without `..` or NUL (the agent also resolves symlinks). */
export function checkGuestPath(input: unknown): string {
  if (typeof input !== "string" || !input) throw badRequest("path is required");
  if (input.length > 4096) throw badRequest("path is longer than 4096 characters");
  if (!input.startsWith("/")) throw badRequest("path must be absolute (start with /)");
  if (input.includes("\0")) throw badRequest("path must not contain NUL");
  if (input.split("/").includes("..")) throw badRequest('path must not contain ".."');
  return input;
}
