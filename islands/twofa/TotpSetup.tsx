// Setting up an authenticator app: the QR code to scan, the same seed as text to type, and the
// first code to confirm it. Used on the account page and at a sign-in that must enrol.

import { useSignal } from "@preact/signals";
import { Button } from "../../components/kit/Button.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { t } from "../../shared/i18n/t.ts";
import type { TotpSeed } from "./api.ts";

interface Props {
  seed: TotpSeed;
  /** Sends the first code; a rejection is shown on the field. */
  onConfirm: (code: string) => Promise<void>;
}

/** The seed in groups of four, as authenticator apps print it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");

export function TotpSetup({ seed, onConfirm }: Props) {
  const code = useSignal("");
  const { busy, error, run } = useBusyCall();
  const submit = (e: Event) => {
    e.preventDefault();
    // A rejected code is emptied for the next try.
    return run(() =>
      onConfirm(code.value).catch((err) => {
        code.value = "";
        throw err;
      })
    );
  };
  return (
    <form class="totp-setup" onSubmit={submit}>
      <p class="form-hint">
        {t("Scan the QR code with an authenticator app, or type the key into it by hand.")}
      </p>
      <img
        class="totp-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(seed.qrSvg)}`}
        alt={t("QR code of the authenticator app's key")}
        width={200}
        height={200}
      />
      <p>
        {t("Key")}:{" "}
        <code class="totp-secret" data-secret={seed.secret}>{grouped(seed.secret)}</code>
      </p>
      <TextField
        id="totp-confirm-code"
        label={t("Code from the app")}
        {...bindSignal(code)}
        inputMode="numeric"
        autocomplete="one-time-code"
        maxLength={6}
        required
      />
      <ErrorNotice message={error.value} />
      <Button type="submit" kind="primary" busy={busy.value} disabled={busy.value}>
        {t("Confirm")}
      </Button>
    </form>
  );
}
