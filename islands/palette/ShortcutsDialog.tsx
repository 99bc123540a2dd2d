// The "Keyboard shortcuts" dialog that "?" opens: every shortcut of shortcuts.ts in a table.

import type { RefObject } from "preact";
import { Dialog } from "../../components/kit/Dialog.tsx";
import { DialogClose } from "../../components/kit/DialogClose.tsx";
import { SHORTCUT_LIST } from "./shortcuts.ts";
import { t } from "../../shared/i18n/t.ts";

export function ShortcutsDialog({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement | null> }) {
  return (
    <Dialog dialogRef={dialogRef} title={t("Keyboard shortcuts")} class="shortcuts">
      <table class="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">{t("Keys")}</th>
            <th scope="col">{t("What they do")}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_LIST.map(({ keys, what }) => (
            <tr key={what}>
              <td>
                {keys.map((combo, i) => (
                  <span key={i}>
                    {i > 0 && ` ${t("or")} `}
                    {combo.map((k, j) => (
                      <span key={j}>
                        {j > 0 && (combo[0] === "g" ? ` ${t("then")} ` : " ")}
                        <kbd>{t(k)}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{t(what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted shortcuts-note">
        {t("Single keys do nothing while you type in a field or use a console.")}
      </p>
      <DialogClose dialogRef={dialogRef} />
    </Dialog>
  );
}
