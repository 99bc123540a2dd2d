// KVM Manager's command line: `kvm-manager serve --listen HOST:PORT --connect URI --data-dir DIR`.

import { type Config, ConfigError, parseServeArgs } from "./lib/config.ts";
import type { AppContext } from "./lib/context.ts";
import { createContext } from "./lib/kvm.ts";
import { createApp } from "./routes/app.ts";

const USAGE = `KVM Manager: run this host's KVM/QEMU virtual machines from a browser.

Usage:
  kvm-manager serve [--listen HOST:PORT] [--connect URI] [--data-dir DIR] [--storage-root DIR]...
                    [--stats-interval SECONDS]

Options:
  --listen HOST:PORT  address to serve on (default 127.0.0.1:8420; loopback only until login exists)
  --connect URI       libvirt URI (default: LIBVIRT_DEFAULT_URI, else qemu:///system when its
                      socket exists, else the built-in demo test:///default)
  --data-dir DIR      where KVM Manager keeps its own data
  --storage-root DIR  a folder new storage pools may be made in; repeat for several (default:
                      KVMM_STORAGE_ROOTS, else /var/lib/libvirt /srv /mnt /media /data)
  --stats-interval S  seconds between metric readings, 1-300 (default: KVMM_STATS_INTERVAL,
                      else 5)
`;

/** A running server and everything it owns; `close()` stops it all. */
export interface Server {
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/** Starts the server for a configuration (used by `serve` and by tests). */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<Server> {
  const { ctx, client, close } = createContext(config);
  // Not connecting is not fatal: the UI shows the error and the client keeps retrying.
  await client.connect();
  ctx.monitoring.start();
  ctx.scheduler.start();
  ctx.addresses.start();
  const app = createApp(ctx);
  const server = Deno.serve({
    hostname: config.listen.hostname,
    port: config.listen.port,
    onListen: () => {},
  }, app.fetch);
  const addr = server.addr as Deno.NetAddr;
  const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  const url = `http://${host}:${addr.port}`;
  if (!opts.quiet) {
    const s = client.state;
    console.log(`KVM Manager listening on ${url}`);
    console.log(
      `libvirt: ${config.uri} (${s.connected ? "connected" : `not connected: ${s.error}`})`,
    );
    if (config.demo) {
      console.log("Demo mode: libvirt's built-in test driver; no real VMs are touched.");
    }
  }
  return {
    ctx,
    url,
    async close() {
      await server.shutdown();
      await close();
    },
  };
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== "serve") {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = parseServeArgs(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`kvm-manager: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const server = await startServer(config);
  const stop = async () => {
    await server.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  return await new Promise<number>(() => {});
}

if (import.meta.main) {
  const code = await main(Deno.args);
  Deno.exit(code);
}
