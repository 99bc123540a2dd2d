import { assertEquals } from "../../tests/support/assert.ts";
import type { AgentHeartbeat } from "../../shared/guest.ts";
import { heartbeatText } from "./heartbeat.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";

const AT = Date.UTC(2026, 10, 1, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const beat = (over: Partial<AgentHeartbeat>): AgentHeartbeat => ({
  vmId: "6b5a6f1e-0000-4000-8000-0000000000c1",
  agent: "kvmm",
  version: "1.3.0",
  responding: true,
  lastSeenAt: iso(AT),
  notRespondingSince: null,
  checkedAt: iso(AT),
  intervalSeconds: 30,
  ...over,
});

Deno.test("heartbeat words - last seen ago, not responding since, nothing to ask", () => {
  assertEquals(heartbeatText(beat({}), AT + 12_400), {
    kind: "responding",
    text: "KVM Manager agent v1.3.0 last seen 12 sec. ago",
  });
  assertEquals(
    heartbeatText(beat({ agent: "qemu", version: null }), AT).text,
    "QEMU agent last seen 0 sec. ago",
  );
  const time = (ms: number) => formatDateTime(ms, { timeStyle: "medium" });
  assertEquals(
    heartbeatText(
      beat({
        responding: false,
        notRespondingSince: iso(AT + 30_000),
        checkedAt: iso(AT + 60_000),
      }),
      AT + 61_000,
    ),
    {
      kind: "silent",
      text: `KVM Manager agent v1.3.0 not responding since ${time(AT + 30_000)} (last seen ${
        time(AT)
      })`,
    },
  );
  assertEquals(
    heartbeatText(beat({ responding: false, lastSeenAt: null, notRespondingSince: iso(AT) }), AT)
      .text,
    `KVM Manager agent v1.3.0 not responding since ${time(AT)}`,
  );
  assertEquals(
    heartbeatText(beat({ agent: null, responding: false, lastSeenAt: null }), AT).kind,
    "none",
  );
  assertEquals(heartbeatText(beat({ checkedAt: null }), AT).text, "Agent not checked yet");
});

Deno.test("heartbeat words - no agent installed is grey; one that answered before and stops is red", () => {
  // The guest never opened the agent's channel and nothing ever answered: a normal state.
  assertEquals(
    heartbeatText(
      beat({
        agent: "qemu",
        version: null,
        responding: false,
        channelOpen: false,
        lastSeenAt: null,
        notRespondingSince: iso(AT),
      }),
      AT,
    ),
    { kind: "absent", text: "No agent installed" },
  );
  // It answered before: its silence is news, whatever the channel says now.
  assertEquals(
    heartbeatText(
      beat({ responding: false, channelOpen: false, notRespondingSince: iso(AT + 30_000) }),
      AT + 31_000,
    ).kind,
    "silent",
  );
  // The channel is open (an agent runs) but nothing answers: a hung agent.
  assertEquals(
    heartbeatText(
      beat({ responding: false, channelOpen: true, lastSeenAt: null, notRespondingSince: iso(AT) }),
      AT,
    ).kind,
    "silent",
  );
});
