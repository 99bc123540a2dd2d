// The backups an island shows, read once and kept current by "backup-changed" events: progress
// is applied in place, anything else (a start, an end, a delete) re-reads the list.

import { type Signal, useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Backup } from "../../shared/backups.ts";
import type { AppEvent } from "../../shared/events.ts";
import { subscribeEvents } from "../../components/client/events.ts";
import { useReload } from "../../components/kit/use_reload.ts";
import { listBackups } from "./api.ts";
import { applyProgress } from "./format.ts";

export interface BackupList {
  /** Null until first read. */
  backups: Signal<Backup[] | null>;
  loadError: Signal<string | null>;
  reload: () => Promise<void>;
}

/** All backups, or one VM's (its UUID) when `vmId` is given. */
export function useBackups(vmId?: string, onOther?: (e: AppEvent) => void): BackupList {
  const backups = useSignal<Backup[] | null>(null);
  const { reload, loadError } = useReload(async () => {
    backups.value = await listBackups(vmId);
  });
  useEffect(() => {
    reload();
    const onEvent = (e: AppEvent) => {
      if (e.type !== "backup-changed") return onOther?.(e);
      if (vmId && e.vmId !== vmId) return;
      const next = backups.value && applyProgress(backups.value, e);
      if (next) backups.value = next;
      else reload();
    };
    return subscribeEvents(onEvent, reload);
  }, [vmId]);
  return { backups, loadError, reload };
}
