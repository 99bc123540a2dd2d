// A template copied from an existing VM's configuration (POST /api/templates with fromVm).

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { VmTemplate } from "../../shared/templates.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { createTemplate, errorMessage, listVms } from "../client/api.ts";
import { Field } from "../wizard/Field.tsx";

interface Props {
  onSaved: (t: VmTemplate) => void;
  onCancel: () => void;
}

export function FromVmForm({ onSaved, onCancel }: Props) {
  const vms = useSignal<VmSummary[] | null>(null);
  const vmId = useSignal("");
  const name = useSignal("");
  const description = useSignal("");
  const saving = useSignal(false);
  const failure = useSignal<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
    listVms().then((list) => {
      vms.value = list;
      if (list[0]) vmId.value = list[0].id;
    }).catch((err) => failure.value = errorMessage(err));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    saving.value = true;
    failure.value = null;
    try {
      onSaved(
        await createTemplate({
          name: name.value,
          description: description.value,
          fromVm: vmId.value,
        }),
      );
    } catch (err) {
      failure.value = errorMessage(err);
    } finally {
      saving.value = false;
    }
  };

  return (
    <form class="template-form" onSubmit={save} aria-label="Template from a VM">
      <h2>Template from an existing VM</h2>
      <p class="muted">
        Copies the VM's CPUs, memory, disk size and format, OS, firmware and network — not its disk
        contents.
      </p>
      <div class="field-row">
        <Field id="tpl-vm" label="VM">
          {(a) => (
            <select
              {...a}
              ref={first}
              value={vmId.value}
              disabled={!vms.value?.length}
              onChange={(e) => {
                vmId.value = e.currentTarget.value;
              }}
            >
              {vms.value === null && <option value="">Loading…</option>}
              {vms.value?.length === 0 && <option value="">No VMs</option>}
              {vms.value?.map((vm) => <option key={vm.id} value={vm.id}>{vm.name}</option>)}
            </select>
          )}
        </Field>
        <Field id="tpl-vm-name" label="Template name">
          {(a) => (
            <input
              {...a}
              type="text"
              required
              value={name.value}
              onInput={(e) => name.value = e.currentTarget.value}
            />
          )}
        </Field>
        <Field id="tpl-vm-description" label="Description">
          {(a) => (
            <input
              {...a}
              type="text"
              value={description.value}
              onInput={(e) => description.value = e.currentTarget.value}
            />
          )}
        </Field>
      </div>
      {failure.value && <p class="notice notice-error" role="alert">{failure.value}</p>}
      <div class="form-buttons">
        <button type="button" class="button" onClick={onCancel}>Cancel</button>
        <button
          type="submit"
          class="button button-primary"
          disabled={saving.value || !vmId.value || name.value.trim() === ""}
          aria-busy={saving.value}
        >
          Create template
        </button>
      </div>
    </form>
  );
}
