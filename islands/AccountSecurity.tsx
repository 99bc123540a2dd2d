// /account: the signed-in account's second factors: an authenticator app, security keys, and
// recovery codes (shown once when made).

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { ErrorNotice, Notice } from "../components/kit/Notice.tsx";
import { useReload } from "../components/kit/use_reload.ts";
import { t } from "../shared/i18n/t.ts";
import { myTwoFactor, type TwoFactorStatus } from "./twofa/api.ts";
import { TotpCard } from "./twofa/TotpCard.tsx";
import { KeysCard } from "./twofa/KeysCard.tsx";
import { RecoveryCard } from "./twofa/RecoveryCard.tsx";

export default function AccountSecurity(_props: Record<string, unknown>) {
  const status = useSignal<TwoFactorStatus | null>(null);
  /** Recovery codes just made: shown until the page is left. */
  const fresh = useSignal<string[] | null>(null);
  const { reload, loadError } = useReload(async () => {
    status.value = await myTwoFactor();
  });
  useEffect(() => {
    reload();
  }, []);
  const changed = (codes?: string[] | null) => {
    if (codes?.length) fresh.value = codes;
    reload();
  };
  const s = status.value;
  return (
    <div class="account-security">
      <ErrorNotice message={loadError.value} />
      {s?.required && !s.totp && s.keys.length === 0 && (
        <Notice tone="warning">{t("Your role requires a second factor: set one up.")}</Notice>
      )}
      <TotpCard status={s} onChanged={changed} />
      <KeysCard status={s} onChanged={changed} />
      <RecoveryCard status={s} fresh={fresh.value} onChanged={changed} />
    </div>
  );
}
