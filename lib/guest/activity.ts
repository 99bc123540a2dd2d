// A guest's activity (`GET /api/vms/:id/guest/activity`): who is logged in, from our agent or
// else QEMU's (`guest-get-users` through virDomainGetGuestInfo), and the busiest processes, which
// only our agent lists. Shaped here from either agent's reply.

import { BOUNDS, clip, clipOrNull, countOf, finite, firstOf } from "./bounds.ts";
import type { TypedParams } from "../../ffi/libvirt/typed_params.ts";
import type { GuestUser, ProcessesResult } from "../../agent/protocol.ts";
import type { GuestProcessRow, GuestUserSession } from "../../shared/guest.ts";
import { badRequest } from "../errors.ts";
import { t } from "../../shared/i18n/t.ts";

/** `?sort=` and `?limit=` of the activity route, checked. */
export function activityQuery(
  sortInput: string | undefined,
  limitInput: string | undefined,
): { sort: "cpu" | "memory"; limit: number } {
  const sort = sortInput ?? "cpu";
  if (sort !== "cpu" && sort !== "memory") {
    throw badRequest(t('sort must be "cpu" or "memory"'));
  }
  const limit = limitInput === undefined ? 15 : Number(limitInput);
  if (!/^\d{1,3}$/.test(limitInput ?? "15") || limit < 1 || limit > 100) {
    throw badRequest(t("limit must be a whole number from 1 to 100"));
  }
  return { sort, limit };
}

/** A time the guest gave, as ISO 8601; the epoch for one no Date can hold (a guest's lie). */
const iso = (ms: number) => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
};

/** Our agent's utmp sessions. */
export function usersFromOurs(users: GuestUser[]): GuestUserSession[] {
  return firstOf<GuestUser>(users, "sessions", []).map((u) => ({
    name: clip(u.name, BOUNDS.name),
    terminal: clipOrNull(u.terminal, BOUNDS.short),
    host: clipOrNull(u.host, BOUNDS.name),
    domain: null,
    loginTime: iso(finite(u.login_time_ms) ?? 0),
  }));
}

/**
 * QEMU's agent's users from virDomainGetGuestInfo's typed parameters (`user.count`,
 * `user.N.name`, `user.N.domain`, `user.N.login-time` in ms;
 * https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetGuestInfo).
 */
export function usersFromQemu(p: TypedParams): GuestUserSession[] {
  const count = countOf(p["user.count"], "sessions", []);
  const users: GuestUserSession[] = [];
  for (let i = 0; i < count; i++) {
    const name = p[`user.${i}.name`];
    if (typeof name !== "string") continue;
    const domain = p[`user.${i}.domain`];
    const login = p[`user.${i}.login-time`];
    users.push({
      name: clip(name, BOUNDS.name),
      terminal: null,
      host: null,
      domain: clipOrNull(domain, BOUNDS.name),
      loginTime: iso(typeof login === "number" ? login : 0),
    });
  }
  return users;
}

/** Our agent's processes. */
export function processesFromOurs(r: ProcessesResult): GuestProcessRow[] {
  return firstOf<ProcessesResult["processes"][number]>(r?.processes, "processes", []).map((p) => ({
    pid: finite(p.pid) ?? 0,
    name: clip(p.name, BOUNDS.name),
    user: clip(p.user, BOUNDS.name),
    cpuPercent: finite(p.cpu_percent) ?? 0,
    memoryBytes: finite(p.memory_bytes) ?? 0,
    command: clip(p.command),
  }));
}
