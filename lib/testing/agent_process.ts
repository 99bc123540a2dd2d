// Runs the real guest agent (agent/main.ts) on this host, listening on a unix socket the way
// QEMU's channel socket listens for the host: route and browser tests point a test-driver
// VM's org.kvmmanager.agent.0 channel at it. Only the virtio transport differs from a guest.

const ENTRY = new URL("../../agent/main.ts", import.meta.url).pathname;

export interface AgentProcess {
  socket: string;
  /** Kills the agent and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts the agent with `config` (snake_case keys, as in its config file) in `dir`. */
export async function startAgentProcess(
  dir: string,
  config: Record<string, unknown>,
): Promise<AgentProcess> {
  const socket = `${dir}/agent.sock`;
  const configPath = `${dir}/agent-config.json`;
  await Deno.writeTextFile(configPath, JSON.stringify(config));
  // --allow-all, as the agent's systemd unit: Deno opens devices and /proc only with it.
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      "--no-prompt",
      ENTRY,
      "--listen-unix",
      socket,
      "--config",
      configPath,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = new Response(child.stderr).text();
  for (let i = 0; i < 200; i++) {
    if (await Deno.stat(socket).then(() => true, () => false)) {
      return {
        socket,
        async stop() {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
          await child.status;
          await stderr;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  await child.status;
  throw new Error(`the agent did not start listening on ${socket}:\n${await stderr}`);
}
