// The API tokens card: the list, a form for a new one (its secret shown once) and Revoke.

import { useSignal } from "@preact/signals";
import { Card } from "../../components/kit/Card.tsx";
import { AskDialog } from "../../components/kit/Dialog.tsx";
import { useConfirm } from "../../components/kit/use_confirm.ts";
import { usePending } from "../../components/kit/use_pending.ts";
import { type ApiTokenInfo, revokeToken } from "./api.ts";
import type { VmName } from "./format.ts";
import { NewSecret } from "./NewSecret.tsx";
import { TokenForm } from "./TokenForm.tsx";
import { TokenTable } from "./TokenTable.tsx";

interface Props {
  tokens: ApiTokenInfo[] | null;
  vms: VmName[];
  ready: boolean;
  reload: () => void;
}

export function TokensCard({ tokens, vms, ready, reload }: Props) {
  const fresh = useSignal<{ name: string; secret: string } | null>(null);
  const doomed = useConfirm<ApiTokenInfo>();
  const pending = usePending<"revoke">();

  const revoke = (t: ApiTokenInfo) =>
    pending.run("card", "revoke", () => revokeToken(t.id), undefined, reload);

  return (
    <Card id="tokens" title="API tokens">
      <p class="form-hint">
        For scripts: a token acts with its own role, or its owner's current role when that is lower,
        sent as{" "}
        <code>Authorization: Bearer …</code>. Revoking one, or its owner losing access, stops it at
        once.
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
        busy={!ready || pending.has("card")}
        onRevoke={doomed.ask}
      />
      <AskDialog
        confirm={doomed}
        title="Revoke API token"
        confirmLabel="Revoke"
        onConfirm={revoke}
      >
        <p>
          Revoke the token <strong>{doomed.subject.value?.name}</strong> of{" "}
          {doomed.subject.value?.owner}? Scripts using it are refused from now on; this cannot be
          undone.
        </p>
      </AskDialog>
    </Card>
  );
}
