// Export a stopped VM as an OVA: a new volume of the pool its first disk is in, written by the
// server (its task shows how far), then a link to download it as one file.

import type { RefObject } from "preact";
import { useSignal } from "@preact/signals";
import type { Vm } from "../../shared/vms.ts";
import { volumeContentPath } from "../../shared/api_paths.ts";
import { exportVm } from "./api.ts";
import { useAction } from "./Outcome.tsx";
import { ActionDialog } from "../../components/kit/ActionDialog.tsx";
import { TextField } from "../../components/kit/controls.tsx";
import { Trans } from "../../components/kit/Trans.tsx";
import { formatBytes } from "../../shared/format.ts";
import { t } from "../../shared/i18n/t.ts";
import { bindSignal } from "../../components/kit/bind_signal.ts";

interface Props {
  dialogRef: RefObject<HTMLDialogElement | null>;
  vm: Vm;
}

/** "web 01" → "web-01.ova": a volume name the API takes. */
export function ovaName(vmName: string): string {
  const safe = vmName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "") || "vm";
  return `${safe}.ova`;
}

export function ExportDialog({ dialogRef, vm }: Props) {
  const name = useSignal(ovaName(vm.name));
  const action = useAction();
  const issue = /\.ova$/i.test(name.value.trim())
    ? null
    : t("name must be a volume name ending in .ova");

  const exportOva = async () => {
    const ova = await exportVm(vm.id, name.value.trim());
    return (
      <Trans
        text={t("Exported as {{name}} ({{size}}) in pool {{pool}}: {{link}}", {
          name: ova.name,
          size: formatBytes(ova.capacityBytes),
          pool: ova.pool,
          link: "{{link}}",
        })}
        parts={{
          link: (
            <a href={volumeContentPath(ova.pool, ova.name)} download={ova.name}>
              {t("Download {{name}}", { name: ova.name })}
            </a>
          ),
        }}
      />
    );
  };

  return (
    <ActionDialog
      dialogRef={dialogRef}
      id="export"
      title={t("Export {{name}} as an OVA", { name: vm.name })}
      submitLabel={t("Export")}
      action={action}
      ready={issue === null}
      run={exportOva}
    >
      <p>
        {t(
          "Each disk becomes a stream-optimized vmdk beside an OVF 1.0 descriptor, in one .ova file in the pool of the VM's first disk. CD-ROMs are left out.",
        )}
      </p>
      <TextField
        id="export-name"
        class="form-field"
        label={t("Name of the OVA file")}
        errors={issue ? [issue] : []}
        required
        {...bindSignal(name)}
      />
      {action.busy.value && (
        <p class="muted" role="status">{t("Exporting… the task log shows how far.")}</p>
      )}
    </ActionDialog>
  );
}
