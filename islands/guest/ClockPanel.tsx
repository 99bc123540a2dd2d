// The guest's clock beside the host's, and setting it to the host's (QEMU guest agent): a guest
// that was paused, saved or restored from a snapshot keeps the time it stopped at until told.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { GuestClock } from "../../shared/guest.ts";
import { formatDateTime } from "../../shared/i18n/format.ts";
import { Button } from "../../components/kit/Button.tsx";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { errorMessage } from "../../components/client/api.ts";
import { getGuestClock, setGuestClock } from "./api.ts";
import { offsetText } from "./format.ts";
import { t } from "../../shared/i18n/t.ts";

export function ClockPanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const clock = useSignal<GuestClock | null>(null);
  const error = useSignal<string | null>(null);
  const action = useAction();
  useEffect(() => {
    getGuestClock(vmId).then((c) => clock.value = c, (e) => error.value = errorMessage(e));
  }, [vmId]);
  const set = () =>
    action.run(async () => {
      clock.value = await setGuestClock(vmId);
      return t("The guest's clock is set to the host's.");
    });
  const c = clock.value;
  return (
    <div class="guest-part">
      <h3>{t("Clock")}</h3>
      {error.value && <p class="notice notice-error" role="alert">{error.value}</p>}
      {c && (
        <p data-guest-clock>
          {t("Guest clock: {{time}}, {{offset}}", {
            time: formatDateTime(c.guestTime),
            offset: offsetText(c.offsetMs),
          })}
        </p>
      )}
      <div class="form-buttons">
        <Button disabled={disabled || action.busy.value} busy={action.busy.value} onClick={set}>
          {t("Set to the host's time")}
        </Button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </div>
  );
}
