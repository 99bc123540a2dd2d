// A sign-in whose role requires a second factor the account does not have yet: it sets one up
// (an authenticator app or a security key) before the session opens, then sees its recovery
// codes once.

import { useSignal } from "@preact/signals";
import { Button } from "../../components/kit/Button.tsx";
import { useBusyCall } from "../../components/kit/use_busy_call.ts";
import { t } from "../../shared/i18n/t.ts";
import {
  enrolKey,
  enrolTotp,
  enrolTotpConfirm,
  type SignedIn,
  type TotpSeed,
} from "../twofa/api.ts";
import { TotpSetup } from "../twofa/TotpSetup.tsx";
import { RecoveryCodes } from "../twofa/RecoveryCodes.tsx";
import { StepError } from "./sign_in_step.tsx";

export function EnrolStep({ onDone }: { onDone: () => void }) {
  const seed = useSignal<TotpSeed | null>(null);
  const codes = useSignal<string[] | null>(null);
  const { busy, error, run: start } = useBusyCall();
  const signedIn = (answer: SignedIn) => {
    if (answer.recoveryCodes?.length) codes.value = answer.recoveryCodes;
    else onDone();
  };

  if (codes.value) {
    return (
      <div class="login-second">
        <h2>{t("Recovery codes")}</h2>
        <RecoveryCodes codes={codes.value}>
          <Button kind="primary" id="login-continue" onClick={onDone}>{t("Continue")}</Button>
        </RecoveryCodes>
      </div>
    );
  }
  return (
    <div class="login-second">
      <h2>{t("Set up a second factor")}</h2>
      <p>{t("Your role requires a second factor at sign-in. Set one up to continue.")}</p>
      {seed.value
        ? (
          <TotpSetup
            seed={seed.value}
            onConfirm={async (code) => signedIn(await enrolTotpConfirm(code))}
          />
        )
        : (
          <div class="login-choices">
            <Button
              kind="primary"
              id="enrol-totp"
              disabled={busy.value}
              onClick={() =>
                start(async () => {
                  seed.value = await enrolTotp();
                })}
            >
              {t("Set up an authenticator app")}
            </Button>
            <Button
              id="enrol-key"
              disabled={busy.value}
              onClick={() => start(async () => signedIn(await enrolKey()))}
            >
              {t("Use a security key")}
            </Button>
          </div>
        )}
      <StepError message={error.value} />
    </div>
  );
}
