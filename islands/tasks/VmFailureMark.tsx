// A VM's failed action where it was asked for (islands/tasks/failures.ts): a short mark under its
// name in the VM list (VmFailureMark) and a note in its page's header (VmFailureNote), each with
// the error's words, a link to the task's details and a Dismiss button. Visiting the VM's page
// counts as seeing it: the note shows there, the row's mark goes.

import { useEffect, useState } from "preact/hooks";
import { t } from "../../shared/i18n/t.ts";
import { withHost } from "../../components/client/host.ts";
import { markSeen, type VmFailure, vmFailure } from "./failures.ts";

/** Where a failure is told in full: its task's details on /tasks. */
const detailHref = (taskId: number) => withHost(`/tasks?id=${taskId}`);

const failedWords = (f: VmFailure) =>
  f.message
    ? t("{{title}} failed: {{message}}", { title: t(f.title), message: f.message })
    : t("{{title}} failed", { title: t(f.title) });

function Dismiss({ onClick, name }: { onClick: () => void; name: string }) {
  return (
    <button
      type="button"
      class="vm-failure-close"
      aria-label={t("Dismiss the failure of {{name}}", { name })}
      title={t("Dismiss")}
      onClick={onClick}
    >
      ×
    </button>
  );
}

/** The VM list row's mark; nothing when the VM has no failure to show. */
export function VmFailureMark({ vmId, name }: { vmId: string; name: string }) {
  const failure = vmFailure(vmId);
  if (!failure) return null;
  const words = failedWords(failure);
  return (
    <span class="vm-failure" data-vm-failure={vmId}>
      <span class="vm-failure-text" title={words}>{words}</span>
      {failure.taskId !== null && (
        <a class="vm-failure-link" href={detailHref(failure.taskId)}>{t("Details")}</a>
      )}
      <Dismiss name={name} onClick={() => markSeen(vmId, failure.at)} />
    </span>
  );
}

/**
 * The VM page header's note: the failure not seen yet when the page opened, or one that happens
 * while it is open; shown until dismissed, and seen (the list's mark goes) once shown.
 */
export function VmFailureNote({ vmId, name }: { vmId: string; name: string }) {
  const failure = vmFailure(vmId);
  const [shown, setShown] = useState<VmFailure | null>(null);
  useEffect(() => {
    if (!failure) return;
    setShown(failure);
    markSeen(vmId, failure.at);
  }, [failure?.at, failure?.message]);
  if (!shown) return null;
  return (
    <div class="notice notice-error vm-failure-note" role="alert">
      <p class="vm-failure-words">{failedWords(shown)}</p>
      {shown.taskId !== null && (
        <a class="vm-failure-link" href={detailHref(shown.taskId)}>{t("Task details")}</a>
      )}
      <Dismiss name={name} onClick={() => setShown(null)} />
    </div>
  );
}
