// A template copied from an existing VM's configuration (POST /api/templates with fromVm).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { VmTemplate } from "../../shared/templates.ts";
import type { VmSummary } from "../../shared/vms.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { createTemplate, errorMessage, listVms } from "../../components/client/api.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  onSaved: (t: VmTemplate) => void;
  onCancel: () => void;
}

export function FromVmForm({ onSaved, onCancel }: Props) {
  const vms = useSignal<VmSummary[] | null>(null);
  const draft = useDraft({ fromVm: "", name: "", description: "" });
  const submit = useSubmit(async () => onSaved(await createTemplate(draft.value)));
  const d = draft.value;

  useEffect(() => {
    listVms().then((list) => {
      vms.value = list;
      if (list[0]) draft.set({ fromVm: list[0].id });
    }).catch((err) => submit.failure.value = errorMessage(err));
  }, []);

  const list = vms.value;
  const choices = list === null
    ? [["", t("Loading…")] as const]
    : list.length === 0
    ? [["", t("No VMs")] as const]
    : list.map((vm) => [vm.id, vm.name] as const);
  return (
    <FormPanel
      label={t("Template from a VM")}
      title={t("Template from an existing VM")}
      class="template-form"
      browserValidates
      submit={submit}
      submitLabel={t("Create template")}
      disabled={!d.fromVm || d.name.trim() === ""}
      onCancel={onCancel}
    >
      <p class="muted">
        {t(
          "Copies the VM's CPUs, memory, disk size and format, OS, firmware and network — not its disk contents.",
        )}
      </p>
      <div class="field-row">
        <SelectField
          id="tpl-vm"
          label={t("VM")}
          options={choices}
          disabled={!list?.length}
          {...draft.text("fromVm")}
        />
        <TextField id="tpl-vm-name" label={t("Template name")} required {...draft.text("name")} />
        <TextField
          id="tpl-vm-description"
          label={t("Description")}
          {...draft.text("description")}
        />
      </div>
    </FormPanel>
  );
}
