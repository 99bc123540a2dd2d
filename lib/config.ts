// Command-line and environment configuration: the one place the libvirt URI is chosen.

import { parseArgs } from "node:util";

export const DEMO_URI = "test:///default";
export const SYSTEM_URI = "qemu:///system";
export const SYSTEM_SOCKET = "/run/libvirt/libvirt-sock";
export const DEFAULT_LISTEN = "127.0.0.1:8420";

export interface Config {
  /** The libvirt connection URI. */
  uri: string;
  /** Where the URI came from: `--connect`, LIBVIRT_DEFAULT_URI, the system socket, or the demo. */
  uriSource: "flag" | "env" | "system" | "demo";
  /** True on libvirt's built-in test driver, which the UI shows with a banner. */
  demo: boolean;
  listen: { hostname: string; port: number };
  dataDir: string;
  /** Folders inside which new storage pools may put their target; DEFAULT_STORAGE_ROOTS when unset. */
  storageRoots?: string[];
  /** Seconds between metric collector readings; DEFAULT_STATS_INTERVAL when unset. */
  statsInterval?: number;
}

/** Collector tick: `--stats-interval`, else KVMM_STATS_INTERVAL, else this. */
export const DEFAULT_STATS_INTERVAL = 5;

/** A tick length in whole seconds, 1–300. */
export function parseStatsInterval(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STATS_INTERVAL;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 300) {
    throw new ConfigError(
      `Invalid stats interval "${value}": expected whole seconds from 1 to 300`,
    );
  }
  return n;
}

/** Where pool targets may go unless `--storage-root` or KVMM_STORAGE_ROOTS says otherwise. */
export const DEFAULT_STORAGE_ROOTS = ["/var/lib/libvirt", "/srv", "/mnt", "/media", "/data"];

export class ConfigError extends Error {
  override name = "ConfigError";
}

interface Environment {
  get(name: string): string | undefined;
  exists(path: string): boolean;
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
  isRoot: Deno.uid?.() === 0,
};

/**
 * Resolves the libvirt URI: `--connect`, then LIBVIRT_DEFAULT_URI, then qemu:///system when its
 * socket exists, else the built-in demo connection.
 */
export function resolveUri(
  flag: string | undefined,
  env: Environment = realEnvironment,
): Pick<Config, "uri" | "uriSource" | "demo"> {
  const [uri, uriSource]: [string, Config["uriSource"]] = flag
    ? [flag, "flag"]
    : env.get("LIBVIRT_DEFAULT_URI")
    ? [env.get("LIBVIRT_DEFAULT_URI")!, "env"]
    : env.exists(SYSTEM_SOCKET)
    ? [SYSTEM_URI, "system"]
    : [DEMO_URI, "demo"];
  return { uri, uriSource, demo: uri.startsWith("test://") };
}

/** Parses `HOST:PORT` (IPv6 in brackets) and refuses addresses other than loopback. */
export function parseListen(value: string): { hostname: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(value);
  if (!m) throw new ConfigError(`Invalid --listen "${value}": expected HOST:PORT`);
  const hostname = m[1] ?? m[2];
  const port = Number(m[3]);
  if (port > 65535) throw new ConfigError(`Invalid --listen port ${port}: must be 0-65535`);
  if (!isLoopback(hostname)) {
    throw new ConfigError(
      `Refusing to listen on ${hostname}: KVM Manager has no login yet, and anyone who reaches ` +
        `it controls every VM on this host. Listen on 127.0.0.1 and use an SSH tunnel.`,
    );
  }
  return { hostname, port };
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The per-user data folder (per-host when running as root). */
export function defaultDataDir(env: Environment = realEnvironment): string {
  if (env.isRoot) return "/var/lib/kvm-manager";
  const xdg = env.get("XDG_DATA_HOME") ?? `${env.get("HOME") ?? "."}/.local/share`;
  return `${xdg}/kvm-manager`;
}

/** Storage roots: every `--storage-root`, else KVMM_STORAGE_ROOTS (colon-separated), else the defaults. */
export function resolveStorageRoots(flags: string[] | undefined, env: Environment): string[] {
  const roots = flags?.length
    ? flags
    : env.get("KVMM_STORAGE_ROOTS")?.split(":").filter(Boolean) ?? DEFAULT_STORAGE_ROOTS;
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
 * Parses `serve` flags: --listen HOST:PORT --connect URI --data-dir DIR --storage-root DIR…
 * --stats-interval SECONDS.
 */
export function parseServeArgs(args: string[], env: Environment = realEnvironment): Config {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        listen: { type: "string" },
        connect: { type: "string", short: "c" },
        "data-dir": { type: "string" },
        "storage-root": { type: "string", multiple: true },
        "stats-interval": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return {
    ...resolveUri(values.connect, env),
    listen: parseListen(values.listen ?? DEFAULT_LISTEN),
    dataDir: values["data-dir"] ?? defaultDataDir(env),
    storageRoots: resolveStorageRoots(values["storage-root"], env),
    statsInterval: parseStatsInterval(values["stats-interval"] ?? env.get("KVMM_STATS_INTERVAL")),
  };
}
