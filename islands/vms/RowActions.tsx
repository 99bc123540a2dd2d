// A VM row's power actions: the one its state calls for as a button (Start, Shut down or
// Resume) and the rest in a "More" menu (Pause, Reboot, Reset, Force stop), so a row stays
// narrow. Reset and Force stop cut the guest off like a power cut: the table asks first.

import type { VmAction } from "../../shared/vms.ts";
import { MenuButton } from "../../components/kit/MenuButton.tsx";
import { actionLabel, canRun } from "../client/actions.ts";
import { t } from "../../shared/i18n/t.ts";
import { powerClass } from "./power.ts";
import type { VmRow } from "./rows.ts";

const BUTTONS: VmAction[] = ["start", "stop", "resume"];
const MORE: VmAction[] = ["pause", "reboot", "reset", "force-stop"];
/** Actions that lose the guest's unsaved work: asked about first, naming the VM. */
export const DESTRUCTIVE: ReadonlySet<VmAction> = new Set(["reset", "force-stop"]);

interface Props {
  vm: VmRow;
  hydrated: boolean;
  /** The action under way on this VM, if any. */
  pending: VmAction | undefined;
  /** Runs an action, or asks first when it is destructive. */
  onAction: (vm: VmRow, action: VmAction) => void;
}

export function RowActions({ vm, hydrated, pending, onAction }: Props) {
  const who = powerClass(hydrated, vm.id);
  const more = MORE.filter((a) => canRun(a, vm.state));
  return (
    <>
      {BUTTONS.filter((a) => canRun(a, vm.state)).map((a) => (
        <button
          key={a}
          type="button"
          class={`button button-small ${who}`}
          disabled={!hydrated || pending !== undefined}
          aria-busy={pending === a}
          aria-label={t("{{action}} {{name}}", { action: actionLabel(a), name: vm.name })}
          onClick={() => onAction(vm, a)}
        >
          {actionLabel(a)}
        </button>
      ))}
      {more.length > 0 && (
        <MenuButton
          label={t("More")}
          aria-label={t("More actions for {{name}}", { name: vm.name })}
          class={`button-small ${who}`}
          align="end"
          disabled={!hydrated || pending !== undefined}
          items={more.map((a) => ({
            label: DESTRUCTIVE.has(a) ? `${actionLabel(a)}…` : actionLabel(a),
            danger: DESTRUCTIVE.has(a),
            onSelect: () => onAction(vm, a),
          }))}
        />
      )}
    </>
  );
}
