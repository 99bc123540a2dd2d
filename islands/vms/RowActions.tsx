// A VM row's power actions: the one its state calls for as a button with its icon and word
// (Start, Shut down or Resume) and the rest in a "More" menu (Pause, Reboot, Reset, Force stop),
// so a row stays narrow. Reset and Force stop cut the guest off like a power cut: the table asks
// first. The column is pinned to the table's right edge; on a phone the button fills the card.

import { type IconNode, Play, Power, StepForward } from "../../components/kit/icons.ts";
import type { VmAction } from "../../shared/vms.ts";
import { Icon } from "../../components/kit/Icon.tsx";
import { MenuButton } from "../../components/kit/MenuButton.tsx";
import { actionLabel, canRun } from "../../components/client/actions.ts";
import { currentLanguage, fillIn, t } from "../../shared/i18n/t.ts";
import { powerClass } from "./power.ts";
import type { VmRow } from "./rows.ts";

const BUTTONS: VmAction[] = ["start", "stop", "resume"];
/** Each button's icon, beside its word: Start and Resume each their own. */
const ICONS: Partial<Record<VmAction, IconNode>> = {
  start: Play,
  stop: Power,
  resume: StepForward,
};
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
  const words = rowWords();
  return (
    <>
      {BUTTONS.filter((a) => canRun(a, vm.state)).map((a) => (
        <button
          key={a}
          type="button"
          class={`button button-small row-action row-action-${a} ${who}`}
          disabled={!hydrated || pending !== undefined}
          aria-busy={pending === a}
          aria-label={fillIn(words.press[a], { name: vm.name })}
          onClick={() => onAction(vm, a)}
        >
          <Icon icon={ICONS[a]!} />
          <span class="row-action-text">{words.actions[a]}</span>
        </button>
      ))}
      {more.length > 0 && (
        <MenuButton
          label={words.more}
          aria-label={fillIn(words.moreFor, { name: vm.name })}
          class={`button-small ${who}`}
          align="end"
          disabled={!hydrated || pending !== undefined}
          items={more.map((a) => ({
            label: DESTRUCTIVE.has(a) ? `${words.actions[a]}…` : words.actions[a],
            danger: DESTRUCTIVE.has(a),
            onSelect: () => onAction(vm, a),
          }))}
        />
      )}
    </>
  );
}

interface RowWords {
  language: string;
  actions: Record<VmAction, string>;
  /** Each button's accessible name with `{{name}}` left for the row's VM. */
  press: Record<VmAction, string>;
  more: string;
  moreFor: string;
}
let words: RowWords | null = null;

/**
 * The words every row repeats, translated once per language instead of once per row (scrolling
 * a list of thousands builds rows all the time); the VM's name is filled in per row.
 */
function rowWords(): RowWords {
  const language = currentLanguage();
  if (words?.language !== language) {
    const all = [...BUTTONS, ...MORE];
    const actions = Object.fromEntries(all.map((a) => [a, actionLabel(a)])) as Record<
      VmAction,
      string
    >;
    const press = Object.fromEntries(
      all.map((a) => [a, t("{{action}} {{name}}", { action: actions[a], name: "{{name}}" })]),
    ) as Record<VmAction, string>;
    const moreFor = t("More actions for {{name}}", { name: "{{name}}" });
    words = { language, actions, press, more: t("More"), moreFor };
  }
  return words;
}
