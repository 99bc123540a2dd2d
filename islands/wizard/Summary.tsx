// The review step's read-only summary of what will be created.

import { DISK_SIZE, MEMORY_SIZE, parseSize, type SizeRules, sizeText } from "../../shared/units.ts";
import { osLabel } from "../../shared/os_names.ts";
import type { Draft } from "./draft.ts";
import type { WizardOptions } from "./options.ts";

const yes = (on: boolean) => on ? "Yes" : "No";

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
    ? `ISO ${iso ? `${iso.pool} / ${iso.name}` : d.isoPath || "(none chosen)"}`
    : d.media === "import"
    ? `Imported disk ${d.importDiskPath}`
    : "None";
  const disk = d.media === "import"
    ? `${d.importDiskPath} (${d.diskFormat}, ${d.diskBus})`
    : `${sizeShown(d.diskSizeGb, DISK_SIZE)} ${d.diskFormat} on ${d.storagePool} (${d.diskBus})`;
  const firmware = [
    d.firmware === "uefi" ? "UEFI" : "BIOS",
    d.firmware === "uefi" && d.secureBoot ? "Secure Boot" : "",
    d.tpm ? "TPM" : "",
  ].filter(Boolean).join(", ");
  const cloudInit = !d.cloudInit || !options.cloudInitAvailable
    ? "Not used"
    : d.ciUserData.trim()
    ? "Raw user-data"
    : [d.ciHostname && `host ${d.ciHostname}`, d.ciUser && `user ${d.ciUser}`]
      .filter(Boolean).join(", ") || "Default seed";

  return (
    <dl class="props summary" aria-label="Summary">
      <dt>Name</dt>
      <dd data-summary="name">{d.name || "—"}</dd>
      {d.description && (
        <>
          <dt>Description</dt>
          <dd>{d.description}</dd>
        </>
      )}
      <dt>OS</dt>
      <dd>
        {os.name}
        {os.hint && <span class="muted">{` (${os.hint})`}</span>}
      </dd>
      <dt>Install media</dt>
      <dd>{media}</dd>
      <dt>Firmware</dt>
      <dd>{firmware}</dd>
      <dt>vCPUs</dt>
      <dd data-summary="cpus">{d.cpuCount}</dd>
      <dt>Memory</dt>
      <dd data-summary="memory">{sizeShown(d.memoryMb, MEMORY_SIZE)}</dd>
      <dt>Disk</dt>
      <dd>{disk}</dd>
      <dt>Network</dt>
      <dd>{d.network || "No network"}</dd>
      <dt>Cloud-init</dt>
      <dd>{cloudInit}</dd>
      {(d.directKernel || d.virtType) && (
        <>
          <dt>Advanced</dt>
          <dd>
            {[
              d.directKernel && `kernel ${d.kernelPath}`,
              d.virtType && `virtualization ${d.virtType}`,
            ].filter(Boolean).join(", ")}
          </dd>
        </>
      )}
      <dt>Boot menu</dt>
      <dd>{yes(d.bootMenu)}</dd>
    </dl>
  );
}
