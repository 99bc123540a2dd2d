// The authenticator app card of /account: set one up (QR code, key, first code) or remove it.

import { useSignal } from "@preact/signals";
import { Card } from "../../components/kit/Card.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { Badge } from "../../components/kit/Badge.tsx";
import { t } from "../../shared/i18n/t.ts";
import { beginTotp, confirmTotp, removeTotp, type TotpSeed, type TwoFactorStatus } from "./api.ts";
import { TotpSetup } from "./TotpSetup.tsx";

interface Props {
  status: TwoFactorStatus | null;
  onChanged: (recoveryCodes?: string[] | null) => void;
}

export function TotpCard({ status, onChanged }: Props) {
  const seed = useSignal<TotpSeed | null>(null);
  const { busy, error, run } = useBusyCall();
  const on = status?.totp ?? false;
  // Either button runs through the card's one call: both wait while it runs.
  const runs = (work: () => Promise<void>) => ({
    busy: busy.value,
    disabled: busy.value,
    onClick: () => run(work),
  });
  return (
    <Card
      id="totp"
      title={t("Authenticator app")}
      intro={t(
        "Codes that change every 30 seconds, from an app such as FreeOTP, Aegis or Google Authenticator.",
      )}
    >
      <p>
        {status && (on
          ? <Badge tone="running">{t("Set up")}</Badge>
          : <Badge tone="stopped">{t("Not set up")}</Badge>)}
      </p>
      {seed.value && !on && (
        <TotpSetup
          seed={seed.value}
          onConfirm={async (code) => {
            const { recoveryCodes } = await confirmTotp(code);
            seed.value = null;
            onChanged(recoveryCodes);
          }}
        />
      )}
      {status && !on && !seed.value && (
        <Button
          kind="primary"
          id="totp-begin"
          {...runs(async () => {
            seed.value = await beginTotp();
          })}
        >
          {t("Set up an authenticator app")}
        </Button>
      )}
      {on && (
        <Button
          kind="danger"
          id="totp-remove"
          {...runs(async () => {
            await removeTotp();
            onChanged();
          })}
        >
          {t("Remove authenticator app")}
        </Button>
      )}
      <ErrorNotice message={error.value} />
    </Card>
  );
}
