// Command-line, environment and config-file configuration: the one place the libvirt URI, the
// listening address, TLS and the login rules are chosen. Precedence: flag > environment >
// config file > defaults.

import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { AuthConfig } from "../shared/auth.ts";

export const DEMO_URI = "test:///default";
export const SYSTEM_URI = "qemu:///system";
export const SYSTEM_SOCKET = "/run/libvirt/libvirt-sock";
export const DEFAULT_LISTEN = "127.0.0.1:8420";
/** Read when neither `--config` nor KVMM_CONFIG names a file, and only when it exists. */
export const DEFAULT_CONFIG_FILE = "/etc/kvm-manager/config.json";

export type TlsConfig =
  /** A self-signed certificate made in `${dataDir}/tls/` on first start. */
  | { mode: "auto" }
  /** `--tls-cert` / `--tls-key`. */
  | { mode: "files"; certFile: string; keyFile: string }
  /** `--no-tls`: plain HTTP, allowed only on a loopback address. */
  | { mode: "off" };

export const DEFAULT_TLS: TlsConfig = { mode: "auto" };
export const DEFAULT_AUTH: AuthConfig = {
  pamService: "kvm-manager",
  adminGroups: ["libvirt"],
  operatorGroups: ["kvm-manager-operators"],
  viewerGroups: ["kvm-manager-viewers"],
  sessionIdleMinutes: 30,
  trustedProxies: [],
};

export interface Config {
  /** The libvirt connection URI. */
  uri: string;
  /** Where the URI came from: `--connect`, LIBVIRT_DEFAULT_URI, the config file, the system socket, or the demo. */
  uriSource: "flag" | "env" | "file" | "system" | "demo";
  /** True on libvirt's built-in test driver, which the UI shows with a banner. */
  demo: boolean;
  listen: { hostname: string; port: number };
  dataDir: string;
  /** Folders inside which new storage pools may put their target; DEFAULT_STORAGE_ROOTS when unset. */
  storageRoots?: string[];
  /** Seconds between metric collector readings; DEFAULT_STATS_INTERVAL when unset. */
  statsInterval?: number;
  /** undefined = DEFAULT_TLS. */
  tls?: TlsConfig;
  /** undefined = DEFAULT_AUTH. */
  auth?: AuthConfig;
}

/** Collector tick: `--stats-interval`, else KVMM_STATS_INTERVAL, else the file, else this. */
export const DEFAULT_STATS_INTERVAL = 5;

/** Where pool targets may go unless `--storage-root`, KVMM_STORAGE_ROOTS or the file says otherwise. */
export const DEFAULT_STORAGE_ROOTS = ["/var/lib/libvirt", "/srv", "/mnt", "/media", "/data"];

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** What configuration reads from the outside world; tests pass their own. */
export interface Environment {
  get(name: string): string | undefined;
  exists(path: string): boolean;
  /** A file's text; throws (Deno.errors.NotFound …) when it cannot be read. */
  readText(path: string): string;
  /** Relative paths in flags and variables are taken from here. */
  cwd(): string;
  isRoot: boolean;
}

const realEnvironment: Environment = {
  get: (name) => Deno.env.get(name),
  exists: (path) => {
    try {
      Deno.statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  readText: (path) => Deno.readTextFileSync(path),
  cwd: () => Deno.cwd(),
  isRoot: Deno.uid?.() === 0,
};

/** The environment variables configuration reads, for the service installer and the docs. */
export const CONFIG_ENV_VARS = [
  "KVMM_CONFIG",
  "LIBVIRT_DEFAULT_URI",
  "KVMM_LISTEN",
  "KVMM_DATA_DIR",
  "KVMM_STORAGE_ROOTS",
  "KVMM_STATS_INTERVAL",
  "KVMM_TLS_CERT",
  "KVMM_TLS_KEY",
  "KVMM_TRUSTED_PROXY",
] as const;

/** Variables holding one path, made absolute when copied into a service unit. */
export const CONFIG_PATH_VARS = new Set([
  "KVMM_CONFIG",
  "KVMM_DATA_DIR",
  "KVMM_TLS_CERT",
  "KVMM_TLS_KEY",
]);

/**
 * Resolves the libvirt URI: `--connect`, then LIBVIRT_DEFAULT_URI, then the config file's
 * `connect`, then qemu:///system when its socket exists, else the built-in demo connection.
 */
export function resolveUri(
  flag: string | undefined,
  env: Pick<Environment, "get" | "exists"> = realEnvironment,
  fromFile?: string,
): Pick<Config, "uri" | "uriSource" | "demo"> {
  const [uri, uriSource]: [string, Config["uriSource"]] = flag
    ? [flag, "flag"]
    : env.get("LIBVIRT_DEFAULT_URI")
    ? [env.get("LIBVIRT_DEFAULT_URI")!, "env"]
    : fromFile
    ? [fromFile, "file"]
    : env.exists(SYSTEM_SOCKET)
    ? [SYSTEM_URI, "system"]
    : [DEMO_URI, "demo"];
  return { uri, uriSource, demo: uri.startsWith("test://") };
}

/** Parses `HOST:PORT` (IPv6 in brackets). `what` names where the value came from. */
export function parseListen(
  value: string,
  what = "--listen",
): { hostname: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s\[\]]+)):(\d{1,5})$/.exec(value);
  if (!m) throw new ConfigError(`Invalid ${what} "${value}": expected HOST:PORT`);
  const hostname = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port > 65535) throw new ConfigError(`Invalid ${what} port ${port}: must be 0-65535`);
  return { hostname, port };
}

/** True for names and addresses only this machine can reach: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/** The per-user data folder (per-host when running as root). */
export function defaultDataDir(env: Pick<Environment, "get" | "isRoot"> = realEnvironment): string {
  if (env.isRoot) return "/var/lib/kvm-manager";
  const xdg = env.get("XDG_DATA_HOME") ?? `${env.get("HOME") ?? "."}/.local/share`;
  return `${xdg}/kvm-manager`;
}

/** A tick length in whole seconds, 1–300. */
export function parseStatsInterval(value: string | undefined, what = "stats interval"): number {
  if (value === undefined) return DEFAULT_STATS_INTERVAL;
  return wholeNumber(value, what, 1, 300, "seconds");
}

/** Storage roots: every `--storage-root`, else KVMM_STORAGE_ROOTS (colon-separated), else the file's, else the defaults. */
export function resolveStorageRoots(
  flags: string[] | undefined,
  env: Pick<Environment, "get">,
  fromFile?: string[],
): string[] {
  const roots = flags?.length
    ? flags
    : env.get("KVMM_STORAGE_ROOTS")?.split(":").filter(Boolean) ?? fromFile ??
      DEFAULT_STORAGE_ROOTS;
  for (const root of roots) {
    if (!root.startsWith("/") || root.split("/").includes("..")) {
      throw new ConfigError(
        `Invalid storage root "${root}": must be an absolute path without ".."`,
      );
    }
  }
  return roots.map((r) => r.length > 1 ? r.replace(/\/+$/, "") : r);
}

/** The `serve` flags, shared by `serve` and `install-service` (which passes them on). */
export const SERVE_OPTIONS = {
  config: { type: "string" },
  listen: { type: "string" },
  connect: { type: "string", short: "c" },
  "data-dir": { type: "string" },
  "storage-root": { type: "string", multiple: true },
  "stats-interval": { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "no-tls": { type: "boolean" },
  "pam-service": { type: "string" },
  "admin-group": { type: "string", multiple: true },
  "operator-group": { type: "string", multiple: true },
  "viewer-group": { type: "string", multiple: true },
  "session-idle": { type: "string" },
  "trusted-proxy": { type: "string", multiple: true },
} as const;

/** Flags whose value is one file or folder: relative ones are taken from the working folder. */
const PATH_FLAGS = new Set(["config", "data-dir", "tls-cert", "tls-key"]);

function parseServeFlags(args: string[]) {
  try {
    return parseArgs({ args, options: SERVE_OPTIONS, strict: true, allowPositionals: false });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/**
 * Parses `serve` flags (see USAGE in main.ts), reading the environment and the config file
 * underneath them. Throws ConfigError with the user's words.
 */
export function parseServeArgs(args: string[], env: Environment = realEnvironment): Config {
  const { values: flags } = parseServeFlags(args);
  const path = (value: string | undefined) =>
    value === undefined ? undefined : resolve(env.cwd(), value);
  const file = loadConfigFile(path(flags.config) ?? path(env.get("KVMM_CONFIG")), env);
  const inFile = (key: keyof ConfigFile) => `"${key}" in ${file?.path}`;
  const v = file?.values ?? {};

  const listenFrom = pick<string>(
    [flags.listen, "--listen"],
    [env.get("KVMM_LISTEN"), "KVMM_LISTEN"],
    [v.listen, inFile("listen")],
  );
  const listen = parseListen(listenFrom?.value ?? DEFAULT_LISTEN, listenFrom?.what);
  const intervalFrom = pick<string>(
    [flags["stats-interval"], "--stats-interval"],
    [env.get("KVMM_STATS_INTERVAL"), "KVMM_STATS_INTERVAL"],
    [v.statsInterval?.toString(), inFile("statsInterval")],
  );
  return {
    ...resolveUri(flags.connect, env, v.connect),
    listen,
    dataDir: path(flags["data-dir"]) ?? path(env.get("KVMM_DATA_DIR")) ?? v.dataDir ??
      defaultDataDir(env),
    storageRoots: resolveStorageRoots(flags["storage-root"], env, v.storageRoots),
    statsInterval: parseStatsInterval(intervalFrom?.value, intervalFrom?.what),
    tls: resolveTls({
      listen,
      layers: [
        tlsLayer({
          off: flags["no-tls"],
          cert: path(flags["tls-cert"]),
          key: path(flags["tls-key"]),
          names: ["--no-tls", "--tls-cert", "--tls-key"],
        }),
        tlsLayer({
          cert: path(env.get("KVMM_TLS_CERT")),
          key: path(env.get("KVMM_TLS_KEY")),
          names: ["", "KVMM_TLS_CERT", "KVMM_TLS_KEY"],
        }),
        tlsLayer({
          off: v.tls === false,
          on: v.tls === true,
          cert: v.tlsCert,
          key: v.tlsKey,
          names: [inFile("tls"), inFile("tlsCert"), inFile("tlsKey")],
        }),
      ],
    }),
    auth: resolveAuth(flags, v, inFile, env),
  };
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

/** The first value that is set, with where it came from. */
function pick<T>(...candidates: [T | undefined, string][]): { value: T; what: string } | undefined {
  const found = candidates.find(([value]) => value !== undefined);
  return found && { value: found[0]!, what: found[1] };
}

function wholeNumber(value: string, what: string, min: number, max: number, unit: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(
      `Invalid ${what} "${value}": expected whole ${unit} from ${min} to ${max}`,
    );
  }
  return n;
}

// --- TLS ---------------------------------------------------------------------------------------

/** What one source (flags, environment, file) says about TLS: nothing, or one mode. */
function tlsLayer({ off, on, cert, key, names: [offName, certName, keyName] }: {
  off?: boolean;
  on?: boolean;
  cert?: string;
  key?: string;
  names: [string, string, string];
}): { tls: TlsConfig; what: string } | undefined {
  if (off && (cert || key)) {
    throw new ConfigError(
      `${offName} contradicts ${cert ? certName : keyName}: give one or the other`,
    );
  }
  if (off) return { tls: { mode: "off" }, what: offName };
  if (cert && !key) {
    throw new ConfigError(`${certName} needs ${keyName} too (give both or neither)`);
  }
  if (key && !cert) {
    throw new ConfigError(`${keyName} needs ${certName} too (give both or neither)`);
  }
  if (cert && key) return { tls: { mode: "files", certFile: cert, keyFile: key }, what: certName };
  if (on) return { tls: { mode: "auto" }, what: offName };
  return undefined;
}

function resolveTls({ listen, layers }: {
  listen: Config["listen"];
  layers: ({ tls: TlsConfig; what: string } | undefined)[];
}): TlsConfig {
  const chosen = layers.find((layer) => layer !== undefined);
  if (chosen?.tls.mode === "off" && !isLoopback(listen.hostname)) {
    throw new ConfigError(
      `${chosen.what} is refused when listening on ${listen.hostname}: passwords and session ` +
        `cookies would cross the network in clear. Keep TLS (the default), or listen on 127.0.0.1.`,
    );
  }
  return chosen?.tls ?? DEFAULT_TLS;
}

// --- Login -------------------------------------------------------------------------------------

function resolveAuth(
  flags: ReturnType<typeof parseServeFlags>["values"],
  file: ConfigFile,
  inFile: (key: keyof ConfigFile) => string,
  env: Pick<Environment, "get">,
): AuthConfig {
  const groups = (flag: string[] | undefined, key: keyof ConfigFile & `${string}Groups`) => {
    const from = pick<string[]>(
      [flag?.length ? flag : undefined, `--${key.replace("Groups", "")}-group`],
      [file[key], inFile(key)],
    );
    for (const group of from?.value ?? []) checkName(group, from!.what, "group");
    return [...from?.value ?? DEFAULT_AUTH[key]];
  };
  const pam = pick<string>([flags["pam-service"], "--pam-service"], [
    file.pamService,
    inFile("pamService"),
  ]);
  if (pam) checkName(pam.value, pam.what, "PAM service");
  const idle = pick<string>([flags["session-idle"], "--session-idle"], [
    file.sessionIdleMinutes?.toString(),
    inFile("sessionIdleMinutes"),
  ]);
  const proxies = pick<string[]>(
    [flags["trusted-proxy"]?.length ? flags["trusted-proxy"] : undefined, "--trusted-proxy"],
    [env.get("KVMM_TRUSTED_PROXY")?.split(","), "KVMM_TRUSTED_PROXY"],
    [file.trustedProxies, inFile("trustedProxies")],
  );
  return {
    pamService: pam?.value ?? DEFAULT_AUTH.pamService,
    adminGroups: groups(flags["admin-group"], "adminGroups"),
    operatorGroups: groups(flags["operator-group"], "operatorGroups"),
    viewerGroups: groups(flags["viewer-group"], "viewerGroups"),
    sessionIdleMinutes: idle
      ? wholeNumber(idle.value, idle.what, 5, 1440, "minutes")
      : DEFAULT_AUTH.sessionIdleMinutes,
    trustedProxies: proxies ? parseProxies(proxies.value, proxies.what) : [],
  };
}

/**
 * `--trusted-proxy ADDR[,ADDR]` (repeatable): IP addresses, no names or ranges; names would be
 * looked up on each request and ranges trust more than the proxy itself.
 */
export function parseProxies(values: string[], what = "--trusted-proxy"): string[] {
  const addresses = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const a of addresses) {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(a) && !/^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/.test(a)) {
      throw new ConfigError(`Invalid ${what} "${a}": expected an IP address`);
    }
    if (a.includes(".") && a.split(".").some((n) => Number(n) > 255)) {
      throw new ConfigError(`Invalid ${what} "${a}": expected an IP address`);
    }
  }
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

/** Group and PAM service names: no spaces, colons, commas or slashes (a PAM service is a file). */
function checkName(name: string, what: string, kind: string) {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?$/.test(name) || name.length > 64) {
    throw new ConfigError(`Invalid ${what} "${name}": not a ${kind} name`);
  }
}

// --- Config file -------------------------------------------------------------------------------

/** The config file: camelCase keys mirroring the flags; `tls: false` is `--no-tls`. */
export interface ConfigFile {
  listen?: string;
  connect?: string;
  dataDir?: string;
  storageRoots?: string[];
  statsInterval?: number;
  tlsCert?: string;
  tlsKey?: string;
  tls?: boolean;
  pamService?: string;
  adminGroups?: string[];
  operatorGroups?: string[];
  viewerGroups?: string[];
  sessionIdleMinutes?: number;
  trustedProxies?: string[];
}

type FieldType = "string" | "path" | "strings" | "number" | "boolean";

const FILE_FIELDS: Record<keyof ConfigFile, FieldType> = {
  listen: "string",
  connect: "string",
  dataDir: "path",
  storageRoots: "strings",
  statsInterval: "number",
  tlsCert: "path",
  tlsKey: "path",
  tls: "boolean",
  pamService: "string",
  adminGroups: "strings",
  operatorGroups: "strings",
  viewerGroups: "strings",
  sessionIdleMinutes: "number",
  trustedProxies: "strings",
};

const FIELD_WORDS: Record<FieldType, string> = {
  string: "a string",
  path: "an absolute path",
  strings: "an array of strings",
  number: "a number",
  boolean: "true or false",
};

/**
 * Reads the config file: `named` (from --config or KVMM_CONFIG) must exist; without one,
 * DEFAULT_CONFIG_FILE is read when it exists. Null when there is no file.
 */
export function loadConfigFile(
  named: string | undefined,
  env: Pick<Environment, "exists" | "readText"> = realEnvironment,
): { path: string; values: ConfigFile } | null {
  const path = named ?? (env.exists(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (path === null) return null;
  let text: string;
  try {
    text = env.readText(path);
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${path}: ${(err as Error).message}`);
  }
  return { path, values: parseConfigFile(text, path) };
}

/** Checks a config file's JSON: an object of known keys with the right types. */
export function parseConfigFile(text: string, path: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError(`Config file ${path} must hold a JSON object`);
  }
  for (const [key, value] of Object.entries(json)) {
    const type = FILE_FIELDS[key as keyof ConfigFile];
    if (!Object.hasOwn(FILE_FIELDS, key)) {
      throw new ConfigError(
        `Config file ${path}: unknown key "${key}" (known: ${Object.keys(FILE_FIELDS).join(", ")})`,
      );
    }
    if (!hasType(value, type)) {
      throw new ConfigError(`Config file ${path}: "${key}" must be ${FIELD_WORDS[type]}`);
    }
  }
  return json as ConfigFile;
}

function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string" && value !== "";
    case "path":
      return typeof value === "string" && isAbsolute(value);
    case "strings":
      return Array.isArray(value) && value.every((s) => typeof s === "string" && s !== "");
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
  }
}
