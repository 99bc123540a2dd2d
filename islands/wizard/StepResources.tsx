// Wizard step 3: vCPUs, memory, and the disk (pool with its free space, size, format, bus).

import { formatBytes, formatMb } from "../../shared/format.ts";
import { gbText } from "../../shared/vm_config.ts";
import { DISK_BUSES, DISK_FORMATS, DISPLAY_TYPES } from "../../shared/vms.ts";
import { DISPLAY_NAMES } from "../../shared/display.ts";
import { Check } from "./Check.tsx";
import { type Options, SelectField, TextField } from "../../components/kit/controls.tsx";
import { namesAsIs, notFoundChoice } from "./choices.ts";
import type { StepProps } from "./step.ts";
import { stepFields } from "./step_fields.ts";
import { t } from "../../shared/i18n/t.ts";
import { DISK_SIZE, parseSize } from "../../shared/units.ts";
import { WizardStep } from "./WizardStep.tsx";

export function StepResources({ draft, set, options, issues, disabled }: StepProps) {
  const pool = options.pools.find((p) => p.name === draft.storagePool);
  const importing = draft.media === "import";
  const fields = stepFields({ draft, set, issues });
  const poolSpace = pool && {
    free: formatBytes(pool.availableBytes),
    size: formatBytes(pool.capacityBytes),
  };
  const poolOptions: Options = [
    ...notFoundChoice(draft.storagePool, pool !== undefined),
    ...options.pools.map((p) =>
      [
        p.name,
        p.active
          ? t("{{name}} ({{free}} free)", { name: p.name, free: formatBytes(p.availableBytes) })
          : t("{{name}} (inactive)", { name: p.name }),
        !p.active,
      ] as const
    ),
  ];
  return (
    <WizardStep legend={t("Resources")} disabled={disabled}>
      <div class="field-row">
        <TextField
          id="wiz-cpus"
          label={t("vCPUs")}
          hint={t("The host has {{cpus}}.", { cpus: options.hostCpus })}
          warnings={issues.warnings("cpuCount")}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          {...fields.field("cpuCount")}
        />
        <TextField
          id="wiz-memory"
          label={t("Memory")}
          hint={t(
            "E.g. 2 GiB or 512 MiB; a bare number is MiB. At most {{max}} (90% of the host's {{host}}).",
            {
              max: gbText(options.maxMemoryMb / 1024, "down"),
              host: formatMb(options.hostMemoryMb),
            },
          )}
          warnings={issues.warnings("memoryMb")}
          {...SIZE_INPUT}
          {...fields.field("memoryMb")}
        />
      </div>

      <fieldset class="subfieldset">
        <legend>{t("Disk")}</legend>
        {importing && !(draft.cloudInit && options.cloudInitAvailable)
          ? (
            <p class="field-hint">
              {t("The imported image stays where it is; no storage pool is used.")}
            </p>
          )
          : (
            <SelectField
              id="wiz-pool"
              label={t("Storage pool")}
              hint={!poolSpace
                ? undefined
                : importing
                ? t("{{free}} free of {{size}} — holds the cloud-init seed only", poolSpace)
                : t("{{free}} free of {{size}}", poolSpace)}
              options={poolOptions}
              {...fields.field("storagePool")}
            />
          )}
        {importing
          ? (
            <p class="field-hint">
              {t("The imported image keeps its own size; the format below must be the image's.")}
            </p>
          )
          : (
            <>
              <TextField
                id="wiz-disk-size"
                label={t("Disk size")}
                hint={t("E.g. 20 GiB or 1 TiB; a bare number is GiB.")}
                {...SIZE_INPUT}
                {...fields.field("diskSizeGb")}
              />
              {(draft.allowOvercommit || overFree(draft.diskSizeGb, pool?.availableBytes)) && (
                <>
                  <Check
                    label={t("Allow over-commit (a thin disk larger than the pool's free space)")}
                    checked={draft.allowOvercommit}
                    errors={[]}
                    onChange={(allowOvercommit) => set({ allowOvercommit })}
                  />
                  <p class="field-hint">
                    {t(
                      "The disk takes space as the guest writes. If the pool fills, the VM is paused with an I/O error until space is freed.",
                    )}
                  </p>
                </>
              )}
              {issues.warnings("diskSizeGb").map((w) => <p key={w} class="field-warning">{w}</p>)}
            </>
          )}
        <div class="field-row">
          <SelectField
            id="wiz-format"
            label={importing ? t("Image format") : t("Format")}
            hint={importing
              ? undefined
              : t("qcow2 is thin and supports snapshots; raw is fastest.")}
            options={namesAsIs(DISK_FORMATS)}
            {...fields.field("diskFormat")}
          />
          <SelectField
            id="wiz-bus"
            label={t("Bus")}
            hint={t("virtio is fastest; Windows needs its drivers, sata works everywhere.")}
            options={namesAsIs(DISK_BUSES)}
            {...fields.field("diskBus")}
          />
        </div>
      </fieldset>

      <fieldset class="subfieldset">
        <legend>{t("Console")}</legend>
        <SelectField
          id="wiz-display"
          label={t("Display")}
          hint={t("Both open in the browser; SPICE also suits remote-viewer.")}
          options={DISPLAY_TYPES.map((d) => [d, DISPLAY_NAMES[d]] as const)}
          {...fields.field("display")}
        />
        <Check
          label={t("Share the clipboard with the guest")}
          checked={draft.clipboard}
          errors={issues.errors("clipboard")}
          onChange={(clipboard) => set({ clipboard })}
        />
        <p class="field-hint">{t("The guest needs spice-vdagent installed.")}</p>
      </fieldset>
    </WizardStep>
  );
}

// A size typed with its unit ("2 GiB"): no suggestions, no spell check.
/** Whether the typed disk size is more than `available` bytes (nothing said while it does not read). */
function overFree(typed: string, available: number | undefined): boolean {
  if (available === undefined) return false;
  const size = parseSize(typed, DISK_SIZE);
  return size.ok && size.value * 1024 ** 3 > available;
}

const SIZE_INPUT = { inputClass: "size-input", autocomplete: "off", spellcheck: false } as const;
