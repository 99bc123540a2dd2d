// The `serve` command-line flags: their table, strict parsing, and the long-form copy a service
// unit runs with. Separate from lib/config.ts because install-service needs the flags without
// resolving a whole configuration.

import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { strictFlags } from "./values.ts";

/** The `serve` flags, shared by `serve` and `install-service` (which passes them on). */
export const SERVE_OPTIONS = {
  config: { type: "string" },
  listen: { type: "string" },
  connect: { type: "string", short: "c" },
  "data-dir": { type: "string" },
  "storage-root": { type: "string", multiple: true },
  "stats-interval": { type: "string" },
  "max-image-gb": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "no-tls": { type: "boolean" },
  "acme-hooks": { type: "string" },
  "pam-service": { type: "string" },
  "admin-group": { type: "string", multiple: true },
  "operator-group": { type: "string", multiple: true },
  "viewer-group": { type: "string", multiple: true },
  "session-idle": { type: "string" },
  "trusted-proxy": { type: "string", multiple: true },
} as const;

/** Flags whose value is one file or folder: relative ones are taken from the working folder. */
const PATH_FLAGS = new Set(["config", "data-dir", "tls-cert", "tls-key", "acme-hooks"]);

/** The `serve` flags by name, as parseServeFlags gives them. */
export type ServeFlags = ReturnType<typeof parseServeFlags>["values"];

/** Parses `serve` flags strictly; unknown flags and missing values throw ConfigError. */
export function parseServeFlags(args: string[]) {
  return { values: strictFlags(args, SERVE_OPTIONS) };
}

/**
 * `args` for a service unit: the same `serve` flags in long form (others are dropped), with
 * relative paths made absolute (a service starts in "/").
 */
export function absoluteServeArgs(args: string[], cwd: string): string[] {
  const { tokens } = parseArgs({
    args,
    options: SERVE_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const out: string[] = [];
  for (const token of tokens) {
    if (token.kind !== "option" || !Object.hasOwn(SERVE_OPTIONS, token.name)) continue;
    out.push(`--${token.name}`);
    if (token.value !== undefined) {
      out.push(PATH_FLAGS.has(token.name) ? resolve(cwd, token.value) : token.value);
    }
  }
  return out;
}
