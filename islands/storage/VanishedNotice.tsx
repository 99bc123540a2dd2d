// The warning over a pool's volumes when libvirt still lists files that were removed behind its
// back: which ones, that they are left out of the list and of every storage step, and the one
// step that makes libvirt forget them (Refresh, admins only).

import { Button } from "../../components/kit/Button.tsx";
import { Notice } from "../../components/kit/Notice.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  names: string[];
  busy: boolean;
  onRefresh(): void;
}

export function VanishedNotice({ names, busy, onRefresh }: Props) {
  return (
    <Notice tone="warning" id="vanished-volumes">
      {t(
        "Removed outside KVM Manager: {{names}}. libvirt lists them until the pool is refreshed; they are left out of the volumes below.",
        { names: names.join(", ") },
      )}{" "}
      <Button small class="needs-admin" busy={busy} disabled={busy} onClick={onRefresh}>
        {t("Refresh the pool")}
      </Button>
    </Notice>
  );
}
