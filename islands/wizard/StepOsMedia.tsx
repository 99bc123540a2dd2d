// Wizard step 2: OS type and osinfo variant, install media, then firmware and advanced boot.

import { formatBytes } from "../../shared/format.ts";
import { OS_TYPES, type OsType } from "../../shared/vms.ts";
import { BootOptions } from "./BootOptions.tsx";
import { t, tKey } from "../../shared/i18n/t.ts";
import type { Media } from "./draft.ts";
import { SelectField, TextField } from "../../components/kit/controls.tsx";
import { OsVariantPicker } from "./OsVariantPicker.tsx";
import type { VariantChoice } from "./options.ts";
import type { StepProps } from "./step.ts";
import { stepFields } from "./step_fields.ts";
import { VolumePicker } from "../settings/VolumePicker.tsx";
import { DISK_FORMATS, type DiskFormat } from "../../shared/vms.ts";
import { WizardStep } from "./WizardStep.tsx";

const isDiskFormat = (f: string | null): f is DiskFormat =>
  (DISK_FORMATS as readonly (string | null)[]).includes(f);

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
  const fields = stepFields({ draft, set, issues });

  return (
    <WizardStep legend={t("OS & media")} disabled={disabled}>
      <SelectField
        id="wiz-os-type"
        label={t("OS type")}
        errors={issues.errors("osType")}
        value={draft.osType}
        onValue={(value) => {
          const osType = value as OsType;
          const variant = options.osVariants.find((v) => v.id === draft.osVariant);
          // A variant of another OS type would contradict the new choice.
          set(variant && variant.osType !== osType ? { osType, osVariant: "" } : { osType });
        }}
        options={OS_TYPES.map((type) => [type, t(OS_LABELS[type])])}
      />
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
          {media("base", t("Linked clone of a base image"))}
        </div>
        {noIsos && <p class="field-hint">{t("No ISO images in the active storage pools.")}</p>}
        {draft.media === "iso" && (
          <SelectField
            id="wiz-iso"
            label={t("ISO image")}
            options={[
              ["", t("Choose an ISO…")],
              ...options.isos.map((v) =>
                [v.path, `${v.pool} / ${v.name} (${formatBytes(v.capacityBytes)})`] as const
              ),
            ]}
            {...fields.field("isoPath")}
          />
        )}
        {draft.media === "import" && (
          // Picked from a pool, the image's format comes with it (libvirt reads it from the
          // image's header); a path typed below is checked the same way by the server.
          <VolumePicker
            pools={options.pools.filter((p) => p.active)}
            path={{ value: draft.importDiskPath }}
            onPick={(vol) =>
              set({
                importDiskPath: vol.path,
                ...(isDiskFormat(vol.format) ? { diskFormat: vol.format } : {}),
              })}
          />
        )}
        {draft.media === "import" && (
          <TextField
            id="wiz-import"
            label={t("Disk image path")}
            hint={t(
              "A volume of a storage pool; it becomes the VM's disk as is, so its size is kept.",
            )}
            // deno-lint-ignore translate/untranslated-text -- a sample path, not words
            placeholder="/var/lib/libvirt/images/disk.qcow2"
            {...fields.path("importDiskPath")}
          />
        )}
        {draft.media === "import" && draft.extraDiskPaths.length > 0 && (
          <p class="field-hint">
            {t("Attached after it: {{paths}}", { paths: draft.extraDiskPaths.join(", ") })}
          </p>
        )}
        {draft.media === "base" && (
          <TextField
            id="wiz-base"
            label={t("Base image path")}
            hint={t(
              "A volume of the disk's storage pool (a cloud image, say): the disk is a qcow2 overlay of it, made at once whatever its size; the base is only read.",
            )}
            // deno-lint-ignore translate/untranslated-text -- a sample path, not words
            placeholder="/var/lib/libvirt/images/debian-13-genericcloud-amd64.qcow2"
            {...fields.path("baseImagePath")}
          />
        )}
      </fieldset>

      {draft.osType === "windows" && (
        <SelectField
          id="wiz-virtio-drivers"
          label={t("Virtio driver CD")}
          hint={options.driverIsos.length
            ? t("Attached as a second CD-ROM: Windows Setup loads the virtio disk driver from it.")
            : t(
              "No virtio driver CD in any pool: add virtio-win.iso to a pool to use faster virtio disks.",
            )}
          options={[
            ["", t("None (SATA disk, e1000e network)")],
            ...options.driverIsos.map((v) =>
              [v.path, `${v.pool} / ${v.name} (${v.label})`] as const
            ),
          ]}
          {...fields.field("virtioDrivers", "windows.virtioDrivers")}
        />
      )}

      <BootOptions {...props} />
    </WizardStep>
  );
}
