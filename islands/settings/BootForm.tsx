// Boot order (which devices, in which order) and the boot menu; both take effect at next boot.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { editVm, type VmEdit } from "./api.ts";
import { changeLines } from "./changes.ts";
import { Lines, SaveButtons, useAction } from "../../components/kit/use_action.tsx";
import { isRunning, type PanelProps } from "./panel.ts";
import { t, tKey } from "../../shared/i18n/t.ts";
import { Checkbox } from "../../components/kit/controls.tsx";
import { nextValue } from "../vm/pending_words.ts";
import { SettingsForm } from "./SettingsForm.tsx";

type BootDevice = NonNullable<VmEdit["bootOrder"]>[number];

const DEVICES: Record<BootDevice, string> = {
  hd: tKey("Hard disk"),
  cdrom: tKey("CD-ROM"),
  network: tKey("Network (PXE)"),
};

interface Entry {
  dev: BootDevice;
  on: boolean;
}

/** The VM's boot devices first, in order, then the others unticked. */
export function bootEntries(order: string[]): Entry[] {
  const all = Object.keys(DEVICES) as BootDevice[];
  const on = order.filter((d): d is BootDevice => all.includes(d as BootDevice));
  return [
    ...on.map((dev) => ({ dev, on: true })),
    ...all.filter((d) => !on.includes(d)).map((dev) => ({ dev, on: false })),
  ];
}

const orderOf = (entries: Entry[]) => entries.filter((e) => e.on).map((e) => e.dev);

export function BootForm({ vm, ready, refresh }: PanelProps) {
  // A running VM's boot options as its next boot has them (they change only there).
  const savedOrder = nextValue(vm, "bootOrder", vm.bootOrder);
  const savedMenu = nextValue(vm, "bootMenu", vm.bootMenu);
  const entries = useSignal(bootEntries(savedOrder));
  const menu = useSignal(savedMenu);
  const action = useAction();
  useEffect(() => {
    entries.value = bootEntries(savedOrder);
    menu.value = savedMenu;
  }, [savedOrder.join(","), savedMenu]);

  const move = (i: number, by: -1 | 1) => {
    const next = [...entries.value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    entries.value = next;
  };
  const toggle = (i: number, on: boolean) =>
    entries.value = entries.value.map((e, j) => j === i ? { ...e, on } : e);

  const order = orderOf(entries.value);
  const save = (e: Event) => {
    e.preventDefault();
    const edit: VmEdit = {};
    if (order.join(",") !== savedOrder.join(",")) edit.bootOrder = order;
    if (menu.value !== savedMenu) edit.bootMenu = menu.value;
    action.run(async () => {
      if (Object.keys(edit).length === 0) return t("Nothing changed.");
      const { changes } = await editVm(vm.id, edit);
      await refresh();
      return <Lines lines={changeLines(changes, isRunning(vm))} />;
    });
  };

  return (
    <SettingsForm id="boot" title={t("Boot")} onSubmit={save}>
      <ol class="boot-list" aria-label={t("Boot order")}>
        {entries.value.map((e, i) => (
          <li key={e.dev} class={e.on ? undefined : "muted"}>
            <Checkbox
              label={t(DEVICES[e.dev])}
              checked={e.on}
              onChecked={(on) => toggle(i, on)}
            />
            <span class="boot-moves">
              <button
                type="button"
                class="button button-small"
                aria-label={t("Move {{device}} up", { device: t(DEVICES[e.dev]) })}
                disabled={!ready || i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="button button-small"
                aria-label={t("Move {{device}} down", { device: t(DEVICES[e.dev]) })}
                disabled={!ready || i === entries.value.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      {order.length === 0 && <p class="form-error">{t("Tick at least one boot device.")}</p>}
      <Checkbox
        label={t("Show the boot menu")}
        checked={menu.value}
        onChecked={(on) => menu.value = on}
      />
      <SaveButtons
        action={action}
        label={t("Save boot options")}
        disabled={!ready || order.length === 0}
      />
    </SettingsForm>
  );
}
