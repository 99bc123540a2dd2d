// kvmm-agent: KVM Manager's guest agent. Reads its policy, then answers JSON-RPC on the
// virtio-serial port (or, for development, on a unix socket). See agent/PROTOCOL.md.

import { ConfigError, loadConfig } from "./config.ts";
import { serveDevice } from "./device.ts";
import { parseFlags, USAGE } from "./flags.ts";
import { log } from "./log.ts";
import { methodTable } from "./methods.ts";
import { PROTOCOL_VERSION } from "./protocol.ts";
import { handleLine } from "./rpc.ts";
import { killAllRunning } from "./run.ts";
import { serveUnixSocket } from "./unix_socket.ts";
import { AGENT_VERSION } from "./version.ts";

/** sysexits(3) EX_USAGE and EX_CONFIG; the systemd unit does not restart on EX_CONFIG. */
const EX_USAGE = 64;
const EX_CONFIG = 78;

async function main(): Promise<void> {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  if (Deno.args.includes("--version")) {
    console.log(`kvmm-agent ${AGENT_VERSION} (protocol ${PROTOCOL_VERSION})`);
    return;
  }
  const flags = parseFlags(Deno.args);
  if (typeof flags === "string") {
    console.error(`kvmm-agent: ${flags}\n${USAGE}`);
    Deno.exit(EX_USAGE);
  }
  let loaded;
  try {
    loaded = await loadConfig(flags.config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`kvmm-agent: ${err.message}`);
    Deno.exit(EX_CONFIG);
  }
  const { config, fromFile } = loaded;
  log(
    `${AGENT_VERSION} (protocol ${PROTOCOL_VERSION}, Deno ${Deno.version.deno}); policy from ` +
      (fromFile ? flags.config : `built-in defaults (${flags.config} does not exist)`),
  );

  // Commands run in their own process groups: take them down with the agent.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    Deno.addSignalListener(signal, () => {
      log(`${signal}: stopping`);
      killAllRunning();
      Deno.exit(0);
    });
  }

  const methods = methodTable(config);
  const answer = (line: string) => handleLine(line, methods);
  try {
    if (flags.listenUnix) await serveUnixSocket(flags.listenUnix, answer);
    else await serveDevice({ device: flags.device, answer });
  } catch (err) {
    // The device loop never gives up; this is the unix socket failing to listen.
    console.error(`kvmm-agent: ${(err as Error).message}`);
    Deno.exit(1);
  }
}

if (import.meta.main) await main();
