// Wizard step 2: OS type and osinfo variant, install media, then firmware and advanced boot.

import { formatBytes } from "../../components/format.ts";
import { OS_TYPES, type OsType } from "../../shared/vms.ts";
import { BootOptions } from "./BootOptions.tsx";
import type { Media } from "./draft.ts";
import { Field } from "../../components/kit/Field.tsx";
import { OsVariantPicker } from "./OsVariantPicker.tsx";
import type { VariantChoice } from "./options.ts";
import type { StepProps } from "./step.ts";

interface Props extends StepProps {
  onVariant: (v: VariantChoice | null) => void;
}

const OS_LABELS: Record<OsType, string> = { linux: "Linux", windows: "Windows", other: "Other" };

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
      <legend>OS &amp; media</legend>
      <Field id="wiz-os-type" label="OS type" errors={issues.errors("osType")}>
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
            {OS_TYPES.map((t) => <option key={t} value={t}>{OS_LABELS[t]}</option>)}
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
        <legend>Install media</legend>
        <div class="radio-row">
          {media("none", "None (PXE or set up later)")}
          {media("iso", "ISO image", noIsos && draft.media !== "iso")}
          {media("import", "Import an existing disk image")}
        </div>
        {noIsos && <p class="field-hint">No ISO images in the active storage pools.</p>}
        {draft.media === "iso" && (
          <Field id="wiz-iso" label="ISO image" errors={issues.errors("isoPath")}>
            {(a) => (
              <select
                {...a}
                value={draft.isoPath}
                onChange={(e) => set({ isoPath: e.currentTarget.value })}
              >
                <option value="">Choose an ISO…</option>
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
            label="Disk image path"
            hint="A volume of a storage pool; it becomes the VM's disk as is, so its size is kept."
            errors={issues.errors("importDiskPath")}
          >
            {(a) => (
              <input
                {...a}
                type="text"
                spellcheck={false}
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
