// The sign-in's second step: a code from the authenticator app or a recovery code, or the
// account's security key.

import { useSignal } from "@preact/signals";
import { Button } from "../../components/kit/Button.tsx";
import { InlineField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";
import { StepError, useSignInStep } from "./sign_in_step.tsx";
import { type SecondStep, verifyCode, verifyKey } from "../twofa/api.ts";

export function VerifyStep({ step, onDone }: { step: SecondStep; onDone: () => void }) {
  const code = useSignal("");
  const signIn = useSignInStep(code);
  const { busy, error } = signIn;
  const run = (call: () => Promise<unknown>) =>
    signIn.run(async () => {
      await call();
      onDone();
    });
  const submit = (e: Event) => {
    e.preventDefault();
    run(() => verifyCode(code.value));
  };
  const hasCode = step.methods.includes("totp") || step.methods.includes("recovery");
  return (
    <div class="login-second">
      <h2>{t("Second step")}</h2>
      {hasCode && (
        <form class="login-form" onSubmit={submit}>
          <InlineField
            id="login-code"
            label={t("Code from the authenticator app, or a recovery code")}
            name="one-time-code"
            autocomplete="one-time-code"
            required
            value={code.value}
            onValue={(v) => code.value = v}
          />
          <Button type="submit" kind="primary" disabled={busy.value} busy={busy.value}>
            {t("Verify")}
          </Button>
        </form>
      )}
      {step.methods.includes("webauthn") && (
        <Button
          id="login-key"
          disabled={busy.value}
          onClick={() => run(verifyKey)}
        >
          {t("Use security key")}
        </Button>
      )}
      <StepError message={error.value} />
    </div>
  );
}
