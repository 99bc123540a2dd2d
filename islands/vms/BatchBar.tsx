// The VM list's batch bar: runs one action on the selected VMs that are shown (the table's
// visible-only selection) and lists each VM's result. Force stop asks first, naming the VMs.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { Button } from "../../components/kit/Button.tsx";
import { ToolbarInput } from "../../components/kit/ToolbarInput.tsx";
import { ConfirmDialog } from "../../components/kit/Dialog.tsx";
import type { BatchAction, BatchItem, BatchResult } from "../../shared/vms.ts";
import { errorMessage } from "../../components/client/api.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import { nameList } from "../../components/kit/table/selection.ts";
import { batchRefusal, runBatch } from "./batch.ts";
import { noteBatchFailures } from "../tasks/failures.ts";
import type { VmRow } from "./rows.ts";
import { BatchDelete } from "./BatchDelete.tsx";

/** A batch's outcome as listed: a batch request's, or the deletes' (one request per VM). */
type Outcome = Omit<BatchResult, "action"> & { action: BatchAction | "delete" };

/** Each action's button (keys: `t(LABELS[action])`). */
const LABELS: Record<BatchAction | "delete", string> = {
  start: tKey("Start"),
  stop: tKey("Shut down"),
  "force-stop": tKey("Force stop"),
  reboot: tKey("Reboot"),
  snapshot: tKey("Snapshot"),
  delete: tKey("Delete"),
};

interface Props {
  /** The selected rows that are shown: exactly what an action hits. */
  selected: VmRow[];
  onClear: () => void;
}

export function BatchBar({ selected, onClear }: Props) {
  const busy = useSignal<BatchAction | null>(null);
  const result = useSignal<Outcome | null>(null);
  const error = useSignal<string | null>(null);
  const snapshotName = useSignal("");
  const confirmRef = useRef<HTMLDialogElement>(null);
  const names = selected.map((vm) => vm.name);

  // A refusal is about the selection it was made for: a new selection clears it.
  const selectionKey = selected.map((vm) => `${vm.host ?? ""}/${vm.id}`).join(",");
  useEffect(() => {
    error.value = null;
  }, [selectionKey]);

  const run = async (action: BatchAction) => {
    error.value = batchRefusal(selected.length);
    result.value = null;
    if (error.value) return;
    busy.value = action;
    try {
      const name = snapshotName.value.trim();
      result.value = await runBatch(
        action,
        selected,
        action === "snapshot" && name ? { name } : undefined,
      );
      noteBatchFailures(result.value, LABELS[action]);
    } catch (err) {
      error.value = t("{{action}} did not run: {{reason}}", {
        action: t(LABELS[action]),
        reason: errorMessage(err),
      });
    } finally {
      busy.value = null;
    }
  };

  if (selected.length === 0 && !result.value && !error.value) return null;
  const idle = busy.value !== null || selected.length === 0;
  return (
    <section class="batch-bar" aria-label={t("Batch actions")}>
      <div class="toolbar">
        <strong>{t("{{count}} selected", { count: selected.length })}</strong>
        {(["start", "stop", "reboot"] as const).map((a) => (
          <Button
            key={a}
            small
            disabled={idle}
            busy={busy.value === a}
            onClick={() => run(a)}
          >
            {t(LABELS[a])}
          </Button>
        ))}
        <Button
          small
          kind="danger"
          disabled={idle}
          busy={busy.value === "force-stop"}
          onClick={() => confirmRef.current?.showModal()}
        >
          {t(LABELS["force-stop"])}…
        </Button>
        <ToolbarInput
          class="needs-admin"
          label={t("Snapshot name")}
          type="text"
          value={snapshotName.value}
          placeholder={t("automatic")}
          onValue={(v) => snapshotName.value = v}
        />
        <Button
          small
          class="needs-admin"
          disabled={idle}
          busy={busy.value === "snapshot"}
          onClick={() => run("snapshot")}
        >
          {t(LABELS.snapshot)}
        </Button>
        <BatchDelete
          selected={selected}
          disabled={idle}
          onStart={() => {
            error.value = null;
            result.value = null;
          }}
          onDone={(results: BatchItem[]) => {
            const succeeded = results.filter((r) => r.ok).length;
            result.value = {
              action: "delete",
              results,
              succeeded,
              failed: results.length - succeeded,
            };
          }}
        />
        <Button small onClick={onClear}>
          {t("Clear selection")}
        </Button>
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {result.value && <BatchResults result={result.value} />}
      <ConfirmDialog
        dialogRef={confirmRef}
        title={selected.length === 1 ? t("Force stop a VM") : t("Force stop VMs")}
        confirmLabel={t("Force stop {{count}} VMs", { count: selected.length })}
        onConfirm={() => run("force-stop")}
      >
        <p class="confirm-targets">
          <Trans
            text={t(
              "Cut the power of {{count}} VMs: {{names}}? Unsaved data inside them is lost.",
              {
                count: selected.length,
                names: "{{names}}",
              },
            )}
            parts={{ names: <strong>{nameList(names)}</strong> }}
          />
        </p>
      </ConfirmDialog>
    </section>
  );
}

function BatchResults({ result }: { result: Outcome }) {
  return (
    <div class="batch-results" role="status">
      <p>
        {t("{{action}}: {{succeeded}} succeeded, {{failed}} failed.", {
          action: t(LABELS[result.action]),
          succeeded: result.succeeded,
          failed: result.failed,
        })}
      </p>
      <ul>
        {result.results.map((r) => (
          <li key={r.id} class={r.ok ? "batch-ok" : "batch-failed"} data-vm-name={r.name}>
            {r.name}: {r.ok ? t("done") : r.error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
