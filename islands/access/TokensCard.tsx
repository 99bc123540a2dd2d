// The API tokens card: the list, a form for a new one (its secret shown once), Rotate (the new
// secret shown the same way) and Revoke.

import { useSignal } from "@preact/signals";
import { Card } from "../../components/kit/Card.tsx";
import { AskNamedDialog } from "../../components/kit/Dialog.tsx";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { type ApiTokenInfo, revokeToken, type TokenWithSecret } from "./api.ts";
import type { VmName } from "./format.ts";
import { NewSecret } from "./NewSecret.tsx";
import { RotateDialog } from "./RotateDialog.tsx";
import { TokenForm } from "./TokenForm.tsx";
import { TokenTable } from "./TokenTable.tsx";
import { useCardRemoval } from "./use_card_removal.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  tokens: ApiTokenInfo[] | null;
  vms: VmName[];
  ready: boolean;
  reload: () => void;
}

export function TokensCard({ tokens, vms, ready, reload }: Props) {
  const fresh = useSignal<(TokenWithSecret & { rotated: boolean }) | null>(null);
  const revoking = useCardRemoval((token: ApiTokenInfo) => revokeToken(token.id), reload);
  const rotating = useConfirm<ApiTokenInfo>();
  const show = (rotated: boolean) => (answer: TokenWithSecret) => {
    fresh.value = { ...answer, rotated };
    reload();
  };

  return (
    <Card
      id="tokens"
      title={t("API tokens")}
      intro={
        <Trans
          text={t(
            "For scripts: a token acts with its own role, or its owner's current role when that is lower, sent as {{header}}. Revoking one, or its owner losing access, stops it at once; one made with an expiry stops by itself. Rotating gives a token a new secret and keeps the old one working for the time you choose.",
            { header: "{{header}}" },
          )}
          // deno-lint-ignore translate/untranslated-text -- an HTTP header, not words
          parts={{ header: <code>Authorization: Bearer …</code> }}
        />
      }
    >
      {fresh.value && (
        <NewSecret
          // A new box for each secret: the last one's "Copied." does not carry over.
          key={fresh.value.secret}
          name={fresh.value.token.name}
          secret={fresh.value.secret}
          rotated={fresh.value.rotated ? fresh.value.token : undefined}
          onDismiss={() => fresh.value = null}
        />
      )}
      <TokenForm vms={vms} disabled={!ready} onCreated={show(false)} />
      <TokenTable
        tokens={tokens}
        vms={vms}
        busy={!ready || revoking.busy}
        onRotate={rotating.ask}
        onRevoke={revoking.confirm.ask}
      />
      <RotateDialog ask={rotating} onRotated={show(true)} />
      <AskNamedDialog
        confirm={revoking.confirm}
        title={t("Revoke API token")}
        question={t(
          "Revoke the token {{name}} of {{owner}}? Scripts using it are refused from now on; this cannot be undone.",
          { name: "{{name}}", owner: revoking.confirm.subject.value?.owner },
        )}
        confirmLabel={t("Revoke")}
        onConfirm={revoking.remove}
      />
    </Card>
  );
}
