// systemd services and pending package updates of a guest through our agent (1.3.0 and later),
// in the API's shapes; the service name a request gives, checked strictly; the VM's policy
// checked before the agent is asked to act (GuestService finds the agent and the policy).

import { BOUNDS, clip, clipOrNull, finite, firstOf } from "./bounds.ts";
import type { GuestService, PendingUpdate, UpdatesResult } from "../../agent/protocol.ts";
import { serviceAllowed, serviceUnit } from "../../agent/service_names.ts";
import { AppError, badRequest } from "../errors.ts";
import { AgentCallError, type AgentClient } from "./agent_client.ts";
import { agentTooOldFor, fromAgent } from "./errors.ts";
import type {
  GuestServiceRow,
  GuestServices,
  GuestUpdates,
  ServiceAction,
  ServiceActionResult,
} from "../../shared/guest.ts";
import { t } from "../../shared/i18n/t.ts";

/** list_services runs systemctl four times, each under the agent's command timeout. */
const SERVICES_MS = 45_000;
/** A service action and a package query run under the agent's max_command_timeout_ms (60 s). */
const SLOW_AGENT_MS = 75_000;

/** The agent version that brought list_services, service_action and list_updates. */
export const UNITS_SINCE = "1.3.0";
export const SERVICE_ACTIONS: readonly ServiceAction[] = ["start", "stop", "restart"];

/** A service name from the URL ("nginx" or "nginx.service") as its unit; 400 otherwise. */
export function checkServiceName(input: unknown): string {
  if (typeof input !== "string" || input === "") throw badRequest(t("service name is required"));
  const checked = serviceUnit(input);
  if ("problem" in checked) {
    throw badRequest(
      t(
        "{{name}} is not a service name: letters, digits and : _ . @ \\ - (starting with a letter or digit), ending .service or without a suffix, at most 255 characters",
        { name: JSON.stringify(input.slice(0, 80)) },
      ),
    );
  }
  return checked.unit;
}

export function serviceFromOurs(s: GuestService): GuestServiceRow {
  return {
    name: clip(s.name, BOUNDS.name),
    description: clip(s.description),
    loadState: clip(s.load_state, BOUNDS.short),
    activeState: clip(s.active_state, BOUNDS.short),
    subState: clip(s.sub_state, BOUNDS.short),
    fileState: clipOrNull(s.file_state, BOUNDS.short),
    allowed: s.allowed === true,
  };
}

const updateFromOurs = (u: PendingUpdate) => ({
  name: clip(u.name, BOUNDS.name),
  currentVersion: clipOrNull(u.current_version, BOUNDS.short),
  newVersion: clip(u.new_version, BOUNDS.short),
});

/** The guest's pending updates, at most BOUNDS.updates of them; `count` is all it claims. */
export function updatesFromOurs(r: UpdatesResult): GuestUpdates {
  const updates = firstOf<PendingUpdate>(r?.updates, "updates", [])
    .map(updateFromOurs);
  const manager = ["apt", "dnf", "pacman"].includes(r?.manager) ? r.manager : "apt";
  return { manager, updates, count: Math.max(finite(r?.count) ?? 0, updates.length) };
}

/** A failed call of a method an agent before 1.3.0 does not know: AGENT_UNSUPPORTED so. */
function fromAgentSince(err: unknown): Error {
  if (err instanceof AgentCallError && err.rpc?.data?.name === "METHOD_NOT_FOUND") {
    return agentTooOldFor(UNITS_SINCE, err);
  }
  return fromAgent(err);
}

/**
 * The guest's systemd services; `patterns` are the VM's policy's allowed services (none when it
 * has no agent permissions), sent as the agent's policy so that each service says whether the
 * agent's config and the policy let it be acted on.
 */
export async function servicesOf(agent: AgentClient, patterns: string[]): Promise<GuestServices> {
  try {
    const out = await agent.call(
      "list_services",
      { policy: { allowed_services: patterns } },
      SERVICES_MS,
    );
    const services = firstOf<GuestService>(out?.services, "services", []);
    return {
      services: services.map(serviceFromOurs),
      truncated: out?.truncated === true || services.length < (out?.services?.length ?? 0),
      allowedPatterns: patterns,
    };
  } catch (err) {
    throw fromAgentSince(err);
  }
}

/**
 * Starts, stops or restarts `unit` (checkServiceName's) when the VM's policy (`patterns`) allows
 * it — refused here first, in the user's words — and the agent's config does (refused there).
 */
export async function actOnService(
  agent: AgentClient,
  patterns: string[],
  unit: string,
  action: ServiceAction,
): Promise<ServiceActionResult> {
  if (!serviceAllowed(unit, patterns)) {
    throw new AppError(
      "SERVICE_NOT_ALLOWED",
      patterns.length
        ? t("{{service}} is not among the allowed services of this VM's policy ({{patterns}})", {
          service: unit,
          patterns: patterns.join(", "),
        })
        : t(
          "This VM's policy allows no services to be started or stopped; add {{service}} to its allowed services",
          { service: unit },
        ),
    );
  }
  try {
    const out = await agent.call(
      "service_action",
      { name: unit, action, policy: { allowed_services: patterns } },
      SLOW_AGENT_MS,
    );
    return { action: out.action, service: serviceFromOurs(out.service) };
  } catch (err) {
    throw fromAgentSince(err);
  }
}

/** Pending package updates (read-only, as of the guest's last refresh of its lists). */
export async function updatesOf(agent: AgentClient): Promise<GuestUpdates> {
  try {
    return updatesFromOurs(await agent.call("list_updates", {}, SLOW_AGENT_MS));
  } catch (err) {
    throw fromAgentSince(err);
  }
}
