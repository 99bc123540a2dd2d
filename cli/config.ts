// Where the client connects and as whom: each setting from its flag, else the environment, else
// the config file (~/.config/kvm-manager/cli.json), else the default.

import { dirname, join, resolve } from "node:path";
import type { GlobalFlags } from "./args.ts";
import { CliError, EXIT, usageError } from "./errors.ts";
import { parseJsonObject } from "./read_input.ts";

export const DEFAULT_URL = "https://127.0.0.1:8420";
const FILE_KEYS = ["url", "token", "host", "insecure", "caCert"] as const;

/** What the client uses for every request. */
export interface CliSettings {
  /** The server's base URL, without a trailing slash. */
  url: string;
  token: string | null;
  /** `?host=` on every request; null = the server's default (its local host). */
  host: string | null;
  json: boolean;
  /** Trust whatever certificate the server presents (see tls.ts). */
  insecure: boolean;
  /** A PEM file of certificates to trust besides the usual roots. */
  caCertFile: string | null;
  /** The config file that was read, if any. */
  configFile: string | null;
}

/** The config file as read: its JSON and its permission bits. */
export interface ConfigFile {
  path: string;
  text: string;
  /** `stat().mode`; null where the platform has none. */
  mode: number | null;
}

type Env = (name: string) => string | undefined;

/** The config file to read: --config, KVMM_CLI_CONFIG, else the default under the home. */
export function configPath(
  flags: GlobalFlags,
  env: Env,
): { path: string; explicit: boolean } | null {
  const given = flags.config ?? env("KVMM_CLI_CONFIG");
  if (given) return { path: resolve(given), explicit: true };
  const xdg = env("XDG_CONFIG_HOME");
  const home = env("HOME");
  const base = xdg ? xdg : home ? join(home, ".config") : null;
  return base ? { path: join(base, "kvm-manager", "cli.json"), explicit: false } : null;
}

/** The settings from flags, environment and file (pure; loadSettings reads the file). */
export function resolveSettings(
  flags: GlobalFlags,
  env: Env,
  file: ConfigFile | null,
): CliSettings {
  const data = file ? parseFile(file) : {};
  const url = normalizeUrl(flags.url ?? env("KVMM_URL") ?? data.url ?? DEFAULT_URL);
  const fileCa = data.caCert ? resolve(dirname(file!.path), data.caCert) : undefined;
  return {
    url,
    token: nonEmpty(flags.token ?? env("KVMM_TOKEN") ?? data.token),
    host: nonEmpty(flags.host ?? env("KVMM_HOST") ?? data.host),
    json: flags.json,
    insecure: flags.insecure || data.insecure === true,
    caCertFile: nonEmpty(flags.caCert ?? env("KVMM_CA_CERT") ?? fileCa),
    configFile: file?.path ?? null,
  };
}

/** Reads the config file (a missing default one is fine) and resolves the settings. */
export async function loadSettings(flags: GlobalFlags): Promise<CliSettings> {
  const env: Env = (name) => Deno.env.get(name);
  const where = configPath(flags, env);
  let file: ConfigFile | null = null;
  if (where) {
    try {
      const text = await Deno.readTextFile(where.path);
      file = { path: where.path, text, mode: (await Deno.stat(where.path)).mode };
    } catch (err) {
      if (where.explicit || !(err instanceof Deno.errors.NotFound)) {
        throw configError(`cannot read the config file ${where.path}: ${(err as Error).message}`);
      }
    }
  }
  return resolveSettings(flags, env, file);
}

interface FileData {
  url?: string;
  token?: string;
  host?: string;
  insecure?: boolean;
  caCert?: string;
}

function parseFile({ path, text, mode }: ConfigFile): FileData {
  const d = parseJsonObject(
    text,
    path,
    'like {"url": "…", "token": "kvmm_…"}',
    configError,
  );
  for (const key of Object.keys(d)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      throw configError(`${path}: unknown key "${key}" (known: ${FILE_KEYS.join(", ")})`);
    }
  }
  for (const key of ["url", "token", "host", "caCert"] as const) {
    if (d[key] !== undefined && typeof d[key] !== "string") {
      throw configError(`${path}: "${key}" must be a string`);
    }
  }
  if (d.insecure !== undefined && typeof d.insecure !== "boolean") {
    throw configError(`${path}: "insecure" must be true or false`);
  }
  // A token is a password: a file others can read (or rewrite to send it elsewhere) leaks it.
  if (d.token !== undefined && mode !== null && (mode & 0o066) !== 0) {
    throw configError(
      `${path} holds an API token but other users can read or change it ` +
        `(mode ${(mode & 0o777).toString(8)}): run chmod 600 ${path}`,
    );
  }
  return d as FileData;
}

/**
 * An http(s) URL without a trailing slash, path kept (a server behind a proxy's prefix). A refused
 * one is quoted without what may be a secret (a user's password, a token in the query).
 */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--url must be an http:// or https:// URL, not "${shown(raw)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw usageError(`--url must be an http:// or https:// URL, not "${shown(raw)}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw usageError(
      `--url takes the server's address only, not a query or user: "${shown(raw)}"`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** `raw` with user information, query and fragment replaced by "…". */
function shown(raw: string): string {
  return raw.replace(/\/\/[^/?#]*@/, "//…@").replace(/[?#][\s\S]*$/, "?…").slice(0, 200);
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

const configError = (message: string) => new CliError(EXIT.USAGE, "CONFIG", message);
