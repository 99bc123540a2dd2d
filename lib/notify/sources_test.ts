// The host events that become notifications, and the ones that must not: a crash told once
// though re-lists repeat the state, a lost connection and its return, a backup's end only after
// it was seen running (a delete's re-sent state is no new backup).

import { assertEquals } from "../../tests/support/assert.ts";
import type { AppEvent } from "../../shared/events.ts";
import type { Backup } from "../../shared/backups.ts";
import type { NotifyEvent } from "../../shared/notify.ts";
import { watchHost } from "./sources.ts";

function feed(backups: Record<string, Partial<Backup>> = {}) {
  let listener: (e: AppEvent) => void = () => {};
  const told: NotifyEvent[] = [];
  const stop = watchHost({
    hostId: "h1",
    subscribe: (fn) => {
      listener = fn;
      return () => listener = () => {};
    },
    backup: (id) => (backups[id] ?? null) as Backup | null,
    run: () => null,
    publish: (e) => told.push(e),
    now: () => new Date(Date.UTC(2026, 10, 26)),
  });
  return { send: (e: AppEvent) => listener(e), told, stop };
}

const status = (connected: boolean) => ({
  type: "connection-status-changed" as const,
  status: { connected, uri: "qemu+ssh://h1/system", error: connected ? null : "EOF", demo: false },
});

Deno.test("notify sources - a crash is told once; a re-list repeating it is not", () => {
  const { send, told } = feed();
  const vm = { type: "vm-state-changed" as const, id: "u1", name: "db" };
  send({ ...vm, state: "running" });
  send({ ...vm, state: "stopped", stateReason: "crashed" });
  send({ ...vm, state: "stopped", stateReason: "crashed" });
  send({ ...vm, state: "running" });
  send({ ...vm, state: "crashed" });
  assertEquals(told.map((e) => [e.kind, e.severity, e.hostId, e.title]), [
    ["vm-crashed", "critical", "h1", "VM db crashed"],
    ["vm-crashed", "critical", "h1", "VM db crashed"],
  ]);
});

Deno.test("notify sources - a host's lost connection and its return; the first connect is no news", () => {
  const { send, told } = feed();
  send(status(true));
  send(status(false));
  send(status(false));
  send(status(true));
  assertEquals(told.map((e) => e.kind), ["host-disconnected", "host-reconnected"]);
  assertEquals(
    told[0].text,
    "The connection to qemu+ssh://h1/system was lost: EOF. KVM Manager keeps trying to reconnect.",
  );
});

Deno.test("notify sources - a backup's end is told only for a backup seen running", () => {
  const { send, told, stop } = feed({
    b1: {
      vmName: "db",
      kind: "full",
      pool: "bk",
      finishedAt: "t",
      sizeBytes: 5,
      status: "succeeded",
    },
  });
  const changed = (backupId: string, s: string) => ({
    type: "backup-changed" as const,
    backupId,
    vmId: "u1",
    status: s as "running",
    processedBytes: 0,
    totalBytes: 0,
  });
  send(changed("b1", "succeeded"));
  send(changed("b1", "running"));
  send(changed("b1", "succeeded"));
  send(changed("b1", "succeeded"));
  assertEquals(told.map((e) => [e.kind, e.title]), [[
    "backup-succeeded",
    "Backup of db succeeded",
  ]]);
  stop();
  send(changed("b1", "running"));
  send(changed("b1", "succeeded"));
  assertEquals(told.length, 1, "nothing after stop");
});
