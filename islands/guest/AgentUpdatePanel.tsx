// Offers admins to update the guest's agent to this server's bundle when the guest runs an older
// one; the server refuses in words unless the VM's policy and the guest's config both allow it.

import type { AgentPolicy } from "../../shared/guest.ts";
import { Button } from "../../components/kit/Button.tsx";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { updateGuestAgent } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vmId: string;
  version: string;
  /** This server's agent version. */
  latest: string;
  /** The guest's agent is older than `latest`. */
  outdated: boolean;
  policy: AgentPolicy;
  disabled: boolean;
  /** Re-reads the guest's facts once the new agent answers. */
  reload: () => void;
}

export function AgentUpdatePanel(
  { vmId, version, latest, outdated, policy, disabled, reload }: Props,
) {
  const action = useAction();
  const update = () =>
    action.run(async () => {
      const { from, to } = await updateGuestAgent(vmId);
      reload();
      return t("The agent is updated from {{from}} to {{to}}.", { from, to });
    });
  const current = !outdated;
  // After a success only the note stays, until the card is read again.
  if (current && !action.outcome.value) return null;
  if (current) {
    return (
      <div class="guest-part">
        <h3>{t("Agent update")}</h3>
        <OutcomeNote outcome={action.outcome.value} />
      </div>
    );
  }
  return (
    <div class="guest-part">
      <h3>{t("Agent update")}</h3>
      <p>
        {t("This server has agent {{latest}}; the guest runs {{version}}.", {
          latest,
          version,
        })}
      </p>
      {!policy.allowSelfUpdate && (
        <p class="form-hint">
          {t("The guest's agent config does not allow updates from the host (allow_self_update).")}
        </p>
      )}
      <div class="form-buttons">
        <Button
          disabled={disabled || action.busy.value}
          busy={action.busy.value}
          onClick={update}
        >
          {t("Update the agent")}
        </Button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </div>
  );
}
