// The console's clipboard, both ways through the VNC connection (noVNC's clipboard, QEMU's VNC
// clipboard): text written here becomes the guest's clipboard when sent, and text the guest's
// clipboard gets (from a clipboard agent in the guest, or another console of the same VM)
// appears here to copy. A browser page may not read the desktop's clipboard unasked, so pasting
// goes through this box, as in Proxmox's noVNC.

import { useSignal } from "@preact/signals";
import { useEffect, useId } from "preact/hooks";
import { Button } from "../../components/kit/Button.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The most text sent at once: a clipboard, not a file transfer. */
export const CLIPBOARD_MAX_CHARS = 65_536;

/** What the panel needs of noVNC's RFB. */
export interface ClipboardRfb extends EventTarget {
  clipboardPasteFrom(text: string): void;
}

interface Props {
  rfb: ClipboardRfb | null;
  connected: boolean;
  /** Told what happened: "Sent …", "The guest's clipboard arrived". */
  onResult: (message: string) => void;
}

export function ClipboardPanel({ rfb, connected, onResult }: Props) {
  const text = useSignal("");
  const id = useId();

  useEffect(() => {
    if (!rfb) return;
    const received = (e: Event) => {
      text.value = (e as CustomEvent<{ text: string }>).detail.text.slice(0, CLIPBOARD_MAX_CHARS);
      onResult(t("The guest's clipboard arrived"));
    };
    rfb.addEventListener("clipboard", received);
    return () => rfb.removeEventListener("clipboard", received);
  }, [rfb]);

  const send = () => {
    rfb?.clipboardPasteFrom(text.value);
    onResult(t("Sent {{count}} characters to the guest's clipboard", { count: text.value.length }));
  };

  return (
    <section class="console-clipboard" aria-labelledby={`${id}-title`}>
      <label id={`${id}-title`} for={`${id}-text`}>{t("Clipboard")}</label>
      <textarea
        id={`${id}-text`}
        rows={3}
        maxLength={CLIPBOARD_MAX_CHARS}
        spellcheck={false}
        value={text.value}
        onInput={(e) => text.value = (e.target as HTMLTextAreaElement).value}
        aria-describedby={`${id}-hint`}
      />
      <p class="form-hint" id={`${id}-hint`}>
        {t(
          "Send makes this text the guest's clipboard; paste it there as usual. What the guest copies appears here when a clipboard agent runs in it.",
        )}
      </p>
      <Button disabled={!connected || text.value === ""} onClick={send}>
        {t("Send to guest")}
      </Button>
    </section>
  );
}
