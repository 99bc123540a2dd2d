// Clone a stopped or paused VM under a new name: disk copies are reported step by step, then a
// link to the new VM.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import type { Vm } from "../../shared/vms.ts";
import { nameIssue } from "../../shared/vm_config.ts";
import { cloneVm } from "./api.ts";
import { useAction } from "./Outcome.tsx";
import { ActionDialog } from "../../components/kit/ActionDialog.tsx";
import { NewVmNameField } from "./NewVmNameField.tsx";
import { type Progress, watchProgress } from "./progress.ts";
import { Trans } from "../../components/kit/Trans.tsx";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  vm: Vm;
}

export function CloneDialog({ dialogRef, vm }: Props) {
  const name = useSignal(`${vm.name}-clone`);
  const progress = useSignal<Progress | null>(null);
  const action = useAction();
  const issue = nameIssue(name.value);

  const clone = async () => {
    const target = name.value;
    progress.value = null;
    const stop = await watchProgress(target, (p) => progress.value = p);
    try {
      const made = await cloneVm(vm.id, target);
      return (
        <Trans
          text={t("Cloned as {{link}}.", { link: "{{link}}" })}
          parts={{ link: <a href={`/vms/${encodeURIComponent(made.id)}`}>{made.name}</a> }}
        />
      );
    } finally {
      stop();
      progress.value = null;
    }
  };

  const p = progress.value;
  return (
    <ActionDialog
      dialogRef={dialogRef}
      id="clone"
      title={t("Clone {{name}}", { name: vm.name })}
      submitLabel={t("Clone")}
      action={action}
      ready={issue === null}
      run={clone}
    >
      <p>
        {t("Every disk is copied in full; the clone gets a new UUID and new MAC addresses.")}
      </p>
      <NewVmNameField
        id="clone-name"
        label={t("Name of the clone")}
        {...bindSignal(name)}
      />
      {action.busy.value && (
        <div class="clone-progress" role="status">
          <progress value={p?.index ?? 0} max={p?.total ?? 1} />
          <span>{p ? `${p.step} (${p.index}/${p.total})` : t("Starting…")}</span>
        </div>
      )}
    </ActionDialog>
  );
}
