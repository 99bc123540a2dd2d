// Checks guest-API input at the boundary: a command request and a guest file path. The agent
// checks again inside the guest; these only make a bad request fail early with clear words.

import { z } from "zod";
import { badRequest } from "../errors.ts";
import { strictBodyError, validated } from "../validate.ts";
import type { ExecRequest } from "../../shared/guest.ts";
import { t } from "../../shared/i18n/t.ts";

const MAX_ARGS = 64;
const MAX_ARG_BYTES = 4096;
const MAX_TIMEOUT_MS = 10 * 60_000;
// Functions: zod asks for a message when a request fails, in that request's language.
const REQUIRED = () => t("command is required");
const ARGS = () => t("args must be a list of strings");
const TIMEOUT = () =>
  t("timeoutMs must be a whole number from 1 to {{max}}", { max: String(MAX_TIMEOUT_MS) });

/** The body of `POST /api/vms/:id/guest/exec`. */
export const ExecBody = z.strictObject({
  // The length is the command's as sent, before it is trimmed.
  command: z.string({ error: REQUIRED }).refine((c) => c.trim() !== "", { error: REQUIRED })
    .max(256, { error: () => t("command is longer than 256 characters") }).trim()
    .meta({ description: "A command the guest agent allows" }),
  // Counted by refinements, after each argument is known to be a string (an array's own size
  // check would come first).
  args: z.array(z.string({ error: ARGS }), { error: ARGS })
    .refine((args) => args.length <= MAX_ARGS, {
      error: () => t("At most {{max}} arguments", { max: String(MAX_ARGS) }),
    })
    .refine((args) => args.every((a) => new TextEncoder().encode(a).length <= MAX_ARG_BYTES), {
      error: () => t("An argument is longer than {{max}} bytes", { max: String(MAX_ARG_BYTES) }),
    })
    .optional()
    .meta({ description: `Up to ${MAX_ARGS} arguments of ${MAX_ARG_BYTES} bytes; default none` }),
  timeoutMs: z.int({ error: TIMEOUT }).min(1, { error: TIMEOUT }).max(MAX_TIMEOUT_MS, {
    error: TIMEOUT,
  }).optional(),
}, strictBodyError('{"command": "uptime", "args": []}'));

/** The body of `POST /api/vms/:id/guest/exec`; 400 BAD_REQUEST with the first problem. */
export function checkExecRequest(input: unknown): ExecRequest {
  const { command, args = [], timeoutMs } = validated(ExecBody, input);
  return { command, args, timeoutMs: timeoutMs as number };
}

/** An absolute guest path without `..` or NUL (the agent also resolves symlinks). */
export function checkGuestPath(input: unknown): string {
  if (typeof input !== "string" || !input) throw badRequest(t("path is required"));
  if (input.length > 4096) throw badRequest(t("path is longer than 4096 characters"));
  if (!input.startsWith("/")) throw badRequest(t("path must be absolute (start with /)"));
  if (input.includes("\0")) throw badRequest(t("path must not contain NUL"));
  if (input.split("/").includes("..")) throw badRequest(t('path must not contain ".."'));
  return input;
}

/** The body of `POST /api/vms/:id/guest/directories`: `{"path": "/srv/files/new"}`. */
export const DirectoryBody = z.strictObject({
  path: z.string().max(4096).meta({ description: "The new directory's absolute path" }),
}, strictBodyError('{"path": "/srv/files/new"}'));
