// The API tokens card: the list, a form for a new one (its secret shown once) and Revoke.

import { useSignal } from "@preact/signals";
import { Card } from "../../components/kit/Card.tsx";
import { AskNamedDialog } from "../../components/kit/Dialog.tsx";
import { type ApiTokenInfo, revokeToken } from "./api.ts";
import type { VmName } from "./format.ts";
import { NewSecret } from "./NewSecret.tsx";
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
  const fresh = useSignal<{ name: string; secret: string } | null>(null);
  const revoking = useCardRemoval((token: ApiTokenInfo) => revokeToken(token.id), reload);

  return (
    <Card id="tokens" title={t("API tokens")}>
      <p class="form-hint">
        <Trans
          text={t(
            "For scripts: a token acts with its own role, or its owner's current role when that is lower, sent as {{header}}. Revoking one, or its owner losing access, stops it at once.",
            { header: "{{header}}" },
          )}
          // deno-lint-ignore translate/untranslated-text -- an HTTP header, not words
          parts={{ header: <code>Authorization: Bearer …</code> }}
        />
      </p>
      {fresh.value && (
        <NewSecret
          name={fresh.value.name}
          secret={fresh.value.secret}
          onDismiss={() => fresh.value = null}
        />
      )}
      <TokenForm
        vms={vms}
        disabled={!ready}
        onCreated={({ token, secret }) => {
          fresh.value = { name: token.name, secret };
          reload();
        }}
      />
      <TokenTable
        tokens={tokens}
        vms={vms}
        busy={!ready || revoking.busy}
        onRevoke={revoking.confirm.ask}
      />
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
