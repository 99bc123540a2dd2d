// The console's "Send key" menu: combinations the browser or the admin's own desktop would keep
// for themselves (Ctrl+Alt+Del, Ctrl+Alt+F2, Alt+SysRq+…), pressed on the guest's keyboard by
// libvirt (POST /api/vms/:id/send-key), so they work with or without the display connected.

import { MenuButton, type MenuItem } from "../../components/kit/MenuButton.tsx";
import { errorMessage, request } from "../../components/client/api.ts";
import { vmSendKeyPath } from "../../shared/api_paths.ts";
import { KEY_MENU } from "../../shared/console_keys.ts";
import { t, tKey } from "../../shared/i18n/t.ts";

/** Keys a keyboard in the user's language may label otherwise (German: Strg, Entf). */
const KEY_WORDS: Record<string, string> = {
  ctrl: tKey("Ctrl"),
  delete: tKey("Del"),
  backspace: tKey("Backspace"),
  sysrq: tKey("SysRq"),
};

/** Keys labelled alike everywhere; any other key is its name in capitals (F2, S). */
// deno-lint-ignore translate/untranslated-text -- key caps, the same on every keyboard
const KEY_NAMES: Record<string, string> = { alt: "Alt", tab: "Tab", esc: "Esc" };

/** A key as a keyboard in the user's language labels it. */
function keyWord(key: string): string {
  const word = KEY_WORDS[key];
  return word ? t(word) : KEY_NAMES[key] ?? key.toUpperCase();
}

/** What the SysRq letters of the menu do, for their menu lines; any other shows the help. */
const SYSRQ_MEANINGS: Record<string, string> = {
  s: tKey("sync disks"),
  u: tKey("remount read-only"),
  b: tKey("reboot at once"),
};

const sysrqMeaning = (letter: string) =>
  t(SYSRQ_MEANINGS[letter] ?? tKey("show help on the console"));

/** How the menu writes a combination: "Ctrl+Alt+F2", "PrintScreen", "Alt+SysRq+S (sync disks)". */
export function combinationLabel(keys: string[]): string {
  if (keys.length === 1 && keys[0] === "sysrq") return t("PrintScreen");
  const label = keys.map(keyWord).join("+");
  if (keys[1] !== "sysrq") return label;
  return t("{{keys}} ({{meaning}})", { keys: label, meaning: sysrqMeaning(keys[2]) });
}

interface Props {
  id: string;
  /** Told how a press went: "Sent …" or the API's refusal. */
  onResult: (message: string) => void;
  disabled?: boolean;
}

export function SendKeyMenu({ id, onResult, disabled }: Props) {
  const items: MenuItem[] = KEY_MENU.flatMap(({ items }) => items).map((keys) => ({
    label: combinationLabel(keys),
    onSelect: () => {
      request("POST", vmSendKeyPath(id), { keys })
        .then(() => onResult(t("Sent {{keys}}", { keys: keys.map(keyWord).join("+") })))
        .catch((err) => onResult(errorMessage(err)));
    },
  }));
  return <MenuButton label={t("Send key")} items={items} disabled={disabled} />;
}
