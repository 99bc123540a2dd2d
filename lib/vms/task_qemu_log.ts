// What `GET /api/tasks/:id/qemu-log` answers: the QEMU log lines of the task's moment
// (qemu_log.ts) when the task concerns one VM on the server's own host and that host is
// libvirt's system instance (whose logs are in /var/log/libvirt/qemu); else why there are none.

import type { Task, TaskQemuLog } from "../../shared/tasks.ts";
import { LOCAL_HOST } from "../../shared/hosts.ts";
import { t } from "../../shared/i18n/t.ts";
import { QEMU_LOG_DIR, qemuLogLines } from "./qemu_log.ts";

/** Where the local host's QEMU logs are, or null when it keeps none this server can read. */
export function localQemuLogDir({ uri, demo }: { uri: string; demo: boolean }): string | null {
  return !demo && /^qemu(\+unix)?:\/\/\/system(\?|$)/.test(uri) ? QEMU_LOG_DIR : null;
}

/** The task's VM's log lines of its moment; `dir` is the local host's log folder (or null). */
export async function taskQemuLog(task: Task, dir: string | null): Promise<TaskQemuLog> {
  const none = (vm: string | null, note: string): TaskQemuLog => ({
    vm,
    lines: [],
    tail: false,
    note,
  });
  if (task.target?.kind !== "vm") return none(null, t("This task concerns no single VM."));
  const vm = task.target.name;
  if (task.hostId !== LOCAL_HOST || dir === null) {
    return none(vm, t("QEMU logs are shown for VMs on this server's own host only."));
  }
  const { found, lines, tail } = await qemuLogLines(vm, task.startedAt, task.endedAt, { dir });
  if (!found) return none(vm, t("There is no QEMU log of {{vm}} to read.", { vm }));
  if (lines.length === 0) {
    return {
      vm,
      lines,
      tail,
      note: t("The QEMU log of {{vm}} has no lines from that moment.", { vm }),
    };
  }
  return { vm, lines, tail, note: null };
}
