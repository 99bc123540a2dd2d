// Under a VM's header when its state has a reason that wants a look (QEMU paused it on an I/O
// error or an internal error, it crashed, failed to start …): the reason in full, what to do
// about it (for a full disk, the pool to free space in), and for admins the end of the VM's
// QEMU log. Re-read whenever the header's state or reason changes.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { DiskError, VmState } from "../../shared/vms.ts";
import { type QemuLogTail, reasonWords } from "../../shared/vm_state_reason.ts";
import { vmQemuLogPath } from "../../shared/api_paths.ts";
import { errorMessage, getVm, request } from "../../components/client/api.ts";
import { isAdmin } from "../../components/client/session.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  id: string;
  state: VmState;
  reason?: string;
}

/** What to do about one disk's error, in words. */
function diskAdvice(d: DiskError): string {
  if (d.error !== "no-space") {
    return t("Disk {{disk}}: I/O error. Check the storage it lives on, then resume the VM.", {
      disk: d.target,
    });
  }
  if (d.pool) {
    return t(
      "Disk {{disk}}: no space left. Free space in pool {{pool}} (or grow it), then resume the VM.",
      { disk: d.target, pool: d.pool },
    );
  }
  return t(
    "Disk {{disk}}: no space left. Free space where {{path}} lives, then resume the VM.",
    { disk: d.target, path: d.path ?? "?" },
  );
}

export function VmTrouble({ id, state, reason }: Props) {
  const disks = useSignal<DiskError[]>([]);
  const log = useSignal<QemuLogTail | string | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const words = reasonWords(state, reason);
  const trouble = words?.tone === "warning";

  useEffect(() => {
    disks.value = [];
    log.value = null;
    if (!trouble) return;
    let live = true;
    if (reason === "io-error") {
      getVm(id).then((vm) => {
        if (live) disks.value = vm.diskErrors ?? [];
      }, () => {});
    }
    if (isAdmin()) {
      request<QemuLogTail>("GET", vmQemuLogPath(id)).then(
        (tail) => live && (log.value = tail),
        (err) => live && (log.value = errorMessage(err)),
      );
    }
    return () => void (live = false);
  }, [id, state, reason]);

  if (!words || !trouble) return null;
  const tail = log.value;
  return (
    <div class="notice notice-warning vm-trouble" data-state-reason={reason}>
      <p class="vm-trouble-title" role="status">
        <strong>{words.full}</strong>
      </p>
      {words.hint && <p>{words.hint}</p>}
      {disks.value.length > 0 && (
        <ul class="note-lines">
          {disks.value.map((d) => <li key={d.target}>{diskAdvice(d)}</li>)}
        </ul>
      )}
      {tail !== null && (
        <details
          class="vm-trouble-log"
          // How it ended is at the end of the log: open there, not at its first lines.
          onToggle={(e) => {
            if (e.currentTarget.open && pre.current) {
              pre.current.scrollTop = pre.current.scrollHeight;
            }
          }}
        >
          <summary>{t("QEMU log (last lines)")}</summary>
          {typeof tail === "string" ? <p>{tail}</p> : tail.available
            ? (
              <>
                <p class="muted">{tail.path}</p>
                <pre class="log-tail" ref={pre} tabIndex={0}>{tail.lines.join("\n")}</pre>
              </>
            )
            : <p>{tail.note ?? t("This VM has no QEMU log yet.")}</p>}
        </details>
      )}
    </div>
  );
}
