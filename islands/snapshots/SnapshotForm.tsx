// The "New snapshot" form: name (generated when empty), description, and whether the VM's
// memory goes in, which follows from its state.

import type { SnapshotInfo } from "../../shared/snapshots.ts";
import { MAX_DESCRIPTION } from "../../shared/snapshots.ts";
import type { VmState } from "../../shared/vms.ts";
import { TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
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
  const draft = useDraft({ name: "", description: "" });
  const first = useFocusFirst();
  const submit = useSubmit(async () => onCreated(await createSnapshot(vmId, draft.value)));
  const active = state === "running" || state === "paused" || state === "suspended";

  return (
    <FormPanel
      label="New snapshot"
      heading={3}
      class="settings-form"
      submit={submit}
      submitLabel="Take snapshot"
      onCancel={onCancel}
    >
      <div class="form-row">
        <TextField
          id="snapshot-name"
          label="Name"
          hint="Letters, digits and . _ -; left empty: snap-date-time"
          inputRef={first}
          maxLength={64}
          placeholder="snap-YYYYMMDD-HHMMSS"
          {...draft.text("name")}
        />
        <TextAreaField
          id="snapshot-description"
          label="Description"
          hint="Optional, up to 1000 characters"
          rows={2}
          maxLength={MAX_DESCRIPTION}
          {...draft.text("description")}
        />
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={active} disabled aria-describedby="snapshot-memory-hint" />
        Include memory
      </label>
      <p class="form-hint" id="snapshot-memory-hint">{MEMORY_HINTS[active ? "active" : "off"]}</p>
    </FormPanel>
  );
}
