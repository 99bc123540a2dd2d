// The wizard's props: CreateOptions with the ~800 osinfo variants cut to what the picker shows.

import type { CreateOptions, OsNeed, OsType, OsVariant } from "../../shared/vms.ts";
import { type HostFacts, hostFactsOf } from "../../shared/vm_config.ts";
import { sizeText } from "../../shared/units.ts";
import { t } from "../../shared/i18n/t.ts";

/** One OS variant as the picker needs it; resources are osinfo's recommended, else its minimum. */
export interface VariantChoice {
  id: string;
  name: string;
  /** Other short ids and the version, space-separated, for the search ("debianbookworm 12"). */
  aliases: string;
  osType: OsType;
  supported: boolean;
  cpus: number | null;
  memoryMb: number | null;
  diskGb: number | null;
  /** What it cannot install without (Windows 11: UEFI, Secure Boot, TPM). */
  requires?: OsNeed[];
}

export type WizardOptions = Omit<CreateOptions, "osVariants"> & { osVariants: VariantChoice[] };

/** Slims CreateOptions for the page's data-props (the full variant list is ~240 KB of JSON). */
export function wizardOptions({ osVariants, ...rest }: CreateOptions): WizardOptions {
  return {
    ...rest,
    osVariants: osVariants.map((v: OsVariant) => ({
      id: v.id,
      name: v.name,
      aliases: [...(v.shortIds ?? []).filter((s) => s !== v.id), v.version ?? ""].join(" ")
        .trim(),
      osType: v.osType,
      supported: v.supported,
      cpus: v.recommendedCpus ?? v.minimumCpus,
      memoryMb: v.recommendedMemoryMb ?? v.minimumMemoryMb,
      diskGb: v.recommendedDiskGb ?? v.minimumDiskGb,
      ...(v.requires ? { requires: v.requires } : {}),
    })),
  };
}

/** "Recommended: 2 CPUs, 4 GiB memory, 20 GiB disk", or null when osinfo names no resources. */
export function recommendationText(v: VariantChoice): string | null {
  const parts = [
    v.cpus && t("{{count}} CPUs", { count: v.cpus }),
    v.memoryMb && t("{{size}} memory", { size: sizeText(v.memoryMb, "MiB") }),
    v.diskGb && t("{{size}} disk", { size: sizeText(v.diskGb, "GiB") }),
  ].filter(Boolean);
  return parts.length ? t("Recommended: {{list}}", { list: parts.join(", ") }) : null;
}

/** The host facts shared/vm_config.ts checks against, from the options the page was given. */
export function hostFacts(o: WizardOptions): HostFacts {
  return hostFactsOf(o);
}
