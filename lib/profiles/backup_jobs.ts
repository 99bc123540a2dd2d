// The scheduled backup jobs that policies ask for (ProfileService.backupPlans), as the managed
// jobs the scheduler keeps: one per profile for its VMs, one per VM with its own schedule; and
// the sync that brings the scheduler in line with them.

import type { ManagedJob } from "../../shared/scheduler.ts";
import type { Scheduler } from "../scheduler/scheduler.ts";
import type { BackupPlan, ProfileService } from "./service.ts";

export function managedBackupJobs(
  plans: BackupPlan[],
  vmNames: Map<string, string>,
): ManagedJob[] {
  return plans.flatMap(({ owner, profileName, vmIds, backup }) => {
    if (!backup.timing || vmIds.length === 0) return [];
    const name = profileName !== null
      ? `Backups: profile ${profileName}`
      : `Backups: ${vmNames.get(vmIds[0]) ?? vmIds[0]} (local policy)`;
    return [{
      owner,
      name,
      vmIds,
      timing: backup.timing,
      timezone: backup.timezone,
      options: {
        mode: backup.mode,
        keep: backup.keep,
        ...backup.repository ? { repository: backup.repository } : {},
      },
    }];
  });
}

/**
 * Brings the scheduler's managed backup jobs in line with the policies in force; never
 * throws (a failure is logged, and the next policy change or reconnection syncs again).
 */
export function backupJobSync({ profiles, scheduler, vmNames }: {
  profiles: Pick<ProfileService, "backupPlans">;
  scheduler: Pick<Scheduler, "syncManaged">;
  /** The names of the host's VMs by UUID (one list call). */
  vmNames: () => Promise<Map<string, string>>;
}): () => Promise<void> {
  return async () => {
    try {
      // Only a VM's own schedule is named after the VM: list the VMs just for those. The plans
      // are read again after the wait, so a change meanwhile is not undone.
      const names = profiles.backupPlans().some((p) => p.profileName === null)
        ? await vmNames().catch(() => new Map<string, string>())
        : new Map<string, string>();
      await scheduler.syncManaged(managedBackupJobs(profiles.backupPlans(), names));
    } catch (err) {
      console.error(`Profiles: cannot sync the backup jobs: ${(err as Error).message}`);
    }
  };
}
