// Filesystem freeze and thaw through the QEMU guest agent (a consistent moment for a copy made
// outside KVM Manager; its own backups freeze by themselves).

import { plural } from "../../components/format.ts";
import { Button } from "../../components/kit/Button.tsx";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { fsFreeze, fsThaw } from "./api.ts";

export function FreezePanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const action = useAction();
  const busy = disabled || action.busy.value;
  const run = (done: string, call: (vmId: string) => Promise<{ filesystems: number }>) =>
    action.run(async () => `${done} ${plural((await call(vmId)).filesystems, "filesystem")}.`);
  return (
    <div class="guest-part">
      <h3>Filesystem freeze</h3>
      <p class="form-hint">
        A frozen guest cannot write to its disks: thaw it as soon as the copy is taken.
      </p>
      <div class="form-buttons">
        <Button disabled={busy} onClick={() => run("Froze", fsFreeze)}>Freeze filesystems</Button>
        <Button disabled={busy} onClick={() => run("Thawed", fsThaw)}>Thaw filesystems</Button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </div>
  );
}
