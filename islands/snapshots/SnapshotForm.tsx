// The "New snapshot" form: name (generated when empty), description, and whether the VM's
// memory goes in, which follows from its state.

import type { SnapshotInfo } from "../../shared/snapshots.ts";
import { MAX_DESCRIPTION } from "../../shared/snapshots.ts";
import type { VmState } from "../../shared/vms.ts";
import { NameField, TextAreaField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useFocusFirst, useSubmit } from "../../components/kit/use_form.ts";
import { createSnapshot } from "./api.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

interface Props {
  vmId: string;
  state: VmState;
  onCreated: (snapshot: SnapshotInfo) => void;
  onCancel: () => void;
}

const MEMORY_HINTS: Record<"active" | "off", string> = {
  active: tKey(
    "Always for a running or paused VM: reverting resumes it as it ran. A disk-only snapshot of a running VM would be external, which this libvirt version cannot revert.",
  ),
  off: tKey("The VM is off: the snapshot holds its disks only."),
};

export function SnapshotForm({ vmId, state, onCreated, onCancel }: Props) {
  const draft = useDraft({ name: "", description: "" });
  const first = useFocusFirst();
  const submit = useSubmit(async () => onCreated(await createSnapshot(vmId, draft.value)));
  const active = state === "running" || state === "paused" || state === "suspended";

  return (
    <FormPanel
      label={t("New snapshot")}
      heading={3}
      class="settings-form"
      submit={submit}
      submitLabel={t("Take snapshot")}
      onCancel={onCancel}
    >
      <div class="form-row">
        <NameField
          id="snapshot-name"
          hint={t("Letters, digits and . _ -; left empty: snap-date-time")}
          inputRef={first}
          // deno-lint-ignore translate/untranslated-text -- the generated name's pattern
          placeholder="snap-YYYYMMDD-HHMMSS"
          {...draft.text("name")}
        />
        <TextAreaField
          id="snapshot-description"
          label={t("Description")}
          hint={t("Optional, up to {{max}} characters", { max: MAX_DESCRIPTION })}
          rows={2}
          maxLength={MAX_DESCRIPTION}
          {...draft.text("description")}
        />
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={active} disabled aria-describedby="snapshot-memory-hint" />
        {t("Include memory")}
      </label>
      <p class="form-hint" id="snapshot-memory-hint">
        {t(MEMORY_HINTS[active ? "active" : "off"])}
      </p>
    </FormPanel>
  );
}
