// Runs the real guest agent (agent/main.ts, or a bundle of it) on this host, listening on a unix
// socket the way QEMU's channel socket listens for the host: route and browser tests point a
// test-driver VM's org.kvmmanager.agent.0 channel at it, and the agent's own end-to-end tests
// talk to it. Only the virtio transport differs from a guest.

const ENTRY = new URL("../../agent/main.ts", import.meta.url).pathname;
// As the agent's systemd unit: Deno opens devices and /proc only with --allow-all.
const PERMISSIONS = ["--allow-all", "--no-prompt"];

export interface AgentProcess {
  socket: string;
  /** SIGTERM, then the exit status and everything the agent wrote to stderr. */
  stop(): Promise<{ code: number; stderr: string }>;
  /** Settles when the agent exits by itself or is stopped. */
  exited: Promise<{ code: number }>;
}

/** Starts the agent with `config` (snake_case keys, as in its config file) in `dir`. */
export async function startAgentProcess(
  dir: string,
  config: Record<string, unknown>,
  { entry = ENTRY, permissions = PERMISSIONS }: { entry?: string; permissions?: string[] } = {},
): Promise<AgentProcess> {
  const socket = `${dir}/agent.sock`;
  const configPath = `${dir}/agent-config.json`;
  await Deno.writeTextFile(configPath, JSON.stringify(config));
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, entry, "--listen-unix", socket, "--config", configPath],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = new Response(child.stderr).text();
  let stopped: Promise<{ code: number; stderr: string }> | null = null;
  const stop = () =>
    stopped ??= (async () => {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const status = await child.status;
      return { code: status.code, stderr: await stderr };
    })();
  for (let i = 0; i < 200; i++) {
    if (await Deno.stat(socket).then(() => true, () => false)) {
      return { socket, stop, exited: child.status.then((s) => ({ code: s.code })) };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const { stderr: said } = await stop();
  throw new Error(`the agent did not start listening on ${socket}:\n${said}`);
}

/**
 * The agent runs `bundle` in `dir` and is started again whenever it exits with status 0, as the
 * systemd unit's Restart=always does (an update ends the agent so), until `stop`.
 */
export async function superviseAgent(dir: string, bundle: string, config: Record<string, unknown>) {
  let current: AgentProcess = await startAgentProcess(dir, config, { entry: bundle });
  let stopping = false;
  let restarts = 0;
  const loop = (async () => {
    while (!stopping) {
      const { code } = await current.exited;
      if (stopping) return;
      if (code !== 0) throw new Error(`the agent exited with ${code}, not to be restarted`);
      restarts++;
      await Deno.remove(`${dir}/agent.sock`).catch(() => {});
      current = await startAgentProcess(dir, config, { entry: bundle });
    }
  })();
  return {
    socket: `${dir}/agent.sock`,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await current.stop();
      await loop;
    },
  };
}
