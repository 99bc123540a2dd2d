// Where a host's events become notifications: one listener on the host's event stream (the
// events backups, the scheduler, alerts, the connection and VMs' lifecycle already send) turns
// the ones worth telling into one bus event each, with the details read from their owner.

import type { AppEvent } from "../../shared/events.ts";
import type { Backup } from "../../shared/backups.ts";
import type { ScheduleRun } from "../../shared/scheduler.ts";
import { KIND_SEVERITY, type NotifyEvent, type NotifyKind } from "../../shared/notify.ts";
import type { Lockout } from "../auth/login_limiter.ts";

export interface HostSources {
  hostId: string;
  /** Subscribes to the host's event stream; returns the remover. */
  subscribe: (fn: (e: AppEvent) => void) => () => void;
  backup: (id: string) => Backup | null;
  run: (runId: number) => ScheduleRun | null;
  publish: (event: NotifyEvent) => void;
  now?: () => Date;
}

/** The most VMs and backups remembered per host (their last state told). */
const REMEMBER = 10_000;

/** Starts turning host events into notifications; returns the stop. */
export function watchHost(src: HostSources): () => void {
  const now = src.now ?? (() => new Date());
  const event = (
    kind: NotifyKind,
    title: string,
    text: string,
    severity = KIND_SEVERITY[kind],
  ): NotifyEvent => ({
    kind,
    severity,
    hostId: src.hostId,
    title,
    text,
    at: now().toISOString(),
  });
  /** Backups seen running here: only their end is told (a delete's re-sent state is not). */
  const running = new Set<string>();
  /** Each VM's last state and reason, so a crash is told once (re-lists repeat states). */
  const states = new Map<string, string>();
  let connected: boolean | null = null;

  const onEvent = (e: AppEvent) => {
    switch (e.type) {
      case "backup-changed": {
        if (e.status === "running") {
          if (running.size < REMEMBER) running.add(e.backupId);
          return;
        }
        if (!running.delete(e.backupId)) return;
        if (e.status !== "failed" && e.status !== "succeeded") return;
        const b = src.backup(e.backupId);
        if (!b) return;
        src.publish(
          e.status === "failed"
            ? event(
              "backup-failed",
              `Backup of ${b.vmName} failed`,
              `The ${b.kind} backup of ${b.vmName} started ${b.startedAt} failed: ${
                b.error ?? "no reason given"
              }`,
            )
            : event(
              "backup-succeeded",
              `Backup of ${b.vmName} succeeded`,
              `The ${b.kind} backup of ${b.vmName} to pool ${b.pool} finished ${b.finishedAt}` +
                (b.sizeBytes === null ? "" : ` (${b.sizeBytes} bytes).`),
            ),
        );
        return;
      }
      case "schedule-run": {
        if (!["failed", "partial", "interrupted"].includes(e.status)) return;
        const run = src.run(e.runId);
        if (!run) return;
        const failures = run.results.filter((r) => !r.ok)
          .map((r) => `${r.vmName}: ${r.error?.message ?? "failed"}`);
        src.publish(event(
          "job-failed",
          `Scheduled job ${run.scheduleName} ${
            e.status === "partial" ? "partly failed" : e.status
          }`,
          [
            `The ${run.operation} job ${run.scheduleName} (run ${run.id}) ${e.status}.`,
            ...(run.error ? [run.error] : []),
            ...failures,
          ].join("\n"),
        ));
        return;
      }
      case "alert-fired":
      case "alert-resolved": {
        const a = e.alert;
        const fired = e.type === "alert-fired";
        src.publish(event(
          e.type,
          fired
            ? `Alert ${a.ruleName} fired on ${a.vmName}`
            : `Alert ${a.ruleName} resolved on ${a.vmName}`,
          fired
            ? `${a.metric} is ${a.value}, above ${a.threshold} (${a.severity}).`
            : `${a.metric} alert resolved (${
              a.resolvedReason ?? "resolved"
            }); it fired ${a.firedAt}.`,
          fired ? a.severity : "info",
        ));
        return;
      }
      case "connection-status-changed": {
        const up = e.status.connected;
        const was = connected;
        connected = up;
        if (!up && was !== false) {
          src.publish(event(
            "host-disconnected",
            `Host ${src.hostId} disconnected`,
            `The connection to ${e.status.uri} was lost${
              e.status.error ? `: ${e.status.error}` : ""
            }. KVM Manager keeps trying to reconnect.`,
          ));
        } else if (up && was === false) {
          src.publish(event(
            "host-reconnected",
            `Host ${src.hostId} reconnected`,
            `The connection to ${e.status.uri} is back.`,
          ));
        }
        return;
      }
      case "vm-state-changed": {
        const key = `${e.state}/${e.stateReason ?? ""}`;
        const before = states.get(e.id);
        if (states.size < REMEMBER || states.has(e.id)) states.set(e.id, key);
        const crashed = e.state === "crashed" || e.stateReason === "crashed" ||
          e.stateReason === "panicked";
        if (!crashed || before === key) return;
        src.publish(event(
          "vm-crashed",
          `VM ${e.name} crashed`,
          `${e.name} is ${e.state}${e.stateReason ? ` (${e.stateReason})` : ""}.`,
        ));
        return;
      }
      case "vm-deleted":
        states.delete(e.id);
        return;
    }
  };
  return src.subscribe(onEvent);
}

/** A sign-in lockout (lib/auth/login_limiter.ts) as a notification; app-wide (no host). */
export function lockoutEvent(lockout: Lockout, now = new Date()): NotifyEvent {
  return {
    kind: "login-lockout",
    severity: KIND_SEVERITY["login-lockout"],
    hostId: null,
    title: lockout.by === "address"
      ? `Sign-in locked out for address ${lockout.key}`
      : `Sign-in locked out for account ${lockout.key}`,
    text: `Too many failed sign-ins: further attempts are refused for ${lockout.seconds} s.`,
    at: now.toISOString(),
  };
}
