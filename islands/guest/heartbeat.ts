// Words of the agent heartbeat: "KVM Manager agent v1.3.0 last seen 12 sec. ago", or since when
// it does not answer. Kept apart from the component so the wording is tested.

import type { AgentHeartbeat } from "../../shared/guest.ts";
import { t } from "../../shared/i18n/t.ts";
import { formatDateTime, formatRelative } from "../../shared/i18n/format.ts";

/**
 * "responding"; "silent" (an agent that answered before, or whose channel is open, does not
 * answer: red); "absent" (the channel's guest side is closed and nothing ever answered: no agent
 * installed, a normal state, grey); "none" (no channel, not pinged yet).
 */
export type HeartbeatKind = "responding" | "silent" | "absent" | "none";

/** The sentence and its kind at `nowMs` (the page's clock: "ago" advances between pings). */
export function heartbeatText(beat: AgentHeartbeat, nowMs: number): {
  kind: HeartbeatKind;
  text: string;
} {
  if (!beat.checkedAt) return { kind: "none", text: t("Agent not checked yet") };
  if (!beat.agent) {
    return { kind: "none", text: t("No agent channel: the heartbeat has nothing to ask") };
  }
  const agent = beat.agent === "qemu"
    ? t("QEMU agent")
    : beat.version
    ? t("KVM Manager agent v{{version}}", { version: beat.version })
    : t("KVM Manager agent");
  const ago = (iso: string) =>
    formatRelative(-Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000)), "second", {
      numeric: "always",
      style: "short",
    });
  if (beat.responding && beat.lastSeenAt) {
    return {
      kind: "responding",
      text: t("{{agent}} last seen {{ago}}", { agent, ago: ago(beat.lastSeenAt) }),
    };
  }
  // Nobody home and nobody ever was: the guest has no agent, which is no fault.
  if (!beat.lastSeenAt && beat.channelOpen === false) {
    return { kind: "absent", text: t("No agent installed") };
  }
  const since = formatDateTime(beat.notRespondingSince ?? beat.checkedAt, {
    timeStyle: "medium",
  });
  return {
    kind: "silent",
    text: beat.lastSeenAt
      ? t("{{agent}} not responding since {{time}} (last seen {{seen}})", {
        agent,
        time: since,
        seen: formatDateTime(beat.lastSeenAt, { timeStyle: "medium" }),
      })
      : t("{{agent}} not responding since {{time}}", { agent, time: since }),
  };
}
