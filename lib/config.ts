// Command-line, environment and config-file configuration: the one place the libvirt URI, the
// listening address, TLS and the login rules are chosen. Precedence: flag > environment >
// config file > defaults. The parts live in lib/config/ (flags, TLS choice, login rules, the
// config file); this file resolves them into one Config and re-exports them for importers.

import { resolve } from "node:path";
import type { AuthConfig } from "../shared/auth.ts";
import { type Environment, realEnvironment } from "./config/environment.ts";
import { type ConfigFile, loadConfigFile } from "./config/file.ts";
import { parseListen } from "./config/listen.ts";
import { resolveAuth } from "./config/login.ts";
import { parseServeFlags } from "./config/serve_flags.ts";
import { resolveTls, type TlsConfig, tlsLayer } from "./config/tls_choice.ts";
import { ConfigError, pick, wholeNumber } from "./config/values.ts";

export type { Environment } from "./config/environment.ts";
export {
  type ConfigFile,
  DEFAULT_CONFIG_FILE,
  loadConfigFile,
  parseConfigFile,
} from "./config/file.ts";
export { isLoopback, parseListen } from "./config/listen.ts";
export { DEFAULT_AUTH, parseProxies } from "./config/login.ts";
export { absoluteServeArgs, SERVE_OPTIONS } from "./config/serve_flags.ts";
export { DEFAULT_TLS, type TlsConfig } from "./config/tls_choice.ts";
export { ConfigError } from "./config/values.ts";

export const DEMO_URI = "test:///default";
export const SYSTEM_URI = "qemu:///system";
export const SYSTEM_SOCKET = "/run/libvirt/libvirt-sock";
/**
 * The sockets of a system libvirt: the monolithic libvirtd's, or the modular QEMU daemon's
 * (virtqemud: Fedora, RHEL 9 and 10, and distributions following upstream). libvirt's client
 * picks whichever runs for qemu:///system by itself (its "auto" mode).
 */
export const SYSTEM_SOCKETS = [SYSTEM_SOCKET, "/run/libvirt/virtqemud-sock"];
export const DEFAULT_LISTEN = "127.0.0.1:8420";

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
  /** The largest virtual size an image converted or imported may declare; 16 TiB when unset. */
  maxImageBytes?: number;
  /** undefined = DEFAULT_TLS. */
  tls?: TlsConfig;
  /** The folder of DNS-01 hooks an admin may choose (lib/acme/dns_hook.ts); undefined = its default. */
  acmeHooks?: string;
  /** undefined = DEFAULT_AUTH. */
  auth?: AuthConfig;
}

/** Collector tick: `--stats-interval`, else KVMM_STATS_INTERVAL, else the file, else this. */
export const DEFAULT_STATS_INTERVAL = 5;

/** Where pool targets may go unless `--storage-root`, KVMM_STORAGE_ROOTS or the file says otherwise. */
export const DEFAULT_STORAGE_ROOTS = ["/var/lib/libvirt", "/srv", "/mnt", "/media", "/data"];

/** The environment variables configuration reads, for the service installer and the docs. */
export const CONFIG_ENV_VARS = [
  "KVMM_CONFIG",
  "LIBVIRT_DEFAULT_URI",
  "KVMM_LISTEN",
  "KVMM_DATA_DIR",
  "KVMM_STORAGE_ROOTS",
  "KVMM_STATS_INTERVAL",
  "KVMM_MAX_IMAGE_GB",
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
 * `connect`, then qemu:///system when a system libvirt's socket exists (libvirtd's or
 * virtqemud's), else the built-in demo connection.
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
    : SYSTEM_SOCKETS.some((socket) => env.exists(socket))
    ? [SYSTEM_URI, "system"]
    : [DEMO_URI, "demo"];
  return { uri, uriSource, demo: uri.startsWith("test://") };
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

/** The largest image to convert or import, in whole GiB (1-65536, 64 TiB), as bytes. */
export function parseMaxImageGb(
  value: string | undefined,
  what = "max image size",
): number | undefined {
  if (value === undefined) return undefined;
  return wholeNumber(value, what, 1, 65536, "GiB") * 1024 ** 3;
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
  const maxImageFrom = pick<string>(
    [flags["max-image-gb"], "--max-image-gb"],
    [env.get("KVMM_MAX_IMAGE_GB"), "KVMM_MAX_IMAGE_GB"],
    [v.maxImageGb?.toString(), inFile("maxImageGb")],
  );
  const maxImageBytes = parseMaxImageGb(maxImageFrom?.value, maxImageFrom?.what);
  return {
    ...resolveUri(flags.connect, env, v.connect),
    ...(maxImageBytes === undefined ? {} : { maxImageBytes }),
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
    ...(flags["acme-hooks"] || v.acmeHooks
      ? { acmeHooks: path(flags["acme-hooks"]) ?? v.acmeHooks }
      : {}),
  };
}
