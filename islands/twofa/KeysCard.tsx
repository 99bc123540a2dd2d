// The security keys card of /account: the account's keys (passkeys too), adding one through the
// browser's WebAuthn, removing one.

import { useSignal } from "@preact/signals";
import { Card } from "../../components/kit/Card.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { addKey, removeKey, type TwoFactorStatus } from "./api.ts";

interface Props {
  status: TwoFactorStatus | null;
  onChanged: (recoveryCodes?: string[] | null) => void;
}

export function KeysCard({ status, onChanged }: Props) {
  const name = useSignal("");
  const { busy, error, run } = useBusyCall();
  const add = (e: Event) => {
    e.preventDefault();
    run(async () => {
      const { recoveryCodes } = await addKey(name.value.trim() || t("Security key"));
      name.value = "";
      onChanged(recoveryCodes);
    });
  };
  const keys = status?.keys ?? [];
  return (
    <Card
      id="keys"
      title={t("Security keys")}
      intro={t(
        "A USB or NFC security key, or a passkey of this device: sign-in asks you to touch it.",
      )}
    >
      {keys.length > 0 && (
        <ul class="twofa-keys">
          {keys.map((k) => (
            <li key={k.id}>
              <span>
                <strong>{k.name}</strong>{" "}
                <span class="muted">
                  {t("added {{when}}", { when: formatDateTime(k.createdAt) })}
                </span>
              </span>
              <Button
                small
                kind="danger"
                disabled={busy.value}
                aria-label={t("Remove key {{name}}", { name: k.name })}
                onClick={() =>
                  run(async () => {
                    await removeKey(k.id);
                    onChanged();
                  })}
              >
                {t("Remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form class="twofa-add-key" onSubmit={add}>
        <TextField
          id="key-name"
          label={t("Name of the new key")}
          {...bindSignal(name)}
          maxLength={64}
          placeholder={t("Security key")}
        />
        <Button type="submit" id="key-add" busy={busy.value} disabled={busy.value || !status}>
          {t("Add security key")}
        </Button>
      </form>
      <ErrorNotice message={error.value} />
    </Card>
  );
}
