// KVM Manager's command line: `kvm-manager serve …` runs the server, `kvm-manager
// install-service …` makes it a systemd service.

import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  absoluteServeArgs,
  type Config,
  CONFIG_ENV_VARS,
  CONFIG_PATH_VARS,
  ConfigError,
  DEFAULT_STATS_INTERVAL,
  isLoopback,
  parseServeArgs,
  SERVE_OPTIONS,
} from "./lib/config.ts";
import type { AppContext } from "./lib/context.ts";
import type { ConnectionState } from "./ffi/libvirt/client_types.ts";
import { createContext } from "./lib/compose.ts";
import { FEATURES } from "./routes/features.ts";
import { notifyFeature } from "./lib/notify/feature.ts";
import {
  InstallError,
  installService,
  SERVER_DENO_FLAGS,
  serviceUnit,
} from "./lib/this_host/service_unit.ts";
import { openAppStore, StoreTooNewError } from "./lib/store.ts";
import { MetricsHistory } from "./lib/metrics/history.ts";
import { loadTls, TlsError } from "./lib/tls.ts";
import { SwappableListener } from "./lib/tls/listener.ts";
import { acmeFeature } from "./lib/acme/feature.ts";
import { createApp } from "./routes/app.ts";
import { buildInfo } from "./lib/version.ts";
import { hostCheckLines } from "./lib/host_check/host_check.ts";
import { CLI_USAGE } from "./cli/mod.ts";
import { MissingLibraryError } from "./ffi/missing_library.ts";
import { requireLibraries } from "./ffi/required_libraries.ts";
import { fatalConnectFailure } from "./lib/this_host/connect_failure.ts";
import { clientMain, isClientCommand, withConfigErrors } from "./cli/main.ts";
import { installClusterResourceCommand } from "./lib/cluster/manager_resource.ts";
import { installClusterCommand } from "./lib/cluster/setup/install_cluster.ts";

const USAGE = `KVM Manager: run this host's KVM/QEMU virtual machines from a browser.

Usage:
  kvm-manager serve [options]                      run the server
  kvm-manager install-service [--print] [options]  run it as a systemd service
  kvm-manager install-cluster [options]            make a Pacemaker cluster of hosts (HA)
  kvm-manager install-cluster-resource [options]   run it as a Pacemaker resource (HA)
  kvm-manager --version                            print the version and the commit
${CLI_USAGE}  kvm-manager COMMAND --help                       a command's options

Exit status: 0 ok, 1 failure, 2 usage or configuration error; the client commands also use
3 server unreachable, 4 not signed in or not allowed, 5 not found (kvm-manager vm --help).
`;

const SERVE_USAGE = `Usage: kvm-manager serve [options]

Options (each may also come from the config file; flag > environment > file > default):
  --config FILE         JSON config file (default: KVMM_CONFIG, else
                        /etc/kvm-manager/config.json when it exists); keys mirror the flags:
                        listen, connect, dataDir, storageRoots, statsInterval, maxImageGb,
                        tlsCert, tlsKey, tls (false = --no-tls), acmeHooks, pamService, adminGroups,
                        operatorGroups, viewerGroups, sessionIdleMinutes, trustedProxies
  --listen HOST:PORT    address to serve on (default 127.0.0.1:8420; env KVMM_LISTEN)
  --connect URI         libvirt URI (default: LIBVIRT_DEFAULT_URI, else the file, else
                        qemu:///system when its socket exists, else the demo test:///default)
  --data-dir DIR        where KVM Manager keeps its own data (env KVMM_DATA_DIR; default
                        /var/lib/kvm-manager as root, else ~/.local/share/kvm-manager)
  --storage-root DIR    a folder new storage pools may be made in; repeat for several (env
                        KVMM_STORAGE_ROOTS, colon-separated; default /var/lib/libvirt /srv /mnt
                        /media /data)
  --stats-interval S    seconds between metric readings, 1-300 (env KVMM_STATS_INTERVAL;
                        default 5)
  --max-image-gb N      the largest virtual size (GiB, 1-65536) a disk image to convert or an
                        OVA's disk may declare (env KVMM_MAX_IMAGE_GB; default 16384, 16 TiB)

HTTPS (on by default, with a self-signed certificate made in DATA-DIR/tls/ on first start):
  --tls-cert FILE       serve this PEM certificate (chain) instead (env KVMM_TLS_CERT) ...
  --tls-key FILE        ... with this PEM key (env KVMM_TLS_KEY); give both or neither
  --no-tls              plain HTTP; only with a loopback --listen (e.g. behind a TLS proxy)
  --acme-hooks DIR      the DNS-01 hooks the Settings page may choose for an ACME certificate
                        (default /etc/kvm-manager/acme-hooks; each an executable only root
                        may change)

Sign-in (host accounts through PAM; root is always admin):
  --pam-service NAME    PAM service, /etc/pam.d/NAME (default kvm-manager)
  --admin-group G       members sign in as admin; repeat for several (default libvirt)
  --operator-group G    members may power and open consoles (default kvm-manager-operators)
  --viewer-group G      members may look (default kvm-manager-viewers)
  --session-idle MIN    sign out after this many idle minutes, 5-1440 (default 30)
  --trusted-proxy ADDR  a reverse proxy's IP address whose X-Forwarded-For names the client
                        (sign-in limits, audit log); comma-separated or repeated (env
                        KVMM_TRUSTED_PROXY; default none: the TCP peer is the client)
`;

const INSTALL_USAGE = `Usage: kvm-manager install-service [--print] [serve options]

Writes /etc/systemd/system/kvm-manager.service running \`kvm-manager serve\` with the given
options (relative paths made absolute; the KVMM_* and LIBVIRT_DEFAULT_URI variables set now are
copied into the unit), writes /etc/pam.d/<pam service> when missing, then runs
\`systemctl daemon-reload\` and \`systemctl enable --now kvm-manager\`. Needs root and systemd.

  --print               print the unit and change nothing
`;

/** A running server and everything it owns; `close()` stops it all. */
export interface Server {
  ctx: AppContext;
  url: string;
  /** Prints where it listens, its certificate, its libvirt connection and the host check. */
  announce(): void;
  /** The libvirt connection's state now. */
  connection(): ConnectionState;
  close(): Promise<void>;
}

/**
 * Starts the server for a configuration (used by `serve` and by tests). Throws TlsError when
 * the certificate cannot be read or made: there is no fallback to plain HTTP; StoreTooNewError
 * when the data folder's store was written by a newer KVM Manager.
 */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<Server> {
  const tls = await loadTls(config);
  const { store, degraded } = openAppStore(config.dataDir);
  const history = MetricsHistory.openOrMemory(
    config.dataDir,
    config.statsInterval ?? DEFAULT_STATS_INTERVAL,
    "kvm-manager",
  );
  const { ctx, client, start, close } = createContext(config, {
    features: FEATURES,
    store,
    storeDegraded: degraded,
    history,
  });
  // Not connecting is not fatal: the UI shows the error and the client keeps retrying.
  await client.connect();
  // Metrics, schedules, addresses and the remote hosts (lib/background.ts).
  start();
  const app = createApp(ctx);
  const server = new SwappableListener(config.listen, tls, app.fetch);
  const addr = server.addr;
  const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  const url = `${tls ? "https" : "http"}://${host}:${addr.port}`;
  // Messages link back by this machine's name where the server listens on every address; a
  // server on loopback only (behind a proxy, say) is reached by no reader of a message: no link.
  const wildcard = addr.hostname === "0.0.0.0" || addr.hostname === "::";
  const serverUrl = wildcard
    ? `${tls ? "https" : "http"}://${Deno.hostname()}:${addr.port}`
    : isLoopback(addr.hostname)
    ? null
    : url;
  ctx.features.whenMade(notifyFeature, (notify) => notify.setServerUrl(serverUrl));
  // A certificate ACME renews is written where loadTls reads it, read back and checked the same
  // way, and served from then on.
  ctx.features.whenMade(acmeFeature, (acme) =>
    acme.serving(tls, async () => {
      const renewed = await loadTls(config);
      if (renewed) await server.swap(renewed);
      return renewed!;
    }));
  if (degraded) console.error(`kvm-manager: ${degraded}`);
  const announce = () => {
    const s = client.state;
    console.log(`KVM Manager listening on ${url}`);
    if (tls) {
      console.log(
        `TLS certificate ${tls.certFile}${tls.generated ? " (self-signed, made now)" : ""}, ` +
          `SHA-256 fingerprint ${tls.fingerprint}`,
      );
    }
    console.log(
      `libvirt: ${config.uri} (${s.connected ? "connected" : `not connected: ${s.error}`})`,
    );
    if (config.demo) {
      console.log("Demo mode: libvirt's built-in test driver; no real VMs are touched.");
    }
    // The host check in the log (not awaited: the probe may take seconds; libvirt may be down).
    if (client.state.connected) {
      ctx.vms.hostCheck().then((check) => {
        for (const line of hostCheckLines(check)) console.log(line);
      }, () => {});
    }
  };
  if (!opts.quiet) announce();
  return {
    ctx,
    url,
    announce,
    connection: () => client.state,
    async close() {
      // shutdown() waits for every response in flight; a client that never reads the rest
      // of a stream must not keep the services below running.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        server.shutdown(),
        new Promise((r) => timer = setTimeout(r, HTTP_SHUTDOWN_WAIT_MS)),
      ]);
      clearTimeout(timer);
      await close();
    },
  };
}

const SHUTDOWN_WAIT_MS = 10_000;
const HTTP_SHUTDOWN_WAIT_MS = 5_000;

const wantsHelp = (args: string[]) => args.includes("--help") || args.includes("-h");

async function serve(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    console.log(SERVE_USAGE);
    return 0;
  }
  const config = parseServeArgs(args);
  // A missing libvirt0 or libpam0g is said now, in one line (MissingLibraryError, below).
  requireLibraries();
  let server: Server;
  try {
    server = await startServer(config, { quiet: true });
  } catch (err) {
    if (err instanceof TlsError || err instanceof StoreTooNewError) {
      console.error(`kvm-manager: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const { connected, error } = server.connection();
  const fatal = connected ? null : fatalConnectFailure(config.uri, config.uriSource, error ?? "");
  if (fatal) {
    console.error(`kvm-manager: ${fatal}`);
    await server.close();
    return 1;
  }
  server.announce();
  const stop = async () => {
    // A libvirt call that never returns (a host that stopped answering) must not keep a
    // stopping service alive: past the wait, exiting ends those threads too.
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, SHUTDOWN_WAIT_MS))]);
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  return await new Promise<number>(() => {});
}

/** How this program is started again: the release's one file, or `deno run -A main.ts`. */
function selfCommand(): string[] {
  // The release's one file sets KVMM_SELF (scripts/release/launcher.sh): the unit runs that
  // file, which unpacks itself again if its folder is gone or damaged.
  const self = Deno.env.get("KVMM_SELF");
  if (self) return [self];
  const exe = Deno.execPath();
  const compiled = import.meta.url.includes("/deno-compile-") ||
    !/^deno(\.exe)?$/.test(basename(exe));
  // A compiled binary carries its V8 flags (scripts/compile.ts).
  return compiled
    ? [exe]
    : [exe, "run", "-A", ...SERVER_DENO_FLAGS, fileURLToPath(import.meta.url)];
}

async function installServiceCommand(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    console.log(INSTALL_USAGE);
    return 0;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args,
      // --root DIR (not in the usage): write under DIR and skip systemctl, for tests.
      options: { ...SERVE_OPTIONS, print: { type: "boolean" }, root: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const serveArgs = absoluteServeArgs(args, Deno.cwd());
  const config = parseServeArgs(serveArgs);
  // At boot the libvirt socket may appear after we start: pin what was found now rather than
  // fall back to the demo connection.
  if (config.uriSource === "system") serveArgs.push("--connect", config.uri);
  const environment: Record<string, string> = {};
  for (const name of CONFIG_ENV_VARS) {
    const value = Deno.env.get(name);
    if (value) environment[name] = CONFIG_PATH_VARS.has(name) ? resolve(value) : value;
  }
  const command = selfCommand();
  const denoDir = Deno.env.get("DENO_DIR");
  if (command.length > 1 && denoDir) environment.DENO_DIR = resolve(denoDir);
  const unit = serviceUnit({ execStart: [...command, "serve", ...serveArgs], environment });
  if (values.print) {
    console.log(unit);
    return 0;
  }
  try {
    const done = await installService({
      unit,
      pamService: config.auth!.pamService,
      root: values.root === undefined ? "/" : resolve(values.root),
    });
    for (const line of done) console.log(line);
  } catch (err) {
    if (err instanceof InstallError) {
      console.error(`kvm-manager: ${err.message}`);
      return 1;
    }
    throw err;
  }
  return 0;
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "--version" || command === "version") {
    const { version, commit } = buildInfo();
    console.log(`kvm-manager ${version} (commit ${commit})`);
    return 0;
  }
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (isClientCommand(command)) return await clientMain(args);
  const run = new Map([
    ["serve", serve],
    ["install-service", installServiceCommand],
    ["install-cluster", installClusterCommand],
    ["install-cluster-resource", installClusterResourceCommand],
  ]).get(command);
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  return await withConfigErrors(run, rest);
}

/** A missing library ends any command with its one line and status 1, never a stack trace. */
function exitOnMissingLibrary(err: unknown): void {
  if (!(err instanceof MissingLibraryError)) return;
  console.error(`kvm-manager: ${err.message}`);
  Deno.exit(1);
}

if (import.meta.main) {
  // Wherever it is first needed: a command's own code, or a promise nobody awaited.
  globalThis.addEventListener("unhandledrejection", (e) => exitOnMissingLibrary(e.reason));
  globalThis.addEventListener("error", (e) => exitOnMissingLibrary(e.error));
  let code: number;
  try {
    code = await main(Deno.args);
  } catch (err) {
    exitOnMissingLibrary(err);
    throw err;
  }
  Deno.exit(code);
}
