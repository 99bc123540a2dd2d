// The Hardware tab's Protection card (admins): the switch that protects the VM from deletion
// (PUT /api/vms/:id/protection). While it is on, delete — also of the VM's disks with it, and in
// a batch — is refused with VM_PROTECTED.

import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import type { Vm } from "../../shared/vms.ts";
import { vmPath } from "../../shared/api_paths.ts";
import { Card } from "../../components/kit/Card.tsx";
import { Checkbox } from "../../components/kit/controls.tsx";
import { errorMessage, request } from "../../components/client/api.ts";
import { showError } from "../../components/client/toasts.tsx";
import { t } from "../../shared/i18n/t.ts";

interface Props {
  vm: Pick<Vm, "id" | "name" | "protected" | "persistent">;
  [key: string]: unknown;
}

export default function VmProtection({ vm }: Props) {
  const on = useSignal(vm.protected);
  const busy = useSignal(false);
  const hydrated = useSignal(false);
  useEffect(() => {
    hydrated.value = true;
  }, []);

  // The box shows the choice at once (a controlled box would jump back while the request runs);
  // a refusal puts it back.
  const change = async (want: boolean) => {
    const was = on.value;
    on.value = want;
    busy.value = true;
    try {
      const res = await request<{ protected: boolean }>(
        "PUT",
        `${vmPath(vm.id)}/protection`,
        { protected: want },
      );
      on.value = res.protected;
    } catch (err) {
      on.value = was;
      showError(errorMessage(err));
    } finally {
      busy.value = false;
    }
  };

  return (
    <Card id="protection" title={t("Protection")} class="needs-admin vm-protection">
      <Checkbox
        label={t("Protected from deletion")}
        checked={on.value}
        disabled={!hydrated.value || busy.value || !vm.persistent}
        onChecked={change}
      />
      <p class="muted">
        {vm.persistent
          ? t(
            "A protected VM cannot be deleted, nor its disks with it, until the protection is removed here. It is kept in the VM's definition, so an XML edit or an export keeps it.",
          )
          : t("A transient VM has no definition to keep the protection in.")}
      </p>
      {on.value && (
        <p class="note note-success" role="status">
          {t("{{name}} is protected.", { name: vm.name })}
        </p>
      )}
    </Card>
  );
}
