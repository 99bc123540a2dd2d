// The API tokens card: the list, a form for a new one (its secret shown once) and Revoke.

import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { errorMessage } from "../client/api.ts";
import { showError } from "../client/toasts.tsx";
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
  const doomed = useSignal<ApiTokenInfo | null>(null);
  const pending = useSignal(false);
  const revokeDialog = useRef<HTMLDialogElement>(null);

  const revoke = async (t: ApiTokenInfo) => {
    pending.value = true;
    try {
      await revokeToken(t.id);
    } catch (err) {
      showError(errorMessage(err));
    } finally {
      pending.value = false;
      reload();
    }
  };

  return (
    <section class="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
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
        busy={!ready || pending.value}
        onRevoke={(t) => {
          doomed.value = t;
          revokeDialog.current?.showModal();
        }}
      />
      <ConfirmDialog
        dialogRef={revokeDialog}
        title="Revoke API token"
        confirmLabel="Revoke"
        onConfirm={() => doomed.value && revoke(doomed.value)}
      >
        <p>
          Revoke the token <strong>{doomed.value?.name}</strong> of{" "}
          {doomed.value?.owner}? Scripts using it are refused from now on; this cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
