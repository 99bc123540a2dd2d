// A just-made or just-rotated token's secret, shown this once with a Copy button and an example
// request; after a rotation, until when the old secret still works.

import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { formatTime } from "../backups/format.ts";
import { curlExample } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  name: string;
  secret: string;
  /** Set when the secret replaced another: the old one's end, null when it stopped at once. */
  rotated?: { oldSecretUntil: string | null };
  onDismiss: () => void;
}

/**
 * navigator.clipboard exists on secure origins only (HTTPS or loopback); elsewhere the selected
 * text is copied the old way.
 */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* refused (permissions): fall back to the selection */ }
  field?.select();
  return document.execCommand("copy");
}

export function NewSecret({ name, secret, rotated, onDismiss }: Props) {
  const copied = useSignal<boolean | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // A rotation is asked for from the list, below the box: bring the secret to the user's eyes.
  useEffect(() => {
    field.current?.scrollIntoView({ block: "center" });
    field.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="token-secret" role="region" aria-label={t("Secret of token {{name}}", { name })}>
      <p>
        <strong>
          {rotated
            ? t("Token {{name}} rotated. Copy the new secret now: it will not be shown again.", {
              name,
            })
            : t("Token {{name}} created. Copy it now: it will not be shown again.", { name })}
        </strong>
        {rotated && (
          <>
            {" "}
            {rotated.oldSecretUntil
              ? t("The old secret works until {{time}}.", {
                time: formatTime(rotated.oldSecretUntil),
              })
              : t("The old secret no longer works.")}
          </>
        )}
      </p>
      <div class="token-secret-row">
        <input
          ref={field}
          type="text"
          class="token-secret-value"
          readOnly
          spellcheck={false}
          aria-label={t("Token secret")}
          value={secret}
          onFocus={(e) =>
            e.currentTarget.select()}
        />
        <button
          type="button"
          class="button button-primary"
          onClick={async () =>
            copied.value = await copyText(secret, field.current)}
        >
          {t("Copy")}
        </button>
        <button type="button" class="button" onClick={onDismiss}>{t("Done")}</button>
      </div>
      {copied.value === true && <p class="note note-success" role="status">{t("Copied.")}</p>}
      {copied.value === false && (
        <p class="note note-error" role="alert">
          {t("The browser would not copy: select the secret and copy it yourself.")}
        </p>
      )}
      <p class="form-hint">{t("Send it as a Bearer token, for example:")}</p>
      <pre class="token-example"><code>{curlExample(location.origin, secret)}</code></pre>
    </div>
  );
}
