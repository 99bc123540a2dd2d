// The console's "Send key" menu: combinations the browser or the admin's own desktop would keep
// for themselves (Ctrl+Alt+Del, Ctrl+Alt+F2, Alt+SysRq+…), pressed on the guest's keyboard by
// libvirt (POST /api/vms/:id/send-key), so they work with or without the display connected.

import { MenuButton, type MenuItem } from "../../components/kit/MenuButton.tsx";
import { errorMessage, request } from "../../components/client/api.ts";
import { vmSendKeyPath } from "../../shared/api_paths.ts";
import { KEY_MENU } from "../../shared/console_keys.ts";
import { t } from "../../shared/i18n/t.ts";

/** A key as a keyboard in the user's language labels it. */
function keyWord(key: string): string {
  switch (key) {
    case "ctrl":
      return t("Ctrl");
    case "alt":
      return "Alt";
    case "delete":
      return t("Del");
    case "backspace":
      return t("Backspace");
    case "sysrq":
      return t("SysRq");
    case "tab":
      return "Tab";
    case "esc":
      return "Esc";
    default:
      return key.toUpperCase();
  }
}

/** What each SysRq letter does, for its menu line. */
function sysrqMeaning(letter: string): string {
  switch (letter) {
    case "s":
      return t("sync disks");
    case "u":
      return t("remount read-only");
    case "b":
      return t("reboot at once");
    default:
      return t("show help on the console");
  }
}

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
