// The review step's read-only summary of what will be created.

import { DISK_SIZE, MEMORY_SIZE, parseSize, type SizeRules, sizeText } from "../../shared/units.ts";
import { osLabel } from "../../shared/os_names.ts";
import { t } from "../../shared/i18n/t.ts";
import { yesNo } from "../../shared/format.ts";
import type { Draft } from "./draft.ts";
import { DISPLAY_NAMES } from "../../shared/display.ts";
import type { WizardOptions } from "./options.ts";
import { draftWindowsNotes } from "./windows.ts";

// Names of features and tools, which no language changes.
const FEATURE_NAMES = {
  bios: "BIOS",
  uefi: "UEFI",
  // deno-lint-ignore translate/untranslated-text -- a feature's name
  secureBoot: "Secure Boot",
  tpm: "TPM",
  cloudInit: "Cloud-init",
};

/** The attribute tests find a value by (not words). */
const hook = (name: string) => ({ "data-summary": name });

/** A typed size as every screen writes it ("2048" → "2 GiB"); what does not read, as typed. */
function sizeShown(typed: string, rules: SizeRules): string {
  const parsed = parseSize(typed, rules);
  return parsed.ok ? sizeText(parsed.value, rules.unit) : typed;
}

export function Summary({ draft: d, options }: { draft: Draft; options: WizardOptions }) {
  const variant = options.osVariants.find((v) => v.id === d.osVariant);
  // The host's catalogue names it when it can; else the family and version from the id.
  const os = variant ? { name: variant.name, hint: variant.id } : osLabel(d);
  const iso = options.isos.find((v) => v.path === d.isoPath);
  const media = d.media === "iso"
    ? t("ISO {{image}}", {
      image: iso ? `${iso.pool} / ${iso.name}` : d.isoPath || t("(none chosen)"),
    })
    : d.media === "import"
    ? t("Imported disk {{path}}", { path: d.importDiskPath })
    : d.media === "base"
    ? t("Linked clone of {{path}}", { path: d.baseImagePath })
    : t("None");
  // What a Windows guest gets and why; the warnings among them come from the host check.
  const windows = draftWindowsNotes(d, variant, options).filter((n) => !n.warning);
  const disk = d.media === "import"
    ? [d.importDiskPath, ...d.extraDiskPaths].map((p) => `${p} (${d.diskFormat}, ${d.diskBus})`)
      .join(", ")
    : d.media === "base"
    ? t("{{size}} qcow2 overlay on {{pool}} ({{bus}})", {
      size: sizeShown(d.diskSizeGb, DISK_SIZE),
      pool: d.storagePool,
      bus: d.diskBus,
    })
    : t("{{size}} {{format}} on {{pool}} ({{bus}})", {
      size: sizeShown(d.diskSizeGb, DISK_SIZE),
      format: d.diskFormat,
      pool: d.storagePool,
      bus: d.diskBus,
    });
  const firmware = [
    d.firmware === "uefi" ? FEATURE_NAMES.uefi : FEATURE_NAMES.bios,
    d.firmware === "uefi" && d.secureBoot ? FEATURE_NAMES.secureBoot : "",
    d.tpm ? FEATURE_NAMES.tpm : "",
  ].filter(Boolean).join(", ");
  const staticNet = d.ciStatic && d.ciAddresses.trim()
    ? t("static {{addresses}}", { addresses: d.ciAddresses.trim().split(/[\s,]+/).join(", ") })
    : "";
  const cloudInit = !d.cloudInit || !options.cloudInitAvailable
    ? t("Not used")
    : d.ciUserData.trim()
    ? [t("Raw user-data"), staticNet].filter(Boolean).join(", ")
    : [
      d.ciHostname && t("host {{name}}", { name: d.ciHostname }),
      d.ciUser && t("user {{name}}", { name: d.ciUser }),
      staticNet,
    ].filter(Boolean).join(", ") || t("Default seed");

  return (
    <dl class="props summary" aria-label={t("Summary")}>
      <dt>{t("Name")}</dt>
      <dd {...hook("name")}>{d.name || "—"}</dd>
      {d.description && (
        <>
          <dt>{t("Description")}</dt>
          <dd>{d.description}</dd>
        </>
      )}
      <dt>{t("OS")}</dt>
      <dd>
        {os.name}
        {os.hint && <span class="muted">{` (${os.hint})`}</span>}
      </dd>
      <dt>{t("Install media")}</dt>
      <dd>{media}</dd>
      <dt>{t("Firmware")}</dt>
      <dd>{firmware}</dd>
      {windows.length > 0 && (
        <>
          <dt>{t("Windows")}</dt>
          <dd {...hook("windows")}>
            <ul class="summary-notes">
              {windows.map((n) => <li key={n.message}>{n.message}</li>)}
            </ul>
          </dd>
        </>
      )}
      <dt>{t("vCPUs")}</dt>
      <dd {...hook("cpus")}>{d.cpuCount}</dd>
      <dt>{t("Memory")}</dt>
      <dd {...hook("memory")}>{sizeShown(d.memoryMb, MEMORY_SIZE)}</dd>
      <dt>{t("Disk")}</dt>
      <dd>{disk}</dd>
      <dt>{t("Console")}</dt>
      <dd {...hook("console")}>
        {DISPLAY_NAMES[d.display]}
        {d.clipboard ? ` · ${t("shared clipboard")}` : ""}
      </dd>
      <dt>{t("Network")}</dt>
      <dd>
        {d.network || t("No network")}
        {d.network && d.antiSpoofing ? ` · ${t("anti-spoofing")}` : ""}
      </dd>
      <dt>{FEATURE_NAMES.cloudInit}</dt>
      <dd>{cloudInit}</dd>
      {(d.directKernel || d.virtType) && (
        <>
          <dt>{t("Advanced")}</dt>
          <dd>
            {[
              d.directKernel && t("kernel {{path}}", { path: d.kernelPath }),
              d.virtType && t("virtualization {{type}}", { type: d.virtType }),
            ].filter(Boolean).join(", ")}
          </dd>
        </>
      )}
      <dt>{t("Boot menu")}</dt>
      <dd>{yesNo(d.bootMenu)}</dd>
    </dl>
  );
}
