// The console type (VNC or SPICE) and clipboard sharing; both take effect at the next boot,
// since QEMU's display and channels are fixed while it runs.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { editVm, type VmEdit } from "./api.ts";
import { changeLines } from "./changes.ts";
import { Lines, SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { t } from "../../shared/i18n/t.ts";
import { Checkbox, SelectField } from "../../components/kit/controls.tsx";
import { DISPLAY_TYPES, type DisplayType } from "../../shared/vms.ts";
import { DISPLAY_NAMES, displayOf } from "../../shared/display.ts";
import { SettingsForm } from "./SettingsForm.tsx";

export function DisplayForm({ vm, ready, refresh }: PanelProps) {
  // A running VM's change waits in its definition: the form shows that, and what runs now.
  const now = { display: displayOf(vm.graphics), clipboard: vm.clipboard };
  const saved = vm.nextBoot ?? now;
  const display = useSignal<DisplayType>(saved.display);
  const clipboard = useSignal(saved.clipboard);
  const action = useAction();
  useEffect(() => {
    display.value = saved.display;
    clipboard.value = saved.clipboard;
  }, [saved.display, saved.clipboard]);

  const save = (e: Event) => {
    e.preventDefault();
    const edit: VmEdit = {};
    if (display.value !== saved.display) edit.display = display.value;
    if (clipboard.value !== saved.clipboard) edit.clipboard = clipboard.value;
    action.run(async () => {
      if (Object.keys(edit).length === 0) return t("Nothing changed.");
      const { changes } = await editVm(vm.id, edit);
      await refresh();
      return <Lines lines={changeLines(changes, isRunning(vm))} />;
    });
  };
  const pending = saved.display !== now.display || saved.clipboard !== now.clipboard;

  return (
    <SettingsForm id="display" title={t("Console")} onSubmit={save}>
      <SelectField
        id="set-display"
        label={t("Display")}
        hint={t("Both open in the browser; SPICE also suits remote-viewer.")}
        options={DISPLAY_TYPES.map((d) => [d, DISPLAY_NAMES[d]] as const)}
        value={display.value}
        onValue={(v) => display.value = v as DisplayType}
      />
      <Checkbox
        label={t("Share the clipboard with the guest")}
        checked={clipboard.value}
        onChecked={(on) => clipboard.value = on}
      />
      <p class="field-hint">{t("The guest needs spice-vdagent installed.")}</p>
      {pending && (
        <p class="notice" role="status">
          {now.clipboard
            ? t(
              "Running now with {{display}} and a shared clipboard; the settings above apply at the next boot.",
              { display: DISPLAY_NAMES[now.display] },
            )
            : t(
              "Running now with {{display}} and no shared clipboard; the settings above apply at the next boot.",
              { display: DISPLAY_NAMES[now.display] },
            )}
        </p>
      )}
      <SaveButtons action={action} label={t("Save console settings")} disabled={!ready} />
    </SettingsForm>
  );
}
