// What a scheduled job does to one VM: the operations (start, shutdown, reboot, snapshot,
// backup) mapped onto the VM, snapshot and backup services, and the VM name its run records.

import { AppError } from "./errors.ts";
import type { BackupService } from "./backups/service.ts";
import type { SnapshotService } from "./snapshots/service.ts";
import type { VmService } from "./vms/service.ts";
import type { ResticService } from "./restic/service.ts";
import type { ErrorCode } from "../shared/errors.ts";
import type { OperationRunner } from "./scheduler/scheduler.ts";

/**
 * The scheduler's runner; a backup counts as done when its copy has finished. A backup naming a
 * restic repository (options.repository) goes there, through `restic` (asked for then: the
 * restic feature is made on first use).
 */
export function scheduledOperations({ vms, snapshots, backups, restic }: {
  vms: Pick<VmService, "vmAction">;
  snapshots: Pick<SnapshotService, "create">;
  backups: Pick<BackupService, "start" | "waitFor">;
  restic?: () => Pick<ResticService, "startBackup" | "waitFor"> | undefined;
}): OperationRunner {
  return async (operation, vmId, options) => {
    switch (operation) {
      case "start":
        await vms.vmAction(vmId, "start");
        return;
      case "shutdown":
        await vms.vmAction(vmId, "stop");
        return;
      case "reboot":
        await vms.vmAction(vmId, "reboot");
        return;
      case "snapshot":
        await snapshots.create(vmId, options);
        return;
      case "backup": {
        const repository = (options as { repository?: string } | undefined)?.repository;
        const runner = repository ? restic?.() : undefined;
        if (repository && runner) {
          const job = await runner.startBackup(vmId, { repository });
          const done = await runner.waitFor(job.id);
          if (done.status !== "succeeded") {
            const error = done.error ?? { code: "BACKUP_CANCELLED", message: "Cancelled" };
            throw new AppError(error.code as ErrorCode, error.message);
          }
          return;
        }
        const { id } = await backups.start(vmId, options);
        await backups.waitFor(id);
        return;
      }
    }
  };
}

/** The VM's name for run history (SchedulerDeps.vmName); null once the VM is gone. */
export function scheduledVmName(
  vms: Pick<VmService, "getVm">,
): (id: string) => Promise<string | null> {
  return (id) =>
    vms.getVm(id).then((vm) => vm.name, (err) => {
      if (err instanceof AppError && err.code === "VM_NOT_FOUND") return null;
      throw err;
    });
}
