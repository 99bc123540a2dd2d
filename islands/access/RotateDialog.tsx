// Rotate a token: how long its old secret keeps working (scripts still using it have that long
// to take the new one), then the new secret, which the card shows once as it shows a new token's.

import { useSignal } from "@preact/signals";
import { FormDialog } from "../../components/kit/FormDialog.tsx";
import { SelectField } from "../../components/kit/controls.tsx";
import { bindSignal } from "../../components/kit/bind_signal.ts";
import { useSubmit } from "../../components/kit/use_form.ts";
import { ErrorNotice } from "../../components/kit/Notice.tsx";
import type { Confirm } from "../../components/kit/use_confirm.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { type ApiTokenInfo, rotateToken, type TokenWithSecret } from "./api.ts";
import { GRACE_CHOICES } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  /** Which token: its useConfirm, opened by the row's Rotate… button. */
  ask: Confirm<ApiTokenInfo>;
  onRotated: (rotated: TokenWithSecret) => void;
}

export function RotateDialog({ ask, onRotated }: Props) {
  const grace = useSignal("0");
  const token = ask.subject.value;
  const submit = useSubmit(async () => {
    if (!token) return;
    const rotated = await rotateToken(token.id, Number(grace.value));
    ask.dialogRef.current?.close();
    onRotated(rotated);
  });
  return (
    <FormDialog
      dialogRef={ask.dialogRef}
      id="token-rotate"
      title={t("Rotate API token")}
      onSubmit={submit.onSubmit}
      onClose={() => {
        grace.value = "0";
        submit.failure.value = null;
      }}
      closeLabel={t("Cancel")}
      submitLabel={t("Rotate")}
      busy={submit.busy.value}
    >
      <p>
        <Trans
          text={t(
            "Give the token {{name}} a new secret? Its name, role, VMs and expiry stay.",
            { name: "{{name}}" },
          )}
          parts={{ name: <strong>{token?.name}</strong> }}
        />
      </p>
      <SelectField
        id="token-rotate-grace"
        label={t("The old secret keeps working for")}
        hint={t("Time for scripts to take the new secret; after it the old one is refused.")}
        options={GRACE_CHOICES.map(([seconds, label]) => [String(seconds), t(label)] as const)}
        {...bindSignal(grace)}
      />
      <ErrorNotice message={submit.failure.value} />
    </FormDialog>
  );
}
