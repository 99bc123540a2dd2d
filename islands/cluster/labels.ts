// The words and badge tones of the cluster's states (islands/ClusterView.tsx).

import type { BadgeTone } from "../../components/kit/Badge.tsx";
import type { ClusterNodeState, ClusterResource } from "../../shared/cluster.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

const NODE_STATES: Record<ClusterNodeState, { label: string; tone: BadgeTone }> = {
  online: { label: tKey("Online"), tone: "running" },
  standby: { label: tKey("Standby"), tone: "paused" },
  maintenance: { label: tKey("Maintenance"), tone: "info" },
  pending: { label: tKey("Joining"), tone: "suspended" },
  offline: { label: tKey("Offline"), tone: "stopped" },
  fenced: { label: tKey("Fenced"), tone: "warning" },
  unclean: { label: tKey("Lost, not fenced"), tone: "critical" },
};

/** A node state's word in the current language and its badge's tone. */
export function nodeState(state: ClusterNodeState): { label: string; tone: BadgeTone } {
  const known = NODE_STATES[state] ?? { label: state, tone: "stopped" };
  return { label: t(known.label), tone: known.tone };
}

/** What each node state means, for the badge's title. */
const NODE_STATE_HELP: Record<ClusterNodeState, string> = {
  online: tKey("A member that runs resources"),
  standby: tKey("A member that runs no resources: Pacemaker moved them away"),
  maintenance: tKey("Pacemaker neither starts, stops nor monitors resources on this node"),
  pending: tKey("Joining the cluster"),
  offline: tKey("Not a member now"),
  fenced: tKey("Powered off by the cluster's fencing after it was lost"),
  unclean: tKey(
    "Lost without fencing yet: its resources cannot start elsewhere until it is fenced",
  ),
};

/** A node state's meaning in the current language; none for a state newer than this page. */
export function nodeStateHelp(state: ClusterNodeState): string {
  const help = NODE_STATE_HELP[state];
  return help && t(help);
}

/** A resource's role as a badge tone: started green, failed red, moving yellow, else grey. */
export function roleTone(r: ClusterResource): BadgeTone {
  if (r.failed) return "critical";
  if (r.role === "Started" || r.role === "Promoted" || r.role === "Unpromoted") return "running";
  if (/ing$/.test(r.role)) return "paused";
  return "stopped";
}
