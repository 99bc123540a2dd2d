// The recovery codes card of /account: how many are left, new ones on request (the old ones stop
// working), and the new ones shown once.

import { Card } from "../../components/kit/Card.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { t } from "../../shared/i18n/t.ts";
import { renewRecoveryCodes, type TwoFactorStatus } from "./api.ts";
import { RecoveryCodes } from "./RecoveryCodes.tsx";

interface Props {
  status: TwoFactorStatus | null;
  /** Codes made just now, shown this once. */
  fresh: string[] | null;
  onChanged: (recoveryCodes?: string[] | null) => void;
}

export function RecoveryCard({ status, fresh, onChanged }: Props) {
  const { busy, error, run } = useBusyCall();
  const enrolled = !!status && (status.totp || status.keys.length > 0);
  const renew = () => run(async () => onChanged((await renewRecoveryCodes()).recoveryCodes));
  return (
    <Card
      id="recovery"
      title={t("Recovery codes")}
      intro={t("For when the app or key is not at hand: each code signs in once.")}
    >
      {status && (
        <p id="recovery-left">
          {enrolled
            ? t("{{count}} codes left", { count: status.recoveryLeft })
            : t("Set up an authenticator app or a security key first")}
        </p>
      )}
      {fresh && <RecoveryCodes codes={fresh} />}
      {enrolled && (
        <Button id="recovery-renew" busy={busy.value} disabled={busy.value} onClick={renew}>
          {t("Make new recovery codes")}
        </Button>
      )}
      <ErrorNotice message={error.value} />
    </Card>
  );
}
