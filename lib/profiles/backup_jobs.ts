// The scheduled backup jobs that policies ask for (ProfileService.backupPlans), as the managed
// jobs the scheduler keeps: one per profile for its VMs, one per VM with its own schedule.

import type { ManagedJob } from "../../shared/scheduler.ts";
import type { BackupPlan } from "./service.ts";

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
      options: { mode: backup.mode, keep: backup.keep },
    }];
  });
}
