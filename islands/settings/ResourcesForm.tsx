// Name, vCPUs, memory, description and autostart: sends only what changed and tells per change
// whether it applied now or waits for the next boot.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { editVm, type VmEdit } from "./api.ts";
import { changeLines } from "./changes.ts";
import { Lines, OutcomeNote, useAction } from "./Outcome.tsx";
import { isRunning, type PanelProps } from "./panel.ts";

const draftOf = (vm: Vm) => ({
  name: vm.name,
  cpuCount: String(vm.cpuCount),
  memoryMb: String(vm.memoryMb),
  description: vm.description ?? "",
  autostart: vm.autostart,
});

/** The fields of `draft` that differ from `vm`, as a PATCH body. */
function resourceEdit(vm: Vm, draft: ReturnType<typeof draftOf>): VmEdit {
  const edit: VmEdit = {};
  if (draft.name.trim() !== vm.name) edit.name = draft.name.trim();
  if (Number(draft.cpuCount) !== vm.cpuCount) edit.cpuCount = Number(draft.cpuCount);
  if (Number(draft.memoryMb) !== vm.memoryMb) edit.memoryMb = Number(draft.memoryMb);
  if (draft.description !== (vm.description ?? "")) edit.description = draft.description;
  if (draft.autostart !== vm.autostart) edit.autostart = draft.autostart;
  return edit;
}

export function ResourcesForm({ vm, ready, refresh }: PanelProps) {
  const draft = useSignal(draftOf(vm));
  const action = useAction();
  const running = isRunning(vm);
  // A re-read (after a save, or a state event) shows libvirt's values, not the stale draft.
  useEffect(() => {
    draft.value = draftOf(vm);
  }, [vm.name, vm.cpuCount, vm.memoryMb, vm.description, vm.autostart]);

  const set = (field: keyof ReturnType<typeof draftOf>, value: string | boolean) =>
    draft.value = { ...draft.value, [field]: value };
  const d = draft.value;
  const nameProblem = d.name.trim() === vm.name ? null : nameIssue(d.name.trim());

  const save = (e: Event) => {
    e.preventDefault();
    if (nameProblem) return;
    const edit = resourceEdit(vm, d);
    action.run(async () => {
      if (Object.keys(edit).length === 0) return "Nothing changed.";
      const { changes } = await editVm(vm.id, edit);
      // The name is also in the page header and title, which belong to other islands.
      if (edit.name !== undefined) location.reload();
      await refresh();
      return <Lines lines={changeLines(changes, running)} />;
    });
  };

  return (
    <form class="settings-form" onSubmit={save} aria-labelledby="resources-title">
      <h3 id="resources-title">Resources</h3>
      <div class="form-field">
        <label for="vm-name">Name</label>
        <input
          id="vm-name"
          type="text"
          value={d.name}
          disabled={running}
          aria-invalid={nameProblem !== null}
          aria-describedby="vm-name-hint"
          onInput={(e) => set("name", e.currentTarget.value)}
        />
        <p id="vm-name-hint" class={nameProblem ? "form-error" : "form-hint"}>
          {nameProblem ??
            (running ? "Shut down the VM to rename it." : "Letters, digits, - and _.")}
        </p>
      </div>
      <div class="form-row">
        <div class="form-field">
          <label for="vm-cpus">vCPUs</label>
          <input
            id="vm-cpus"
            type="number"
            min={1}
            max={256}
            required
            value={d.cpuCount}
            onInput={(e) => set("cpuCount", e.currentTarget.value)}
          />
        </div>
        <div class="form-field">
          <label for="vm-memory">Memory (MiB)</label>
          <input
            id="vm-memory"
            type="number"
            min={128}
            step={1}
            required
            value={d.memoryMb}
            onInput={(e) => set("memoryMb", e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="form-field">
        <label for="vm-description">Description</label>
        <textarea
          id="vm-description"
          rows={3}
          maxLength={4096}
          value={d.description}
          onInput={(e) => set("description", e.currentTarget.value)}
        />
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={d.autostart}
          onChange={(e) => set("autostart", e.currentTarget.checked)}
        />
        Start with the host (autostart)
      </label>
      <div class="form-buttons">
        <button
          type="submit"
          class="button button-primary"
          disabled={!ready || action.busy.value || nameProblem !== null}
          aria-busy={action.busy.value}
        >
          Save
        </button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </form>
  );
}
