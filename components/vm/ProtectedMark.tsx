// The lock a protected VM shows beside its name (the VM list) and in its delete dialogs: delete
// is refused until the protection is removed (lib/vms/protection.ts).

import { Icon } from "../kit/Icon.tsx";
import { Lock } from "../kit/icons.ts";
import { t } from "../../shared/i18n/t.ts";

export function ProtectedMark() {
  const why = t("Protected: it cannot be deleted until the protection is removed");
  return (
    <span class="protected-mark" title={why}>
      <Icon icon={Lock} label={why} />
    </span>
  );
}
