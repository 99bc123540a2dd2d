// A change applied and waiting: a live countdown to its rollback, "Keep this change" (sent from
// this browser over the network as changed, which is the point: a change that cut the browser off
// cannot be kept) and "Undo now". At zero it says the host is rolling back, until the page has
// read the state again.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { PendingChange } from "../../shared/host_network.ts";
import { Button } from "../../components/kit/Button.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { useRequest } from "../../components/kit/use_request.ts";
import { keepChange, undoChange } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  change: PendingChange;
  /** When this browser counts the rollback from (ms, its own clock). */
  endsAt: number;
  onKept: () => void;
  onUndone: () => void;
  /** The countdown reached zero without a Keep. */
  onExpired: () => void;
}

const secondsLeft = (endsAt: number) => Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));

export function AppliedChange({ change, endsAt, onKept, onUndone, onExpired }: Props) {
  const left = useSignal(secondsLeft(endsAt));
  const keep = useRequest();
  const undo = useRequest();
  useEffect(() => {
    left.value = secondsLeft(endsAt);
    if (left.value === 0) {
      onExpired();
      return;
    }
    const timer = setInterval(() => {
      left.value = secondsLeft(endsAt);
      if (left.value === 0) {
        clearInterval(timer);
        onExpired();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [change.id, endsAt]);

  const expired = left.value === 0;
  const busy = keep.busy.value || undo.busy.value;
  return (
    <div class="hostnet-applied" data-change={change.id}>
      <p class="notice notice-warning" role="status">
        {expired ? t("Not kept in time: the host is rolling the change back…") : t(
          "Applied. It rolls back in {{seconds}} s unless you keep it: check that the host still answers, then keep it.",
          { seconds: left.value },
        )}
      </p>
      <div class="form-buttons">
        <Button
          kind="primary"
          disabled={expired || busy}
          busy={keep.busy.value}
          onClick={async () => {
            await keep.run(() => keepChange(change.id));
            if (!keep.error.value) onKept();
          }}
        >
          {t("Keep this change")}
        </Button>
        <Button
          disabled={expired || busy}
          busy={undo.busy.value}
          onClick={async () => {
            await undo.run(undoChange);
            if (!undo.error.value) onUndone();
          }}
        >
          {t("Undo now")}
        </Button>
      </div>
      <Notice tone="error" kind="note">{keep.error.value ?? undo.error.value}</Notice>
    </div>
  );
}
