// The staged changes below the table: the interfaces file's diff, Apply with the time after which
// the change rolls back unless kept (10–600 s, 60 by default), and Discard. Each button's refusal
// is shown under the buttons, in the API's words.

import type { HostNetworkState, PendingChange } from "../../shared/host_network.ts";
import { FormPanel } from "../../components/kit/FormPanel.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { Button } from "../../components/kit/Button.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { useDraft, useSubmit } from "../../components/kit/use_form.ts";
import { useRequest } from "../../components/kit/use_request.ts";
import { applyStaged, discardStaged } from "./api.ts";
import { DiffView } from "./DiffView.tsx";
import { t } from "../../shared/i18n/t.ts";

/** The rollback time the form starts with: the API's default. */
export const DEFAULT_ROLLBACK = "60";

interface Props {
  diff: string;
  onApplied: (change: PendingChange, rollbackSeconds: number) => void;
  onDiscarded: (state: HostNetworkState) => void;
  disabled: boolean;
}

export function PendingChanges({ diff, onApplied, onDiscarded, disabled }: Props) {
  const draft = useDraft({ rollback: DEFAULT_ROLLBACK });
  const apply = useSubmit(async () => {
    // Sent as typed: the API refuses a number out of range in its own words.
    const seconds = Number(draft.value.rollback);
    onApplied(await applyStaged(seconds), seconds);
  });
  const discard = useRequest();
  const busy = apply.busy.value || discard.busy.value;
  return (
    <FormPanel
      label={t("Pending changes")}
      class="card hostnet-pending"
      submit={apply}
      submitLabel={t("Apply")}
      disabled={disabled || busy}
      buttons={
        <Button
          disabled={disabled || busy}
          busy={discard.busy.value}
          onClick={async () => {
            const state = await discard.run(discardStaged);
            if (state) onDiscarded(state);
          }}
        >
          {t("Discard")}
        </Button>
      }
    >
      <DiffView diff={diff} label={t("Staged changes of /etc/network/interfaces")} />
      <TextField
        id="hostnet-rollback"
        label={t("Roll back after (seconds)")}
        hint={t(
          "10 to 600. The change undoes itself unless you keep it from this page within that time, so a change that cuts you off comes back by itself.",
        )}
        type="number"
        min={10}
        max={600}
        inputMode="numeric"
        class="hostnet-rollback"
        {...draft.text("rollback")}
      />
      <Notice tone="error" kind="note">{discard.error.value}</Notice>
    </FormPanel>
  );
}
