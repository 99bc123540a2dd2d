// Filesystem freeze and thaw through the QEMU guest agent (a consistent moment for a copy made
// outside KVM Manager; its own backups freeze by themselves).

import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { fsFreeze, fsThaw } from "./api.ts";

const plural = (n: number) => `${n} filesystem${n === 1 ? "" : "s"}`;

export function FreezePanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const action = useAction();
  const busy = disabled || action.busy.value;
  return (
    <div class="guest-part">
      <h3>Filesystem freeze</h3>
      <p class="form-hint">
        A frozen guest cannot write to its disks: thaw it as soon as the copy is taken.
      </p>
      <div class="form-buttons">
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() =>
            action.run(async () => `Froze ${plural((await fsFreeze(vmId)).filesystems)}.`)}
        >
          Freeze filesystems
        </button>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() =>
            action.run(async () => `Thawed ${plural((await fsThaw(vmId)).filesystems)}.`)}
        >
          Thaw filesystems
        </button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </div>
  );
}
