// Firmware, Secure Boot, TPM and boot menu, plus the "Advanced" direct kernel boot and virt type.

import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { t } from "../../shared/i18n/t.ts";
import {
  noSecureBootIssue,
  noTpmIssue,
  noUefiIssue,
  secureBootNeedsUefiIssue,
} from "../../shared/vm_config.ts";
import type { StepProps } from "./step.ts";
import { Check } from "./Check.tsx";
import { stepFields } from "./step_fields.ts";

// The validator's words for a missing host feature (shared/vm_config.ts), shown before the user
// even tries it.

// The firmware kinds by their names, which no language changes.
const FIRMWARE_NAMES = { bios: "BIOS", uefi: "UEFI" };

export function BootOptions({ draft, set, options, issues }: StepProps) {
  const uefi = draft.firmware === "uefi";
  const fields = stepFields({ draft, set, issues });
  return (
    <>
      <fieldset class="subfieldset">
        <legend>{t("Firmware")}</legend>
        <div class="radio-row">
          <label class="radio">
            <input
              type="radio"
              name="wiz-firmware"
              checked={!uefi}
              onChange={() => set({ firmware: "bios", secureBoot: false })}
            />
            {FIRMWARE_NAMES.bios}
          </label>
          <label class="radio">
            <input
              type="radio"
              name="wiz-firmware"
              checked={uefi}
              disabled={!options.uefiAvailable && !uefi}
              onChange={() => set({ firmware: "uefi" })}
            />
            {FIRMWARE_NAMES.uefi}
          </label>
        </div>
        {!options.uefiAvailable && <p class="field-hint">{noUefiIssue()}</p>}
        {issues.errors("firmware").length > 0 && (
          <div class="field-error" role="alert">
            {issues.errors("firmware").map((m) => <p key={m}>{m}</p>)}
          </div>
        )}
        <Check
          // deno-lint-ignore translate/untranslated-text -- a feature's name
          label="Secure Boot"
          checked={draft.secureBoot}
          off={!uefi || !options.secureBootAvailable}
          reason={!options.secureBootAvailable ? noSecureBootIssue() : secureBootNeedsUefiIssue()}
          errors={issues.errors("secureBoot")}
          onChange={(secureBoot) => set({ secureBoot })}
        />
        <Check
          label={t("TPM 2.0 (emulated)")}
          checked={draft.tpm}
          off={!options.tpmAvailable && !draft.tpm}
          reason={noTpmIssue()}
          errors={issues.errors("tpm")}
          onChange={(tpm) => set({ tpm })}
        />
        <Check
          label={t("Show the boot menu")}
          checked={draft.bootMenu}
          errors={issues.errors("bootMenu")}
          onChange={(bootMenu) => set({ bootMenu })}
        />
      </fieldset>

      <details class="advanced" open={draft.directKernel || draft.virtType !== ""}>
        <summary>{t("Advanced")}</summary>
        <Check
          label={t("Direct kernel boot")}
          checked={draft.directKernel}
          errors={issues.errors("directKernel")}
          onChange={(directKernel) => set({ directKernel })}
        />
        {draft.directKernel && (
          <div class="indent">
            <TextField
              id="wiz-kernel"
              label={t("Kernel path")}
              hint={t("Kernel and initrd must be volumes of a storage pool.")}
              {...fields.path("kernelPath", "directKernel.kernelPath")}
            />
            <TextField
              id="wiz-initrd"
              label={t("Initrd path (optional)")}
              {...fields.path("initrdPath", "directKernel.initrdPath")}
            />
            <TextField
              id="wiz-cmdline"
              label={t("Kernel command line (optional)")}
              // deno-lint-ignore translate/untranslated-text -- a sample command line, not words
              placeholder="console=ttyS0 root=/dev/vda1"
              {...fields.path("cmdline", "directKernel.cmdline")}
            />
          </div>
        )}
        <SelectField
          id="wiz-virt-type"
          label={t("Virtualization")}
          hint={options.kvmAvailable
            ? undefined
            : options.kvmReason
            ? t("KVM cannot run guests on this host ({{reason}}): VMs run in software emulation.", {
              reason: options.kvmReason,
            })
            : t("KVM is not available on this host: VMs run in software emulation.")}
          errors={issues.errors("virtType")}
          options={[
            ["", t("Default (KVM when available)")],
            ["kvm", t("KVM (hardware)"), !options.kvmAvailable],
            ["qemu", t("QEMU (software emulation, slow)")],
          ]}
          {...fields.text("virtType")}
        />
      </details>
    </>
  );
}
