// Updating our agent in a guest from this server's own bundle (update_agent, agent 1.3.0): only
// when the VM's policy allows it (allowAgentUpdate) and the guest's config does
// (allow_self_update), only to a newer version; then the agent restarts under its service
// manager, and this waits until it answers with the new version.

import { BOUNDS, clip } from "./bounds.ts";
import { join } from "node:path";
import type { AgentPermissions } from "../../shared/profiles.ts";
import type { AgentUpdate } from "../../shared/guest.ts";
import { AGENT_VERSION, compareVersions } from "../../agent/version.ts";
import { AppError } from "../errors.ts";
import type { AgentClient } from "./agent_client.ts";
import { agentTooOldFor, fromAgent } from "./errors.ts";
import { QUICK_MS } from "./ask.ts";
import { t } from "../../shared/i18n/t.ts";

/** The agent version that brought update_agent. */
export const UPDATE_SINCE = "1.3.0";
/** The bundle /agent/kvmm-agent.js serves (scripts/build.ts; embedded in the binary). */
export const AGENT_BUNDLE = join(
  import.meta.dirname!,
  "..",
  "..",
  "static",
  "build",
  "agent",
  "kvmm-agent.js",
);
/** The new agent's start check in the guest can take a while under TCG. */
const UPDATE_MS = 60_000;
const BACK_MS = 45_000;

/**
 * `reconnect` gives the client to ask once the agent restarted (a channel socket QEMU holds
 * stays connected; a socket the agent itself listens on is a new connection).
 */
export async function updateOurAgent(
  { agent, permissions }: { agent: AgentClient; permissions: AgentPermissions | null },
  reconnect: () => Promise<AgentClient>,
  bundle = AGENT_BUNDLE,
): Promise<AgentUpdate> {
  if (permissions?.allowAgentUpdate !== true) {
    throw new AppError(
      "AGENT_UPDATE_NOT_ALLOWED",
      t("This VM's policy does not allow updating its agent from the host: allow it in the VM's profile or overrides"),
    );
  }
  const info = await agent.call("get_agent_info", {}, QUICK_MS).catch((err) => {
    throw fromAgent(err);
  });
  // What the guest answered, as far as it is one: a version, a list of methods, a policy.
  const from = clip(info?.agent_version, BOUNDS.short);
  if (compareVersions(from, AGENT_VERSION) >= 0) {
    throw new AppError(
      "AGENT_CURRENT",
      t("The agent is already at version {{version}}, as new as this server's ({{latest}})", {
        version: from,
        latest: AGENT_VERSION,
      }),
    );
  }
  // What it can do, not its number, decides: an agent without the method cannot take one.
  if (!Array.isArray(info.methods) || !info.methods.includes("update_agent")) {
    throw agentTooOldFor(UPDATE_SINCE);
  }
  if (info.policy?.allow_self_update !== true) {
    throw new AppError(
      "AGENT_UPDATE_NOT_ALLOWED",
      t(
        "The guest's agent config does not allow updates from the host: set {{key}} to true in {{file}}",
        {
          key: "allow_self_update",
          file: "/etc/kvmm-agent/config.json",
        },
      ),
    );
  }
  const code = await Deno.readTextFile(bundle).catch(() => {
    throw new AppError("INTERNAL_ERROR", t("The agent bundle is not built: run `deno task build`"));
  });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"))
    .join("");
  try {
    await agent.call("update_agent", { version: AGENT_VERSION, sha256, code }, UPDATE_MS);
  } catch (err) {
    throw fromAgent(err);
  }
  await backAs(reconnect, AGENT_VERSION);
  return { from, to: AGENT_VERSION };
}

/** Waits until the restarted agent answers as `version`. */
async function backAs(reconnect: () => Promise<AgentClient>, version: string): Promise<void> {
  const until = Date.now() + BACK_MS;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const answer = await reconnect().then((agent) => agent.call("get_agent_info", {}, 2_000))
      .catch(() => null);
    if (answer?.agent_version === version) return;
  }
  throw new AppError(
    "AGENT_UPDATE_FAILED",
    t(
      "The agent took the update but did not answer as version {{version}} within {{seconds}} s: see its log in the guest (journalctl -u kvmm-agent)",
      {
        version,
        seconds: BACK_MS / 1000,
      },
    ),
  );
}
