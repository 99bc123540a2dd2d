// Which of a host's VMs goes where when it enters maintenance: pure, so it is tested alone. A VM
// the admin placed goes there; the others, largest first, to the connected host with the most
// memory left after it, fewer vCPUs per thread breaking ties.

import type {
  MaintenancePlan,
  PlanHost,
  PlannedMove,
  StoppedPolicy,
} from "../../shared/maintenance.ts";
import { t } from "../../shared/i18n/t.ts";

/** A VM of the host entering maintenance. */
export interface PlanVm {
  id: string;
  name: string;
  state: string;
  memoryMb: number;
  cpuCount: number;
}

/** `targets` keyed by VM UUID (the caller resolves names). */
export function planMoves(
  { hostId, vms, hosts, targets, stopped, only = null }: {
    hostId: string;
    vms: PlanVm[];
    hosts: PlanHost[];
    targets: Map<string, string>;
    stopped: StoppedPolicy;
    /** UUIDs of the only VMs that move; null: all. */
    only?: Set<string> | null;
  },
): MaintenancePlan {
  const open = hosts.filter((h) => h.id !== hostId && h.connected && !h.inMaintenance);
  const free = new Map(open.map((h) => [h.id, h.memoryFreeMb ?? 0]));
  const vcpus = new Map(open.map((h) => [h.id, h.runningVcpus ?? 0]));
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const moves: PlannedMove[] = [];
  // Largest first, so the big ones find room before the small ones fill it.
  const order = [...vms].sort((a, b) => b.memoryMb - a.memoryMb || a.name.localeCompare(b.name));
  for (const vm of order) {
    const running = vm.state !== "stopped";
    const base = {
      vmId: vm.id,
      name: vm.name,
      state: vm.state,
      memoryMb: vm.memoryMb,
      cpuCount: vm.cpuCount,
    };
    if ((!running && stopped === "stay") || (only && !only.has(vm.id))) {
      moves.push({ ...base, kind: "stay", to: null, toName: null, chosen: false });
      continue;
    }
    const kind = running ? "live" : "offline";
    // A stopped VM's definition takes no memory where it lands.
    const need = running ? vm.memoryMb : 0;
    const chosen = targets.get(vm.id);
    let to: string | undefined;
    let problem: string | undefined;
    if (chosen !== undefined) {
      const host = byId.get(chosen);
      if (!host || chosen === hostId) {
        problem = t('"{{host}}" is no other host', { host: chosen });
      } else if (!free.has(chosen)) {
        problem = host.inMaintenance
          ? t('Host "{{name}}" is in maintenance', { name: host.name })
          : t('Host "{{name}}" is not connected', { name: host.name });
      } else to = chosen;
    } else {
      to = best(open, free, vcpus, need);
      if (!to) {
        problem = open.length === 0
          ? t("No other connected host to move it to")
          : t("No connected host has {{mb}} MiB of memory free", { mb: need });
      }
    }
    if (to) {
      free.set(to, (free.get(to) ?? 0) - need);
      if (running) vcpus.set(to, (vcpus.get(to) ?? 0) + vm.cpuCount);
    }
    moves.push({
      ...base,
      kind,
      to: to ?? null,
      toName: to ? byId.get(to)!.name : null,
      chosen: chosen !== undefined,
      ...problem ? { problem } : {},
    });
  }
  return { hostId, moves, hosts, ok: moves.every((m) => m.kind === "stay" || m.to !== null) };
}

/** The open host with room for `need` MiB and the most left after it; undefined if none. */
function best(
  open: PlanHost[],
  free: Map<string, number>,
  vcpus: Map<string, number>,
  need: number,
): string | undefined {
  let found: { id: string; left: number; load: number } | undefined;
  for (const h of open) {
    const left = free.get(h.id)! - need;
    if (left < 0) continue;
    const load = (vcpus.get(h.id) ?? 0) / Math.max(1, h.cpuThreads ?? 1);
    if (!found || left > found.left || (left === found.left && load < found.load)) {
      found = { id: h.id, left, load };
    }
  }
  return found?.id;
}
