// The "New snapshot" form: name (generated when empty), description, and whether the VM's
// memory goes in, which follows from its state.

import { useSignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { SnapshotInfo } from "../../shared/snapshots.ts";
import { MAX_DESCRIPTION } from "../../shared/snapshots.ts";
import type { VmState } from "../../shared/vms.ts";
import { errorMessage } from "../client/api.ts";
import { createSnapshot } from "./api.ts";

interface Props {
  vmId: string;
  state: VmState;
  onCreated: (snapshot: SnapshotInfo) => void;
  onCancel: () => void;
}

const MEMORY_HINTS: Record<"active" | "off", string> = {
  active: "Always for a running or paused VM: reverting resumes it as it ran. A disk-only " +
    "snapshot of a running VM would be external, which this libvirt version cannot revert.",
  off: "The VM is off: the snapshot holds its disks only.",
};

export function SnapshotForm({ vmId, state, onCreated, onCancel }: Props) {
  const name = useSignal("");
  const description = useSignal("");
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);

  const active = state === "running" || state === "paused" || state === "suspended";
  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      onCreated(
        await createSnapshot(vmId, { name: name.value, description: description.value }),
      );
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="settings-form" noValidate onSubmit={save} aria-label="New snapshot">
      <h3>New snapshot</h3>
      <div class="form-row">
        <div class="form-field">
          <label for="snapshot-name">Name</label>
          <input
            id="snapshot-name"
            ref={first}
            type="text"
            maxLength={64}
            placeholder="snap-YYYYMMDD-HHMMSS"
            aria-describedby="snapshot-name-hint"
            value={name.value}
            onInput={(e) => name.value = e.currentTarget.value}
          />
          <p class="form-hint" id="snapshot-name-hint">
            Letters, digits and . _ -; left empty: snap-date-time
          </p>
        </div>
        <div class="form-field">
          <label for="snapshot-description">Description</label>
          <textarea
            id="snapshot-description"
            rows={2}
            maxLength={MAX_DESCRIPTION}
            aria-describedby="snapshot-description-hint"
            value={description.value}
            onInput={(e) => description.value = e.currentTarget.value}
          />
          <p class="form-hint" id="snapshot-description-hint">Optional, up to 1000 characters</p>
        </div>
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={active}
          disabled
          aria-describedby="snapshot-memory-hint"
        />
        Include memory
      </label>
      <p class="form-hint" id="snapshot-memory-hint">
        {MEMORY_HINTS[active ? "active" : "off"]}
      </p>
      {failure.value && <p class="form-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value}
          aria-busy={saving.value}
        >
          Take snapshot
        </button>
      </div>
    </form>
  );
}
