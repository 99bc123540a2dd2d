// Name, vCPUs, memory, description and autostart: sends only what changed and tells per change
// whether it applied now or waits for the next boot.

import { useEffect } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { MEMORY_SIZE, parseSize, sizeText } from "../../shared/units.ts";
import { Checkbox, TextAreaField, TextField } from "../../components/kit/controls.tsx";
import { useDraft } from "../../components/kit/use_form.ts";
import { editVm, type VmEdit } from "./api.ts";
import { changeLines } from "./changes.ts";
import { Lines, SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { t } from "../../shared/i18n/t.ts";
import { nextValue, pendingOf, pendingValueText } from "../vm/pending_words.ts";
import { SettingsForm } from "./SettingsForm.tsx";

// A running VM's vCPUs and memory as its next boot has them: a change waiting there stays in sight.
const draftOf = (vm: Vm) => ({
  name: vm.name,
  cpuCount: String(nextValue(vm, "cpuCount", vm.cpuCount)),
  memoryMb: sizeText(nextValue(vm, "memoryMb", vm.memoryMb), "MiB"),
  description: vm.description ?? "",
  autostart: vm.autostart,
});

/** The fields of `draft` that differ from `vm`, as a PATCH body. */
function resourceEdit(vm: Vm, draft: ReturnType<typeof draftOf>): VmEdit {
  const edit: VmEdit = {};
  if (draft.name.trim() !== vm.name) edit.name = draft.name.trim();
  if (Number(draft.cpuCount) !== nextValue(vm, "cpuCount", vm.cpuCount)) {
    edit.cpuCount = Number(draft.cpuCount);
  }
  const memory = parseSize(draft.memoryMb, MEMORY_SIZE);
  if (memory.ok && memory.value !== nextValue(vm, "memoryMb", vm.memoryMb)) {
    edit.memoryMb = memory.value;
  }
  if (draft.description !== (vm.description ?? "")) edit.description = draft.description;
  if (draft.autostart !== vm.autostart) edit.autostart = draft.autostart;
  return edit;
}

export function ResourcesForm({ vm, ready, refresh }: PanelProps) {
  const draft = useDraft(draftOf(vm));
  const action = useAction();
  const running = isRunning(vm);
  // A re-read (after a save, or a state event) shows libvirt's values, not the stale draft.
  useEffect(() => {
    draft.set(draftOf(vm));
  }, [
    vm.name,
    vm.cpuCount,
    vm.memoryMb,
    vm.description,
    vm.autostart,
    JSON.stringify(vm.pending ?? []),
  ]);
  const cpusNow = pendingOf(vm, "cpuCount");
  const memoryNow = pendingOf(vm, "memoryMb");

  const d = draft.value;
  const nameProblem = d.name.trim() === vm.name ? null : nameIssue(d.name.trim());
  const memory = parseSize(d.memoryMb, MEMORY_SIZE);
  const memoryProblem = memory.ok ? null : memory.message;

  const save = (e: Event) => {
    e.preventDefault();
    if (nameProblem || memoryProblem) return;
    const edit = resourceEdit(vm, d);
    action.run(async () => {
      if (Object.keys(edit).length === 0) return t("Nothing changed.");
      const { changes } = await editVm(vm.id, edit);
      // The name is also in the page header and title, which belong to other islands.
      if (edit.name !== undefined) location.reload();
      await refresh();
      return <Lines lines={changeLines(changes, running)} />;
    });
  };

  return (
    <SettingsForm id="resources" title={t("Resources")} onSubmit={save}>
      <TextField
        id="vm-name"
        label={t("Name")}
        disabled={running}
        hint={nameProblem
          ? undefined
          : running
          ? t("Shut down the VM to rename it.")
          : t("Letters, digits, - and _.")}
        errors={nameProblem ? [nameProblem] : []}
        {...draft.text("name")}
      />
      <div class="form-row">
        <TextField
          id="vm-cpus"
          label={t("vCPUs")}
          type="number"
          min={1}
          max={256}
          required
          hint={cpusNow
            ? t("Runs with {{value}} now; this applies at the next boot.", {
              value: pendingValueText("cpuCount", cpusNow.live),
            })
            : undefined}
          {...draft.text("cpuCount")}
        />
        <TextField
          id="vm-memory"
          label={t("Memory")}
          hint={memoryNow
            ? t("Runs with {{value}} now; this applies at the next boot.", {
              value: pendingValueText("memoryMb", memoryNow.live),
            })
            : t("E.g. 2 GiB or 512 MiB; a bare number is MiB.")}
          errors={memoryProblem ? [memoryProblem] : []}
          autocomplete="off"
          spellcheck={false}
          required
          {...draft.text("memoryMb")}
        />
      </div>
      <TextAreaField
        id="vm-description"
        label={t("Description")}
        rows={3}
        maxLength={4096}
        {...draft.text("description")}
      />
      <Checkbox label={t("Start with the host (autostart)")} {...draft.flag("autostart")} />
      <SaveButtons
        action={action}
        disabled={!ready || nameProblem !== null || memoryProblem !== null}
      />
    </SettingsForm>
  );
}
