// Filesystem freeze and thaw through the QEMU guest agent (a consistent moment for a copy made
// outside KVM Manager; its own backups freeze by themselves).

import { Button } from "../../components/kit/Button.tsx";
import { OutcomeNote, useAction } from "../settings/Outcome.tsx";
import { fsFreeze, fsThaw } from "./api.ts";
import { t } from "../../shared/i18n/t.ts";

export function FreezePanel({ vmId, disabled }: { vmId: string; disabled: boolean }) {
  const action = useAction();
  const busy = disabled || action.busy.value;
  const freeze = () =>
    action.run(async () => {
      const { filesystems } = await fsFreeze(vmId);
      return t("Froze {{count}} filesystems.", { count: filesystems });
    });
  const thaw = () =>
    action.run(async () => {
      const { filesystems } = await fsThaw(vmId);
      return t("Thawed {{count}} filesystems.", { count: filesystems });
    });
  return (
    <div class="guest-part">
      <h3>{t("Filesystem freeze")}</h3>
      <p class="form-hint">
        {t("A frozen guest cannot write to its disks: thaw it as soon as the copy is taken.")}
      </p>
      <div class="form-buttons">
        <Button disabled={busy} onClick={freeze}>{t("Freeze filesystems")}</Button>
        <Button disabled={busy} onClick={thaw}>{t("Thaw filesystems")}</Button>
      </div>
      <OutcomeNote outcome={action.outcome.value} />
    </div>
  );
}
