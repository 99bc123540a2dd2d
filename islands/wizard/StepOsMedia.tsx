// Wizard step 2: OS type and osinfo variant, install media, then firmware and advanced boot.

import { formatBytes } from "../../components/format.ts";
import { OS_TYPES, type OsType } from "../../shared/vms.ts";
import { BootOptions } from "./BootOptions.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import type { Media } from "./draft.ts";
import { Field } from "../../components/kit/Field.tsx";
import { OsVariantPicker } from "./OsVariantPicker.tsx";
import type { VariantChoice } from "./options.ts";
import type { StepProps } from "./step.ts";

interface Props extends StepProps {
  onVariant: (v: VariantChoice | null) => void;
}

// Keys, shown with t(); Linux and Windows are names.
const OS_LABELS: Record<OsType, string> = {
  linux: "Linux",
  windows: "Windows",
  other: tKey("Other"),
};

export function StepOsMedia(props: Props) {
  const { draft, set, options, issues, disabled, onVariant } = props;
  const media = (m: Media, label: string, off = false) => (
    <label class="radio">
      <input
        type="radio"
        name="wiz-media"
        value={m}
        checked={draft.media === m}
        disabled={off}
        onChange={() => set({ media: m })}
      />
      {label}
    </label>
  );
  const noIsos = options.isos.length === 0;

  return (
    <fieldset class="wizard-step" disabled={disabled}>
      <legend>{t("OS & media")}</legend>
      <Field id="wiz-os-type" label={t("OS type")} errors={issues.errors("osType")}>
        {(a) => (
          <select
            {...a}
            value={draft.osType}
            onChange={(e) => {
              const osType = e.currentTarget.value as OsType;
              const variant = options.osVariants.find((v) => v.id === draft.osVariant);
              // A variant of another OS type would contradict the new choice.
              set(variant && variant.osType !== osType ? { osType, osVariant: "" } : { osType });
            }}
          >
            {OS_TYPES.map((type) => <option key={type} value={type}>{t(OS_LABELS[type])}</option>)}
          </select>
        )}
      </Field>
      <OsVariantPicker
        variants={options.osVariants}
        osType={draft.osType}
        value={draft.osVariant}
        errors={issues.errors("osVariant")}
        onPick={onVariant}
      />

      <fieldset class="subfieldset">
        <legend>{t("Install media")}</legend>
        <div class="radio-row">
          {media("none", t("None (PXE or set up later)"))}
          {media("iso", t("ISO image"), noIsos && draft.media !== "iso")}
          {media("import", t("Import an existing disk image"))}
        </div>
        {noIsos && <p class="field-hint">{t("No ISO images in the active storage pools.")}</p>}
        {draft.media === "iso" && (
          <Field id="wiz-iso" label={t("ISO image")} errors={issues.errors("isoPath")}>
            {(a) => (
              <select
                {...a}
                value={draft.isoPath}
                onChange={(e) => set({ isoPath: e.currentTarget.value })}
              >
                <option value="">{t("Choose an ISO…")}</option>
                {options.isos.map((v) => (
                  <option key={v.path} value={v.path}>
                    {`${v.pool} / ${v.name} (${formatBytes(v.capacityBytes)})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {draft.media === "import" && (
          <Field
            id="wiz-import"
            label={t("Disk image path")}
            hint={t(
              "A volume of a storage pool; it becomes the VM's disk as is, so its size is kept.",
            )}
            errors={issues.errors("importDiskPath")}
          >
            {(a) => (
              <input
                {...a}
                type="text"
                spellcheck={false}
                // deno-lint-ignore translate/untranslated-text -- a sample path, not words
                placeholder="/var/lib/libvirt/images/disk.qcow2"
                value={draft.importDiskPath}
                onInput={(e) => set({ importDiskPath: e.currentTarget.value })}
              />
            )}
          </Field>
        )}
      </fieldset>

      <BootOptions {...props} />
    </fieldset>
  );
}
