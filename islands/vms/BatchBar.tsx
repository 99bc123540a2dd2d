// The VM list's batch bar: runs one action on the selected VMs and lists each VM's result.

import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import type { BatchAction, BatchResult } from "../../shared/vms.ts";
import { vmsBatchPath } from "../../shared/api_paths.ts";
import { errorMessage, request } from "../client/api.ts";
import { plural } from "../../components/format.ts";

const LABELS: Record<BatchAction, string> = {
  start: "Start",
  stop: "Shut down",
  "force-stop": "Force stop",
  reboot: "Reboot",
  snapshot: "Snapshot",
};

export const runBatch = (action: BatchAction, ids: string[], snapshot?: { name?: string }) =>
  request<BatchResult>("POST", vmsBatchPath(), { action, ids, snapshot });

interface Props {
  selected: { id: string; name: string }[];
  onClear: () => void;
}

export function BatchBar({ selected, onClear }: Props) {
  const busy = useSignal<BatchAction | null>(null);
  const result = useSignal<BatchResult | null>(null);
  const error = useSignal<string | null>(null);
  const snapshotName = useSignal("");
  const confirmRef = useRef<HTMLDialogElement>(null);

  const run = async (action: BatchAction) => {
    busy.value = action;
    error.value = null;
    result.value = null;
    try {
      const name = snapshotName.value.trim();
      result.value = await runBatch(
        action,
        selected.map((vm) => vm.id),
        action === "snapshot" && name ? { name } : undefined,
      );
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = null;
    }
  };

  if (selected.length === 0 && !result.value && !error.value) return null;
  return (
    <section class="batch-bar" aria-label="Batch actions">
      <div class="toolbar">
        <strong>{selected.length} selected</strong>
        {(["start", "stop", "reboot"] as const).map((a) => (
          <button
            key={a}
            type="button"
            class="button button-small"
            disabled={busy.value !== null || selected.length === 0}
            aria-busy={busy.value === a}
            onClick={() => run(a)}
          >
            {LABELS[a]}
          </button>
        ))}
        <button
          type="button"
          class="button button-small button-danger"
          disabled={busy.value !== null || selected.length === 0}
          aria-busy={busy.value === "force-stop"}
          onClick={() => confirmRef.current?.showModal()}
        >
          {LABELS["force-stop"]}
        </button>
        <label class="needs-admin">
          Snapshot name
          <input
            type="text"
            value={snapshotName.value}
            placeholder="automatic"
            onInput={(e) => snapshotName.value = e.currentTarget.value}
          />
        </label>
        <button
          type="button"
          class="button button-small needs-admin"
          disabled={busy.value !== null || selected.length === 0}
          aria-busy={busy.value === "snapshot"}
          onClick={() => run("snapshot")}
        >
          {LABELS.snapshot}
        </button>
        <button type="button" class="button button-small" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {result.value && <BatchResults result={result.value} />}
      <ConfirmDialog
        dialogRef={confirmRef}
        title={selected.length === 1 ? "Force stop a VM" : "Force stop VMs"}
        confirmLabel="Force stop"
        onConfirm={() => run("force-stop")}
      >
        <p>
          Cut the power of {plural(selected.length, "VM")}? Unsaved data inside{" "}
          {selected.length === 1 ? "it" : "them"} is lost.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function BatchResults({ result }: { result: BatchResult }) {
  return (
    <div class="batch-results" role="status">
      <p>
        {LABELS[result.action]}: {result.succeeded} succeeded, {result.failed} failed.
      </p>
      <ul>
        {result.results.map((r) => (
          <li key={r.id} class={r.ok ? "batch-ok" : "batch-failed"} data-vm-name={r.name}>
            {r.name}: {r.ok ? "done" : r.error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
