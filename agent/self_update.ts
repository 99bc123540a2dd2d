// update_agent: the host hands the agent a newer bundle of itself. Running new code as root in the
// guest is the most a host can ask, so the guest's own config must say yes
// (allow_self_update, default false) besides the host's VM policy. The new file must match the
// SHA-256 the host sent and start (`--version` printing the version it claims) before it replaces
// the running one; the old file stays beside it as .previous. The agent then exits and its
// service manager (Restart=always) starts the new one.

import { AgentError, invalidParams } from "./errors.ts";
import type { AgentConfig } from "./config.ts";
import { onlyKeys, type Params, requiredString } from "./params.ts";
import { AGENT_VERSION } from "./version.ts";

/** More than any bundle of ours (about 60 KiB today), far below a line's 16 MiB. */
export const MAX_AGENT_BYTES = 4 * 1024 * 1024;
const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;
const START_CHECK_MS = 30_000;

export interface SelfUpdateDeps {
  /** The running bundle's file; default: this module's own. */
  selfPath?: string;
  /** Called once the reply is on its way; default: exit so the service manager restarts us. */
  restart?: () => void;
}

export async function updateAgent(
  params: Params,
  config: AgentConfig,
  deps: SelfUpdateDeps = {},
): Promise<{ from: string; to: string; restarting: true }> {
  onlyKeys(params, ["version", "sha256", "code"]);
  const version = requiredString(params, "version");
  const sha256 = requiredString(params, "sha256").toLowerCase();
  const code = requiredString(params, "code");
  if (!VERSION.test(version)) throw invalidParams("params.version must look like 1.3.0");
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw invalidParams("params.sha256 must be 64 hex digits");
  if (!config.allow_self_update) {
    throw new AgentError(
      "SELF_UPDATE_NOT_ALLOWED",
      "this guest's agent config does not allow updates from the host (allow_self_update)",
    );
  }
  const bytes = new TextEncoder().encode(code);
  if (bytes.length > MAX_AGENT_BYTES) {
    throw invalidParams(`params.code is over ${MAX_AGENT_BYTES} bytes`);
  }
  const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
  if (digest !== sha256) {
    throw new AgentError("UPDATE_FAILED", `the code's SHA-256 is ${digest}, not ${sha256}`);
  }

  const self = deps.selfPath ?? ownFile();
  const next = `${self}.new`;
  await writeFile(next, bytes);
  try {
    await startCheck(next, version);
    await Deno.copyFile(self, `${self}.previous`);
    await Deno.rename(next, self);
  } catch (err) {
    await Deno.remove(next).catch(() => {});
    throw err;
  }
  // After the reply: the transport writes it before this timer fires.
  setTimeout(deps.restart ?? (() => Deno.exit(0)), 500);
  return { from: AGENT_VERSION, to: version, restarting: true };
}

/** The running bundle's path: a file, since only a bundle on disk can be replaced. */
function ownFile(): string {
  const url = new URL(Deno.mainModule);
  if (url.protocol !== "file:" || !url.pathname.endsWith(".js")) {
    throw new AgentError(
      "UPDATE_FAILED",
      `the agent runs from ${url.href}, not from its one-file bundle; install it as agent/PROTOCOL.md says`,
    );
  }
  return decodeURIComponent(url.pathname);
}

async function writeFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await Deno.writeFile(path, bytes, { mode: 0o644 });
    const f = await Deno.open(path, { read: true });
    try {
      await f.sync();
    } finally {
      f.close();
    }
  } catch (err) {
    throw new AgentError("IO_ERROR", `cannot write ${path}: ${(err as Error).message}`);
  }
}

/** The new file must start and name the version it claims, or it replaces nothing. */
async function startCheck(path: string, version: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-config", "--no-prompt", "--no-lock", path, "--version"],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(START_CHECK_MS),
  }).output().catch((err) => {
    throw new AgentError("UPDATE_FAILED", `the new agent did not start: ${err.message}`);
  });
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success || !text.startsWith(`kvmm-agent ${version} `)) {
    const why = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-3).join(" ") ||
      text;
    throw new AgentError(
      "UPDATE_FAILED",
      `the new agent did not start as version ${version}: ${why.slice(0, 500)}`,
    );
  }
}
