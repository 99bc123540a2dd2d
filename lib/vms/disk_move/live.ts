// A running VM's disk moved while the guest writes to it: virDomainBlockCopy into the new volume
// (made first, in its pool, so REUSE_EXT), its progress followed, and once QEMU mirrors every write
// (the job is "ready": cur == end) virDomainBlockJobAbort with PIVOT switches the guest over.
// Cancel aborts without pivot: the guest keeps its old disk and the new volume is deleted.
// https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainBlockCopy

import type { LibvirtClient } from "../../../ffi/libvirt/client.ts";
import { BlockCopyFlags, BlockJobAbortFlags } from "../../../ffi/libvirt/block_job.ts";
import { ErrorCode, LibvirtError } from "../../../ffi/libvirt/error.ts";
import { AppError, fromLibvirt } from "../../errors.ts";
import { t } from "../../../shared/i18n/t.ts";
import { formatBytes } from "../../../shared/format.ts";
import type { TaskHandle } from "../../tasks/handle.ts";
import type { MovePlan } from "./plan.ts";
import { copyDestXml } from "./xml.ts";

// virErrorNumber VIR_ERR_BLOCK_COPY_ACTIVE: "not ready for pivot yet" (the mirror caught up not).
const BLOCK_COPY_ACTIVE = 83;

/** Starts the block copy of the plan's disk into `path` (the new volume, made already). */
export async function startCopy(client: LibvirtClient, plan: MovePlan, path: string) {
  const dest = copyDestXml(path, plan.format);
  const copy = (flags: number) =>
    client.call("domainBlockCopy", plan.uuid, plan.target, dest, {}, flags);
  try {
    await copy(BlockCopyFlags.REUSE_EXT);
  } catch (err) {
    // QEMUs without -blockdev copy a persistent VM's disk only as a transient job.
    if (!(err instanceof LibvirtError) || err.code !== ErrorCode.OPERATION_INVALID) {
      throw fromLibvirt(err, { id: plan.uuid, failed: t("Failed to start copying the disk") });
    }
    await copy(BlockCopyFlags.REUSE_EXT | BlockCopyFlags.TRANSIENT_JOB).catch((again) => {
      throw fromLibvirt(again, { id: plan.uuid, failed: t("Failed to start copying the disk") });
    });
  }
}

/** How a followed copy ended. */
export type CopyEnd = "pivoted" | "cancelled";

/**
 * Follows the block copy until it pivots (the guest writes to the new volume) or the task is
 * cancelled (the job aborted, the guest on its old disk). Throws when the job fails or vanishes
 * (the VM stopped); the caller removes the new volume then.
 */
export async function followCopy(
  client: LibvirtClient,
  plan: MovePlan,
  task: TaskHandle | undefined,
  pollMs: number,
): Promise<CopyEnd> {
  let cancel = false;
  const { uuid, target } = plan;
  const failed = t("Failed to move disk");
  task?.cancellable(() => {
    cancel = true;
  });
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, pollMs));
      if (cancel) {
        await client.call("domainBlockJobAbort", uuid, target, 0).catch((err) => {
          throw fromLibvirt(err, { id: uuid, failed: t("Failed to cancel the disk copy") });
        });
        return "cancelled";
      }
      const info = await client.call("domainBlockJobInfo", uuid, target).catch((err) => {
        throw fromLibvirt(err, { id: uuid, failed });
      });
      if (!info) {
        throw new AppError(
          "INVALID_STATE",
          t("The copy of disk {{target}} ended before the switch (was the VM stopped?)", {
            target,
          }),
        );
      }
      if (info.end > 0) {
        task?.progress(Math.min(info.cur / info.end, 0.99));
        task?.note(
          t("{{done}} of {{total}} copied", {
            done: formatBytes(info.cur),
            total: formatBytes(info.end),
          }),
        );
      }
      if (info.end === 0 || info.cur !== info.end) continue;
      try {
        task?.cancellable(null);
        await client.call("domainBlockJobAbort", uuid, target, BlockJobAbortFlags.PIVOT);
        return "pivoted";
      } catch (err) {
        const notReady = err instanceof LibvirtError &&
          (err.code === BLOCK_COPY_ACTIVE || err.code === ErrorCode.OPERATION_INVALID);
        if (!notReady) throw fromLibvirt(err, { id: uuid, failed });
        task?.cancellable(() => {
          cancel = true;
        });
      }
    }
  } finally {
    task?.cancellable(null);
  }
}

/** Aborts whatever block job the disk still has (after a failure); errors are ignored. */
export async function dropCopy(client: LibvirtClient, plan: MovePlan): Promise<void> {
  await client.call("domainBlockJobAbort", plan.uuid, plan.target, 0).catch(() => {});
}
