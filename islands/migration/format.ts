// Words and numbers of the migration card: what each mode does, phases, progress, targets.

import type { HostStatus } from "../../shared/hosts.ts";
import type { MigrationJob, MigrationPhase, MigrationState } from "../../shared/migration.ts";
import type { VmState } from "../../shared/vms.ts";
import { formatBytes } from "../../shared/format.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** How the VM moves: chosen in the dialog, limited by its state. */
export type MigrationMode = "live" | "paused" | "offline";

/** Keys, shown through t(). */
export const MODE_LABELS: Record<MigrationMode, string> = {
  live: tKey("Live: the VM keeps running while its memory is copied"),
  paused: tKey("Paused: the VM is paused while its memory is copied (faster, with downtime)"),
  offline: tKey("Offline: only the definition moves (the VM is stopped)"),
};

/** The modes a VM in `state` can be migrated in; the first is the default. */
export function modesFor(state: VmState): MigrationMode[] {
  return state === "stopped" ? ["offline"] : ["live", "paused"];
}

/** The request body for a mode (copy storage does not apply offline). */
export function migrationBody(to: string, mode: MigrationMode, copyStorage: boolean) {
  return mode === "offline" ? { to, offline: true } : { to, live: mode === "live", copyStorage };
}

/** Keys, shown through t(). */
export const PHASE_LABELS: Record<MigrationPhase, string> = {
  starting: tKey("Starting…"),
  "copying-storage": tKey("Copying disks"),
  "copying-memory": tKey("Copying memory"),
  finishing: tKey("Switching over"),
  completed: tKey("Completed"),
  failed: tKey("Failed"),
  cancelled: tKey("Cancelled"),
};

export const STATE_BADGES: Record<MigrationState, string> = {
  running: "badge badge-paused",
  completed: "badge badge-running",
  failed: "badge badge-crashed",
  cancelled: "badge badge-stopped",
};

/** "40 MiB of 128 MiB" once libvirt has counted, else null. */
export function progressText(job: MigrationJob): string | null {
  const { dataTotal, dataRemaining } = job.progress;
  if (dataTotal <= 0) return null;
  return t("{{done}} of {{total}}", {
    done: formatBytes(dataTotal - dataRemaining),
    total: formatBytes(dataTotal),
  });
}

/** The hosts a VM on `current` can move to: every other one; unconnected ones say why not. */
export function targetsFrom(hosts: HostStatus[], current: string) {
  return hosts.filter((h) => h.id !== current).map((h) => ({
    id: h.id,
    label: h.connected
      ? h.name
      : h.error
      ? t("{{name}} (not connected: {{error}})", { name: h.name, error: h.error })
      : t("{{name}} (not connected)", { name: h.name }),
    usable: h.connected,
  }));
}

/** The VM's page on the host it moved to. */
export function vmPageOn(job: MigrationJob): string {
  const query = job.to === "local" ? "" : `?host=${encodeURIComponent(job.to)}`;
  return `/vms/${encodeURIComponent(job.vmId)}${query}`;
}
