// "Agent last seen 12 sec. ago": the host's heartbeat of a running VM's agent. A change comes as
// an `agent-heartbeat` event at once; the answered pings between (no event) are re-read once an
// interval (a GET of what the server holds, no call to the guest); "ago" advances on the page's
// clock meanwhile.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { AgentHeartbeat } from "../../shared/guest.ts";
import type { AppEvent } from "../../shared/events.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { getHeartbeat } from "./api.ts";
import { heartbeatText } from "./heartbeat.ts";

/** How often "ago" is redrawn. */
const REDRAW_MS = 5000;

export function LastSeen({ vmId }: { vmId: string }) {
  const beat = useSignal<AgentHeartbeat | null>(null);
  const now = useSignal(Date.now());

  useEffect(() => {
    let stopped = false;
    const load = () =>
      getHeartbeat(vmId).then((b) => {
        if (!stopped) beat.value = b;
      }).catch(() => {});
    load();
    const onEvent = (e: AppEvent) => {
      if (e.type === "agent-heartbeat" && e.id === vmId) beat.value = e.heartbeat;
      else if (e.type === "vm-state-changed" && e.id === vmId) load();
    };
    const unsubscribe = subscribeEvents(onEvent, load);
    const timer = setInterval(() => now.value = Date.now(), REDRAW_MS);
    let reread: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      reread = setTimeout(async () => {
        await load();
        if (!stopped) again();
      }, (beat.value?.intervalSeconds ?? 30) * 1000);
    };
    again();
    return () => {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      clearTimeout(reread);
    };
  }, [vmId]);

  if (!beat.value) return null;
  const { kind, text } = heartbeatText(beat.value, now.value);
  return (
    <span class={`agent-last-seen agent-last-seen-${kind}`} data-heartbeat={kind}>
      {text}
    </span>
  );
}
